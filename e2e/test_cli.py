"""The `torque` command line as an operator uses it."""
import subprocess
import tempfile

from conftest import BIN, Server


def torque(*args, stdin=None, cwd=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_help_lists_the_commands():
    out = torque("--help").stdout
    for word in ("serve", "migrate", "demo", "user"):
        assert word in out
    assert "--password-stdin" in torque("user", "add", "--help").stdout


def test_migrate_demo_user_add_and_serve_keep_existing_data():
    with tempfile.TemporaryDirectory() as d:
        db = d + "/t.sqlite"
        r = torque("migrate", "--database", db)
        assert r.returncode == 0 and "up to date" in r.stdout, r.stderr
        assert "Demo network loaded" in torque("demo", "--database", db).stdout
        assert "nothing was changed" in torque("demo", "--database", db).stdout
        bad = torque("user", "add", "--login", "anna", "--email", "a@b.it", "--role", "pilot", "--unit", "OEM", "--password-stdin", "--database", db, stdin="long-enough-pw\n")
        assert bad.returncode != 0
        assert "role must be one of" in (bad.stdout + bad.stderr)
        short = torque("user", "add", "--login", "anna", "--email", "a@b.it", "--role", "administrator", "--unit", "OEM", "--password-stdin", "--database", db, stdin="short\n")
        assert short.returncode != 0 and "at least 10 characters" in (short.stdout + short.stderr)
        ok = torque("user", "add", "--login", "anna", "--name", "Anna Verdi", "--role", "administrator", "--unit", "OEM", "--password-stdin", "--database", db, stdin="long-enough-pw\n")
        assert ok.returncode == 0 and "Created anna" in ok.stdout, ok.stderr
        assert "No --email given" in ok.stdout
        # serve --demo on a database with data leaves it alone
        s = Server(database=db)
        try:
            token = s.token("anna", "long-enough-pw")
            status, units = s.api("GET", "/api/v1/org-units?limit=500", token=token)
            assert status == 200 and len(units["data"]) == 31
            assert "Demo logins" in s.output()
        finally:
            s.stop()


def test_demo_at_oem_scale_generates_searchable_customers_with_profiles():
    with tempfile.TemporaryDirectory() as d:
        db = d + "/oem.sqlite"
        bad = torque("demo", "--scale", "oem", "--customers", "0", "--database", db)
        assert bad.returncode != 0 and "--customers must be from 1" in (bad.stdout + bad.stderr)
        r = torque("demo", "--scale", "oem", "--customers", "1200", "--events", "3", "--database", db)
        assert r.returncode == 0, r.stderr
        assert "1200 customers" in r.stdout
        s = Server(database=db)
        try:
            token = s.token("admin")
            status, found = s.api("GET", "/api/v1/customers?q=%2B393000012345", token=token)  # customer 0's phone
            assert status == 200 and len(found["data"]) == 1, found
            cid = found["data"][0]["id"]
            status, profile = s.api("GET", "/api/v1/customers/%d/profile" % cid, token=token)
            assert status == 200 and profile["lifetime_value_minor"] > 0 and profile["reasons"], profile
            status, timeline = s.api("GET", "/api/v1/customers/%d/timeline" % cid, token=token)
            assert [e["kind"] for e in timeline["data"]][-1] == "purchase"
        finally:
            s.stop()
