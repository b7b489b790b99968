"""Walk-in at the counter, in Chromium: the duplicate is offered, used, and found from the top bar."""
from selenium.webdriver.common.by import By

from test_browser import sign_in, submit


def test_walk_in_known_at_another_dealer_is_offered_and_used(browser, server):
    # setup: the customer exists at Autorama Milano
    status, body = server.api("POST", "/api/v1/customers", {"first_name": "Lucia", "last_name": "Ferrari", "phone": "349 555 1212", "city": "Milano"}, token=server.token("sales1"))
    assert status == 201, body
    # act: a salesperson at Brianza Motori enters the walk-in
    sign_in(browser, server, "sales2")
    browser.get(server.url + "/customers/new")
    browser.find_element(By.ID, "first_name").send_keys("Lucia")
    browser.find_element(By.ID, "last_name").send_keys("Ferrari")
    browser.find_element(By.ID, "phone").send_keys("+39 349-5551212")
    browser.find_element(By.ID, "email").send_keys("lucia.ferrari@example.it")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    # check: the existing customer is offered, with the reason, and the typed e-mail is kept
    assert "This customer is probably known already" in browser.page_source
    assert "same phone +393495551212" in browser.page_source
    assert "known at another unit" in browser.page_source
    assert browser.find_element(By.ID, "email").get_attribute("value") == "lucia.ferrari@example.it"
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Use this customer']"))
    assert "Using the existing customer" in browser.page_source
    assert "Lucia Ferrari" in browser.find_element(By.TAG_NAME, "h1").text
    # results appear as you type in the top bar
    from selenium.webdriver.support.ui import WebDriverWait
    box = browser.find_element(By.ID, "global-search")
    box.send_keys("ferr")
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
    suggestion = browser.find_element(By.CSS_SELECTOR, "#search-results a")
    assert suggestion.text.startswith("Lucia Ferrari") and "+393495551212" in suggestion.text, suggestion.text
    box.clear()
    # and the top-bar search finds her by phone in another format
    box.send_keys("349 5551212")
    page = browser.find_element(By.TAG_NAME, "html").id
    box.submit()
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != page)
    assert browser.find_elements(By.LINK_TEXT, "Lucia Ferrari")
    # log the visit with a follow-up today, and find it on the home work list
    browser.find_element(By.LINK_TEXT, "Lucia Ferrari").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "outcome"))
    browser.find_element(By.ID, "outcome").send_keys("Wants an offer for the hybrid")
    day = browser.find_element(By.ID, "follow_up_on").get_attribute("min")
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "follow_up_on"), day)
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Log contact']"))
    assert "contact logged" in browser.page_source
    assert "Wants an offer for the hybrid" in browser.page_source
    browser.get(server.url + "/")
    assert "Follow up with Lucia Ferrari: Wants an offer for the hybrid" in browser.page_source
