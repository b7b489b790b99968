"""E-mail over real SMTP: a password-reset mail reaches a local aiosmtpd server, and its link works."""
import re
import time
import urllib.parse
import urllib.request

import pytest
from aiosmtpd.controller import Controller

from conftest import Server, free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"


@pytest.fixture(scope="module")
def inbox():
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield box, controller.port
    controller.stop()


@pytest.fixture(scope="module")
def mail_server(inbox):
    _, port = inbox
    s = Server(env={"TORQUE_SMTP_URL": f"smtp://127.0.0.1:{port}", "TORQUE_MAIL_FROM": "no-reply@torque.example"})
    yield s
    s.stop()


def post_form(url, fields):
    """Posts a signed-out form as a browser does: the page first, for its CSRF cookie and field."""
    import http.cookiejar

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    base = url.split("/", 3)
    with opener.open(base[0] + "//" + base[2] + "/login", timeout=10) as page:
        token = re.search(r'name="_csrf" value="([^"]+)"', page.read().decode()).group(1)
    data = urllib.parse.urlencode(dict(fields, _csrf=token)).encode()
    req = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with opener.open(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_password_reset_mail_is_delivered_over_smtp_and_its_link_sets_the_password(inbox, mail_server):
    box, _ = inbox
    assert post_form(mail_server.url + "/password/forgot", {"login": "advisor1"}) == 303
    deadline = time.time() + 30
    while not box.messages and time.time() < deadline:
        time.sleep(0.2)
    assert box.messages, "no mail arrived; server log:\n" + mail_server.output()[-3000:]
    mail_from, rcpts, content = box.messages[-1]
    assert mail_from == "no-reply@torque.example"
    assert rcpts == ["advisor1@demo.torque.example"]
    assert "Subject: Your Torque password" in content
    token = re.search(r"/password/reset\?token=([A-Za-z0-9_-]+)", content).group(1)
    assert post_form(mail_server.url + "/password/reset", {"token": token, "new_password": "new-advisor-pw", "confirm_password": "new-advisor-pw"}) == 303
    assert mail_server.token("advisor1", "new-advisor-pw")
    # the outbox records the delivery
    status, body = mail_server.api("GET", "/api/v1/outbox-messages", token=mail_server.token("admin"))
    assert status == 200
    assert body["data"][0]["state"] == "sent"
    assert body["data"][0]["sent_at"]


def make_certificate(directory):
    """A self-signed certificate for 127.0.0.1, written as PEM files."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "torque test smtp")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory + "/cert.pem", directory + "/key.pem"
    open(cert_path, "wb").write(cert.public_bytes(serialization.Encoding.PEM))
    open(key_path, "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_and_auth_are_used_when_the_server_offers_them():
    import ssl
    import tempfile

    from aiosmtpd.smtp import AuthResult

    box = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"torque" and auth_data.password == b"s3cret pass")

    with tempfile.TemporaryDirectory() as d:
        cert, key = make_certificate(d)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        controller = Controller(box, hostname="127.0.0.1", port=free_port(), tls_context=ctx, require_starttls=True,
                                auth_required=True, authenticator=authenticator)
        controller.start()
        s = Server(env={"TORQUE_SMTP_URL": f"smtp://torque:s3cret%20pass@127.0.0.1:{controller.port}", "TORQUE_SMTP_CA_FILE": cert})
        try:
            assert post_form(s.url + "/password/forgot", {"login": "manager1"}) == 303
            deadline = time.time() + 30
            while not box.messages and time.time() < deadline:
                time.sleep(0.2)
            assert box.messages, "no mail over STARTTLS; server log:\n" + s.output()[-3000:]
            assert logins == [("PLAIN", b"torque", b"s3cret pass")]
            assert box.messages[0][1] == ["manager1@demo.torque.example"]
        finally:
            s.stop()
            controller.stop()
