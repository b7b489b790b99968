"""CAT-3 and STOCK-1 in Chromium: a salesperson configures a car on a phone-sized screen, saves
and shares it, finds a matching unit and reserves it for the customer's opportunity."""
import os
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import sign_in, submit


def opportunity_for(server, login, name):
    token = server.token(login)
    status, lead = server.api("POST", "/api/v1/leads", {"last_name": name, "phone": "347 123 4567", "interest_model": "Dama"}, token=token)
    assert status in (200, 201), lead
    status, done = server.api("POST", "/api/v1/leads/%d/convert" % lead["id"], {"on_duplicate": "create"}, token=token)
    assert status in (200, 201), done
    return done["opportunity"]["id"]


def tap(browser, element):
    """Scrolls the element to the middle of the screen (clear of the sticky price bar) and taps it."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    submit(browser, element)


def test_configure_on_a_phone_share_and_reserve_matching_stock(browser, server):
    browser.set_window_size(390, 844)
    try:
        sign_in(browser, server, "sales1")
        browser.get(server.url + "/configure")
        submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Dama"))
        assert "Essenziale" in browser.page_source
        # the page fits the phone: nothing to scroll sideways
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        # choose the electric engine, then the tow hitch: the page explains the engine change
        tap(browser, browser.find_element(By.CSS_SELECTOR, "input[name=engine][value=EV]"))
        total_ev = browser.find_element(By.CSS_SELECTOR, ".pricebar strong").text
        tap(browser, browser.find_element(By.CSS_SELECTOR, "input[name=o][value=TOW]"))
        assert "Tow hitch, retractable requires it" in browser.page_source
        assert browser.find_element(By.CSS_SELECTOR, "input[name=engine][value=P12]").is_selected()
        assert browser.find_element(By.CSS_SELECTOR, ".pricebar strong").text != total_ev
        shot = os.path.join(os.environ.get("TORQUE_E2E_ARTIFACTS", tempfile.gettempdir()), "configurator-390px.png")
        browser.save_screenshot(shot)
        assert os.path.getsize(shot) > 10_000
        # save, then open the link the customer gets
        submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save configuration']"))
        assert "saved at EUR" in browser.page_source
        share = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Share link']").get_attribute("value")
        assert share.startswith("/c/")
        total = browser.find_element(By.CSS_SELECTOR, "tfoot th:last-child").text
        configuration_url = browser.current_url
        # lease it on the phone: the price comes from the configuration (QUOTE-2)
        submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Finance or lease"))
        digits = lambda text: "".join(ch for ch in text if ch.isdigit())
        assert digits(browser.find_element(By.ID, "price").get_attribute("value")) == digits(total) + "00"
        browser.find_element(By.ID, "rate").send_keys("3.9")
        # choosing "lease" brings its fields at once, keeping what was typed, without complaining yet
        tap(browser, browser.find_element(By.CSS_SELECTOR, "input[name=kind][value=lease]"))
        assert browser.find_element(By.ID, "rate").get_attribute("value") == "3.9"
        assert "field-error" not in browser.page_source
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Calculate']"))
        assert "Residual is required for a lease" in browser.page_source
        browser.find_element(By.ID, "residual_percent").send_keys("55")
        browser.find_element(By.ID, "km_per_year").send_keys("15000")
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Calculate']"))
        assert "a month" in browser.find_element(By.ID, "payment").text
        assert "Rent charge" in browser.page_source and "60000 km over the term" in browser.page_source
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.execute_script("document.getElementById('payment').scrollIntoView()")
        browser.save_screenshot(os.path.join(os.environ.get("TORQUE_E2E_ARTIFACTS", tempfile.gettempdir()), "lease-390px.png"))
        browser.get(configuration_url)
        # find stock like it, then reserve the best unit for a fresh opportunity
        opp = opportunity_for(server, "sales1", "Gallo")
        submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Find matching stock"))
        assert "Best match first" in browser.page_source
        submit(browser, browser.find_element(By.CSS_SELECTOR, "table.list a"))
        Select(browser.find_element(By.ID, "opportunity_id")).select_by_value(str(opp))
        submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Reserve']"))
        assert "Reserved for you" in browser.page_source
        assert "reserved by Sara Colombo" in browser.page_source
        assert "for Gallo" in browser.page_source, "the deal and its customer are named"
        # the customer's link, signed out
        browser.delete_all_cookies()
        browser.get(server.url + share)
        assert total in browser.page_source
        assert "Sign in" not in browser.find_element(By.TAG_NAME, "main").text if browser.find_elements(By.TAG_NAME, "main") else True
    finally:
        browser.set_window_size(1280, 900)


def test_stock_list_filters_and_saves_a_view(browser, server):
    sign_in(browser, server, "manager1")
    browser.get(server.url + "/stock")
    Select(browser.find_element(By.ID, "aging")).select_by_value("old")
    Select(browser.find_element(By.ID, "sort")).select_by_value("oldest_stock")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Filter']"))
    assert "aging=old" in browser.current_url
    days = [int(e.text) for e in browser.find_elements(By.CSS_SELECTOR, "span.age-old")]
    assert days and min(days) >= 120 and days == sorted(days, reverse=True)
    browser.find_element(By.ID, "view_name").send_keys("Old stock")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save view']"))
    assert "View “Old stock” saved." in browser.page_source
    browser.get(server.url + "/stock")
    submit(browser, browser.find_element(By.LINK_TEXT, "Old stock"))
    assert "aging=old" in browser.current_url
