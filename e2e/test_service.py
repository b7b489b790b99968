"""Issue 7's first part in Chromium at phone width: an advisor books a job on the proposed
technician, checks the car in, the workshop clocks the job, the order closes and the owner's
"car is ready" message is queued. At check-in a photo is taken and the customer signs on the
screen."""
import os
import tempfile

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import sign_in, submit


def fill(browser, field, value):
    element = browser.find_element(By.ID, field)
    element.clear()
    element.send_keys(value)


def tap(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    submit(browser, element)


def text_of(browser, element_id):
    """The element's text, or "" while the page is being replaced (a reload after a script's call)."""
    try:
        return browser.find_element(By.ID, element_id).text
    except WebDriverException:
        return ""


def fits(browser):
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_book_check_in_clock_and_close_on_a_phone(browser, server):
    status, cars = server.api("GET", "/api/v1/vehicles?status=in_stock&limit=5", token=server.token("advisor1"))
    assert status == 200, cars
    vin = cars["data"][0]["vin"]
    browser.set_window_size(390, 844)
    try:
        sign_in(browser, server, "advisor1")
        browser.get(server.url + "/service")
        assert fits(browser), "the day fits the phone"
        tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Book a job"))
        fill(browser, "vehicle", vin)
        browser.find_element(By.CSS_SELECTOR, "input[name=op][value='SRV-A']").click()
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Find the earliest slots']"))
        proposal = browser.find_element(By.CSS_SELECTOR, "#proposals form.proposal p").text
        assert " on " in proposal and any(name in proposal for name in ("Marco Gallo", "Elisa Ferrara", "Paolo Riva")), proposal
        assert fits(browser), "the proposals fit the phone"
        tap(browser, browser.find_element(By.CSS_SELECTOR, "#proposals button[type=submit]"))
        assert "Booked " in browser.page_source
        assert "Annual service" in browser.page_source
        # the Gantt of the day fits the phone and shows the job
        day_url = browser.current_url
        tap(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Agenda"))
        assert browser.find_elements(By.CSS_SELECTOR, "svg.gantt rect.solid"), "the booking is a bar"
        assert fits(browser), "the agenda fits the phone"
        # drag the bar to 08:00 (or 09:30 when it is there already): the day view spans
        # 07:00-19:00 over the chart's width after the 130-unit labels of its 760-unit viewBox
        bar = browser.find_element(By.CSS_SELECTOR, "svg.gantt rect.movable")
        before = bar.get_attribute("data-start")
        current = int(before[11:13]) * 60 + int(before[14:16])
        target = 480 if current != 480 else 570
        svg = browser.find_element(By.CSS_SELECTOR, "svg.gantt")
        per_minute = svg.size["width"] / 760 * (760 - 130) / 720
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", bar)
        step = round((target - current) * per_minute / 2)
        ActionChains(browser).click_and_hold(bar).move_by_offset(step, 0).move_by_offset(step, 0).release().perform()
        expected = before[:11] + "%02d:%02d" % (target // 60, target % 60)
        def moved(b):
            # the page reloads after the move: read the bar afresh, and read nothing twice
            try:
                if "Not moved" in b.find_element(By.ID, "gantt-status").text:
                    return "refused: " + b.find_element(By.ID, "gantt-status").text
                start = b.find_element(By.CSS_SELECTOR, "svg.gantt rect.movable").get_attribute("data-start")
                return start if start and start != before else False
            except WebDriverException:
                return False
        after = WebDriverWait(browser, 10).until(moved)
        assert after == expected, (before, after, expected)
        browser.get(day_url)
        # the car arrives
        summary = browser.find_element(By.XPATH, "//summary[normalize-space()='Check in']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        km = browser.find_element(By.CSS_SELECTOR, "input[name=mileage_km]")
        km.send_keys("400000")
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Open the repair order']"))
        assert "RO-" in browser.find_element(By.TAG_NAME, "h1").text, browser.find_element(By.TAG_NAME, "main").text[:400]
        order_url = browser.current_url
        # a photo of the damage and the customer's signature, drawn with a finger (the mouse here)
        photo = os.path.join(tempfile.mkdtemp(), "bumper.jpg")
        with open(photo, "wb") as f:
            f.write(bytes([0xFF, 0xD8, 0xFF, 0xE0]) + bytes(range(256)) * 4)
        fill(browser, "photo_note", "Scratch on the rear bumper")
        browser.find_element(By.ID, "photo").send_keys(photo)
        WebDriverWait(browser, 10).until(lambda b: "Scratch on the rear bumper" in text_of(b, "ro-files"))
        pad = browser.find_element(By.ID, "signature")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", pad)
        ActionChains(browser).move_to_element_with_offset(pad, -100, 0).click_and_hold().move_by_offset(60, 20).move_by_offset(60, -30).release().perform()
        browser.find_element(By.ID, "signature-save").click()
        # (the pad's own label says "Customer's signature": wait for the saved drawing after the reload)
        WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#ro-files img.signature"))
        assert not browser.find_elements(By.ID, "signature"), "signed once: the pad is gone"
        assert fits(browser), "the photos fit the phone"
        # the workshop clocks the job
        sign_in(browser, server, "workshop1")
        browser.get(order_url)
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Clock in']"))
        assert "Clocked in." in browser.page_source
        tap(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Clock out']"))
        assert "Clocked out." in browser.page_source
        # the advisor closes it
        sign_in(browser, server, "advisor1")
        browser.get(order_url)
        browser.find_element(By.NAME, "confirm").click()
        tap(browser, browser.find_element(By.XPATH, "//button[contains(., 'Close and tell the customer')]"))
        assert "closed:" in browser.page_source and "the owner is told the car is ready" in browser.page_source
        assert fits(browser), "the repair order fits the phone"
    finally:
        browser.set_window_size(1280, 900)
