"""Issue 8 in Chromium: a dealer orders a car the distribution center has, the engine allocates
it and says why, logistics dispatches it and records its arrival, the car is in the dealer's
stock and the order is invoiced; at the plant, QA records an inspection and finds this week's
recurring-defect alert with its chart."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import sign_in, submit


def fill(browser, field, value):
    element = browser.find_element(By.ID, field)
    element.clear()
    element.send_keys(value)


def press(browser, text):
    button = browser.find_element(By.XPATH, f"//button[normalize-space()='{text}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    submit(browser, button)


def test_order_allocate_ship_and_receive(browser, server):
    logistics = server.token("logistics1")
    hub = server.unit_id("DC-N")
    status, cars = server.api("GET", f"/api/v1/vehicles?org_unit_id={hub}&status=in_stock&limit=5", token=logistics)
    assert status == 200 and cars["data"], cars
    car = cars["data"][-1]
    sign_in(browser, server, "principal1")
    browser.get(server.url + "/distribution")
    Select(browser.find_element(By.ID, "model_id")).select_by_value(str(car["model_id"]))
    fill(browser, "trim", car["trim"])
    fill(browser, "engine", car["engine"])
    fill(browser, "colour", car["colour"])
    fill(browser, "options", car["options"])
    fill(browser, "quantity", "1")
    fill(browser, "note", "Showroom car for the spring")
    press(browser, "Order")
    page = browser.page_source
    assert "1 allocated from stock" in page, page[:2000]
    assert f"has the exact car: VIN {car['vin']}" in browser.find_element(By.ID, "cars").text
    order_url = browser.current_url
    browser.get(server.url + "/")
    assert "Vehicle orders under way" in browser.page_source

    sign_in(browser, server, "logistics1")
    browser.get(order_url)
    eta = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    fill(browser, "carrier", "Autotrasporti Padani")
    fill(browser, "tracking_number", "E2E-" + order_url.rsplit("/", 1)[1])
    browser.execute_script("document.getElementById('eta').value = arguments[0]", eta)
    fill(browser, "legs", "Piacenza > Milano")
    press(browser, "Dispatch")
    assert "dispatched with 1 car(s); invoiced to the dealer" in browser.page_source
    assert "Piacenza → Milano" in browser.page_source
    Select(browser.find_element(By.ID, "status")).select_by_value("delivered")
    fill(browser, "location", "Autorama Milano, Viale Forlanini")
    press(browser, "Record the report")
    assert "now in Autorama Milano's stock" in browser.page_source

    sign_in(browser, server, "principal1")
    browser.get(server.url + f"/stock/vehicles/{car['id']}")
    assert "In stock" in browser.page_source and "Autorama Milano" in browser.page_source
    browser.get(server.url + "/distribution/settlements")
    assert "INV-" in browser.find_element(By.TAG_NAME, "table").text
    assert "nothing open" not in browser.find_element(By.ID, "balance").text


def test_plant_quality_and_the_defect_alert(browser, server):
    status, inspections = server.api("GET", "/api/v1/qa-inspections?limit=1", token=server.token("qa1"))
    assert status == 200 and inspections["data"], inspections
    vin = inspections["data"][0]["vin"]
    sign_in(browser, server, "qa1")
    browser.get(server.url + "/production")
    fill(browser, "vin", vin)
    Select(browser.find_element(By.ID, "defects")).select_by_value("BD-201")
    fill(browser, "qnote", "rear left door")
    press(browser, "Record the inspection")
    assert f"{vin} failed: BD-201." in browser.page_source
    # the demo's rising code: the alert, its reason and its weekly chart
    link = browser.find_element(By.CSS_SELECTOR, "#alerts a")
    submit(browser, link)
    assert "rising" in browser.find_element(By.ID, "reason").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart polyline"), "the trend is drawn"
    browser.get(server.url + "/production/plan")
    assert "days of supply" in browser.find_element(By.ID, "production-plan").text
