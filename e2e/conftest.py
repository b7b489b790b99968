"""Starts the real `torque` binary on a free port with a fresh database, for the e2e suite."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

BIN = os.environ.get("TORQUE_BIN", os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "torque"))
PASSWORD = "torque-demo"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, env=None, database=None):
        self.dir = tempfile.mkdtemp(prefix="torque-e2e-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [BIN, "serve", "--demo", "--port", str(self.port)]
        if database:
            args += ["--database", database]
        self.log = open(os.path.join(self.dir, "serve.log"), "w")
        full_env = dict(os.environ, **(env or {}))
        full_env.pop("TORQUE_DATABASE_URL", None) if not database else None
        self.proc = subprocess.Popen(args, cwd=self.dir, stdout=self.log, stderr=subprocess.STDOUT, env=full_env)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except Exception:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("torque did not start: " + open(os.path.join(self.dir, "serve.log")).read())

    def api(self, method, path, body=None, token=None):
        req = urllib.request.Request(self.url + path, method=method, data=json.dumps(body).encode() if body is not None else None)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def token(self, login, password=PASSWORD):
        status, body = self.api("POST", "/api/v1/auth/token", {"username": login, "password": password})
        assert status == 201, body
        return body["token"]

    def unit_id(self, code):
        status, body = self.api("GET", "/api/v1/org-units?limit=500", token=self.token("admin"))
        assert status == 200, body
        return next(u["id"] for u in body["data"] if u["code"] == code)

    def output(self):
        self.log.flush()
        return open(os.path.join(self.dir, "serve.log")).read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()
