"""SALES-1 in Chromium: the salesperson's pipeline on a desktop and on a phone, a deal moved
along the board, and a lost deal that must say why."""
import os
import tempfile

from selenium.webdriver.common.by import By

from test_browser import sign_in, submit


def column(browser, label):
    return browser.find_element(By.CSS_SELECTOR, "section.column[aria-label='%s']" % label)


def test_pipeline_board_moves_a_deal_and_a_loss_needs_a_reason(browser, server):
    sign_in(browser, server, "sales1")
    browser.get(server.url + "/sales")
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Pipeline"))
    # the demo dealer's pipeline: something in every open stage, stale deals marked
    for label in ["New", "Contacted", "Test drive", "Quoted", "Negotiating"]:
        assert column(browser, label).find_elements(By.CSS_SELECTOR, "article.opp"), label
    assert browser.find_elements(By.CSS_SELECTOR, "article.opp.stale"), "deals unmoved for two weeks are marked"
    # move the test-drive deal on to Quoted from the board
    card = column(browser, "Test drive").find_element(By.CSS_SELECTOR, "article.opp")
    title = card.find_element(By.TAG_NAME, "strong").text
    submit(browser, card.find_element(By.XPATH, ".//button[normalize-space()='→ Quoted']"))
    assert "%s: Quoted." % title in browser.page_source
    assert title in column(browser, "Quoted").text
    # open it and lose it: first without a reason, then with one
    submit(browser, column(browser, "Quoted").find_element(By.LINK_TEXT, title))
    browser.find_element(By.CSS_SELECTOR, "#move_stage option[value='lost']").click()
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Move']"))
    assert "Reason is required when an opportunity is lost" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, "#move_stage option[value='lost']").is_selected(), "the chosen stage is kept"
    browser.find_element(By.ID, "lost_reason").send_keys("Waiting for next year's model")
    submit(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Move']"))
    assert "Waiting for next year's model" in browser.page_source
    # the customer's timeline tells the story
    submit(browser, browser.find_element(By.CSS_SELECTOR, "dl.facts a[href^='/customers/']"))
    assert "%s: Lost" % title in browser.page_source


def test_pipeline_fits_a_phone(browser, server):
    browser.set_window_size(390, 844)
    try:
        sign_in(browser, server, "sales2")
        browser.get(server.url + "/sales/pipeline")
        assert browser.find_elements(By.CSS_SELECTOR, "article.opp")
        # the board scrolls sideways inside itself; the page does not
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(os.path.join(os.environ.get("TORQUE_E2E_ARTIFACTS", tempfile.gettempdir()), "pipeline-390px.png"))
    finally:
        browser.set_window_size(1280, 900)
