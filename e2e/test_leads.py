"""A web-form inquiry reaches the dealer, is qualified and converted, in Chromium."""
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import sign_in, submit


def test_web_form_lead_is_qualified_and_converted(browser, server):
    # setup: the dealer's form key, and a visitor posting the website form (no account)
    status, settings = server.api("GET", "/api/v1/org-units/%d/lead-settings" % server.unit_id("D-MI1"), token=server.token("manager1"))
    assert status == 200, settings
    form = urllib.parse.urlencode({"name": "Elisa Marino", "phone": "347 700 8899", "interest_model": "Tonale", "message": "Is the hybrid in stock?", "website": ""}).encode()
    with urllib.request.urlopen(urllib.request.Request(settings["form_url"], data=form, method="POST")) as r:
        assert "We received your request" in r.read().decode()
    # act: the assigned salesperson finds it on the work list and qualifies it
    sign_in(browser, server, "sales1")
    assert "Answer new lead L-" in browser.page_source
    browser.find_element(By.PARTIAL_LINK_TEXT, "Elisa Marino").click()
    assert "Is the hybrid in stock?" in browser.page_source
    assert "answer within" in browser.page_source or "answer by" in browser.page_source
    Select(browser.find_element(By.ID, "timeframe")).select_by_value("now")
    Select(browser.find_element(By.ID, "status")).select_by_value("contacted")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Save']"))
    assert "+25 buying within a month" in browser.page_source
    assert "answer within" not in browser.page_source and "answer by" not in browser.page_source, "the first response stopped the clock"
    # convert: nothing to retype
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Convert to customer"))
    assert browser.find_element(By.ID, "title").get_attribute("value") == "Tonale for Elisa Marino"
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Convert']"))
    # check: the customer page shows the opportunity and the lead on the timeline
    assert "Elisa Marino" in browser.find_element(By.TAG_NAME, "h1").text
    assert "Tonale for Elisa Marino" in browser.page_source
    assert "+393477008899" in browser.page_source
