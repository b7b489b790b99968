"""Issue 6's walkthrough in Chromium, on a desktop and on a 390 px phone: a walk-in lead becomes
a customer and a deal, a car is reserved and quoted with a trade-in appraised on the way and a
lease, a residual above the price is refused beside its field, the customer signs and the
contract prints (to PDF through the browser)."""
import base64
import os
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import sign_in, submit


def fill(browser, field, value):
    element = browser.find_element(By.ID, field)
    element.clear()
    element.send_keys(value)


def tap(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    submit(browser, element)


def fits(browser):
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def walk_in_to_contract(browser, server, last_name, phone, trade_in_vin, phone_width=False):
    sign_in(browser, server, "sales1")
    # a walk-in: the lead, then customer + opportunity without retyping
    browser.get(server.url + "/leads/new")
    fill(browser, "first_name", "Walter")
    fill(browser, "last_name", last_name)
    fill(browser, "phone", phone)
    fill(browser, "interest_model", "Dama")
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save lead']"))
    tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Convert to customer"))
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Convert']"))
    assert last_name in browser.find_element(By.TAG_NAME, "h1").text
    customer_url = browser.current_url
    opportunity = browser.find_element(By.CSS_SELECTOR, "a[href^='/sales/opportunities/']").get_attribute("href").rsplit("/", 1)[1]
    # the car on the lot, held for this deal, then quoted
    browser.get(server.url + "/stock?status=in_stock&kind=new")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "table.list a[href^='/stock/vehicles/']"))
    car_url = browser.current_url
    Select(browser.find_element(By.ID, "opportunity_id")).select_by_value(opportunity)
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Reserve']"))
    tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Quote this car"))
    assert "For <strong>Walter %s</strong>" % last_name in browser.page_source
    if phone_width:
        assert fits(browser), "the quote form fits the phone"
    # the trade-in, appraised from the quote and back again
    tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Appraise a car the customer trades in"))
    fill(browser, "vin", trade_in_vin)
    fill(browser, "model_name", "Old faithful")
    fill(browser, "mileage_km", "98000")
    fill(browser, "estimated_value", "6500")
    fill(browser, "payoff", "1500")
    Select(browser.find_element(By.ID, "grade_tyres")).select_by_value("worn")
    fill(browser, "notes", "Dent on the tailgate")
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save the appraisal']"))
    assert "was saved" in browser.page_source or "saved:" in browser.page_source
    chosen = Select(browser.find_element(By.ID, "appraisal_id")).first_selected_option.text
    assert chosen.startswith("APR-") and "Old faithful" in chosen, chosen
    # a lease whose residual is above the price: refused beside the field, nothing lost
    price = int(browser.find_element(By.ID, "line_price_0").get_attribute("value").replace(",", "").split(".")[0])
    fill(browser, "discount_percent", "2")
    Select(browser.find_element(By.ID, "finance_kind")).select_by_value("lease")
    fill(browser, "finance_rate", "3.9")
    fill(browser, "finance_term", "36")
    fill(browser, "finance_km", "15000")
    fill(browser, "finance_residual", str(price * 2))
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save the quote']"))
    assert "Residual must be less than the price" in browser.page_source
    assert browser.find_element(By.ID, "discount_percent").get_attribute("value") == "2", "what was typed stays"
    assert browser.find_element(By.ID, "finance_rate").get_attribute("value") == "3.9"
    fill(browser, "finance_residual", str(price // 2))
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save the quote']"))
    assert "Lease offer" in browser.page_source
    assert "a month for 36 months at 3.90 % APR" in browser.page_source
    assert "Trade-in allowance" in browser.page_source
    if phone_width:
        assert fits(browser), "the quote page fits the phone"
    # the customer signs
    browser.find_element(By.NAME, "confirm").click()
    tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Accept: make the contract']"))
    assert "Sales contract C-" in browser.page_source
    assert trade_in_vin in browser.find_element(By.ID, "contract-trade-in").text
    assert "VIN" in browser.find_element(By.ID, "contract-car").text
    payment = browser.find_element(By.ID, "quote-payment").text
    assert payment.startswith("EUR "), payment
    artifacts = os.environ.get("TORQUE_E2E_ARTIFACTS", tempfile.gettempdir())
    browser.save_screenshot(os.path.join(artifacts, "contract-%s.png" % ("390px" if phone_width else "desktop")))
    # the contract prints as a document: the browser makes the PDF
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    with open(os.path.join(artifacts, "contract-%s.pdf" % ("390px" if phone_width else "desktop")), "wb") as f:
        f.write(pdf)
    # the car is sold to the customer, the trade-in is in stock as a used car, the deal is won
    browser.get(customer_url)
    assert "/sales/contracts/" in browser.page_source
    assert car_url.split(server.url)[1] in browser.page_source, "the car is on the 360 page"
    browser.get(server.url + "/sales/opportunities/" + opportunity)
    assert "<strong>Won</strong>" in browser.page_source
    browser.get(server.url + "/stock?kind=used&q=" + trade_in_vin)
    assert trade_in_vin in browser.page_source or "Old faithful" in browser.page_source


def test_walk_in_to_contract_with_trade_in_and_lease_on_desktop(browser, server):
    walk_in_to_contract(browser, server, "Desk", "347 555 0101", "1HGCM82633A004352")


def test_walk_in_to_contract_with_trade_in_and_lease_on_a_phone(browser, server):
    browser.set_window_size(390, 844)
    try:
        walk_in_to_contract(browser, server, "Pocket", "347 555 0102", "1M8GDM9AXKP042788", phone_width=True)
    finally:
        browser.set_window_size(1280, 900)
