"""CSV import in Chromium: upload, map, a rejected file with its error report, then valid rows only."""
import os
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import sign_in, submit

CSV = (
    "Cliente;Cellulare;Email;Città\n"
    "Bassi;347 600 1001;bassi@example.it;Lodi\n"
    "Orlando;12;;Pavia\n"
    "\"Conti, Sr\";347 600 1003;;\"Como\n(centro)\"\n"
)


def upload(browser, server, path):
    browser.get(server.url + "/imports")
    browser.find_element(By.ID, "file").send_keys(path)
    old = browser.find_element(By.TAG_NAME, "html").id
    browser.find_element(By.XPATH, "//button[normalize-space()='Upload']").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old and "/imports/" in d.current_url and d.find_elements(By.ID, "col_0"))


def wait_for_result(browser):
    # the progress page reloads itself every second until the job has finished
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "result"))
    return browser.find_element(By.ID, "result").text


def test_csv_import_with_an_error_report_then_valid_rows_only(browser, server):
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "clienti.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(CSV)
    sign_in(browser, server, "manager1")
    # act: upload; the phone and e-mail columns are recognised, the name column is not
    upload(browser, server, path)
    assert Select(browser.find_element(By.ID, "col_1")).first_selected_option.get_attribute("value") == "phone"
    assert Select(browser.find_element(By.ID, "col_2")).first_selected_option.get_attribute("value") == "email"
    assert "phone is too short" in browser.page_source, "the preview flags row 3"
    Select(browser.find_element(By.ID, "col_0")).select_by_value("last_name")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Start the import']"))
    # check: all or nothing, so nothing is imported and the bad row is named
    message = wait_for_result(browser)
    assert message.startswith("Nothing was imported: 1 of 3 rows needs correcting."), message
    rows = browser.find_elements(By.CSS_SELECTOR, "#errors tbody tr")
    assert [r.text for r in rows] == ["3 phone is too short to be a phone number 12"]
    report = browser.find_element(By.ID, "error-report").get_attribute("href")
    assert report.endswith("/errors.csv")
    # the same file again, importing the valid rows
    upload(browser, server, path)
    Select(browser.find_element(By.ID, "col_0")).select_by_value("last_name")
    browser.find_element(By.CSS_SELECTOR, "input[name=mode][value=valid_only]").click()
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Start the import']"))
    message = wait_for_result(browser)
    assert message == "2 customers created, 0 already known and shared with your unit, 1 row skipped (see the error report).", message
    browser.get(server.url + "/customers?q=conti")
    assert browser.find_elements(By.LINK_TEXT, "Conti, Sr")
