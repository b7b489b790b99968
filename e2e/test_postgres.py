"""The same binary on PostgreSQL: demo load, sign-in, scoped API, network page."""
import os

import pytest
from selenium.webdriver.common.by import By

from conftest import Server
from test_browser import sign_in

URL = os.environ.get("TORQUE_E2E_POSTGRES_URL")


@pytest.fixture(scope="module")
def pg_server():
    if not URL:
        pytest.fail("TORQUE_E2E_POSTGRES_URL is not set (scripts/test sets it)")
    s = Server(database=URL)
    yield s
    s.stop()


def test_runs_on_postgresql_with_scoping(pg_server, browser):
    status, health = pg_server.api("GET", "/health")
    assert (status, health["database"]) == (200, "postgresql")
    sales1 = pg_server.token("sales1")
    status, me = pg_server.api("GET", "/api/v1/me", token=sales1)
    assert me["org_unit"]["name"] == "Autorama Milano"
    admin = pg_server.token("admin")
    _, units = pg_server.api("GET", "/api/v1/org-units?q=Brianza&kind=dealer", token=admin)
    other = units["data"][0]["id"]
    status, _ = pg_server.api("GET", f"/api/v1/org-units/{other}", token=sales1)
    assert status == 404
    sign_in(browser, pg_server, "admin")
    browser.get(pg_server.url + "/admin/units")
    assert "Region North" in browser.page_source
    assert "Etna Automobili" in browser.page_source


def test_walk_in_to_contract_on_postgresql(pg_server, browser):
    from test_quotes import walk_in_to_contract
    walk_in_to_contract(browser, pg_server, "Postgres", "347 555 0103", "1HGCM82633A004352")
