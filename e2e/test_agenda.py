"""SALES-2 in Chromium: a test drive booked from the car's page, shown on the day, and the same
car refused for an overlapping slot with the reason beside the field."""
from selenium.webdriver.common.by import By

from test_browser import sign_in, submit


def fill(browser, field, value):
    element = browser.find_element(By.ID, field)
    element.clear()
    element.send_keys(value)


def book(browser, day, time):
    browser.execute_script("document.getElementById('day').value = arguments[0]; document.getElementById('time').value = arguments[1];", day, time)
    fill(browser, "minutes", "45")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Book']"))


def test_test_drive_from_the_car_and_no_double_booking(browser, server):
    sign_in(browser, server, "sales1")
    browser.get(server.url + "/stock?status=in_stock&kind=new")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "table.list a[href^='/stock/vehicles/']"))
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Book a test drive"))
    title = browser.find_element(By.ID, "title").get_attribute("value")
    assert title.startswith("Test drive "), title
    book(browser, "2031-05-06", "10:00")
    assert "Test drive booked for 2031-05-06 at 10:00." in browser.page_source
    assert "10:00–10:45" in browser.page_source
    # a colleague tries the same car half an hour later
    browser.get(browser.current_url)
    car = browser.find_element(By.CSS_SELECTOR, ".agenda a[href^='/stock/vehicles/']").get_attribute("href").rsplit("/", 1)[1]
    fill(browser, "title", "Second test drive")
    fill(browser, "vehicle_id", car)
    book(browser, "2031-05-06", "10:30")
    assert "is booked 2031-05-06T" in browser.page_source
    assert browser.find_element(By.ID, "title").get_attribute("value") == "Second test drive", "what was typed stays"
    # the week view shows the first one on its day
    browser.get(server.url + "/sales/agenda?day=2031-05-05&view=week")
    assert "10:00–10:45" in browser.page_source
