"""The site served as in production, in processes of its own, and a small browser to visit it.

Tests that need what only a real server shows (gunicorn, WhiteNoise, production settings, a
cache shared between servers) start one here and talk to it over HTTP on the loopback.
Those that need a PostgreSQL database of their own get a throwaway one here.
"""

import gzip
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import conninfo, pq, sql

BASE_DIR = Path(settings.BASE_DIR)
START_TIMEOUT = 30


def production_env(**variables):
    """The environment of a production process on this machine, plus `variables`."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "test-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        **variables,
    }


def manage(*args, env):
    """Run a management command in its own process; fail with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server process started by `command`, answering on 127.0.0.1:`port`, logging to a file."""

    def __init__(self, command, *, env, port, log_path):
        self.port = port
        self.log_path = log_path
        with open(log_path, "wb") as log:
            # Its own process group: `make serve` runs gunicorn, whose workers all must stop.
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env={**env, "PORT": str(port)},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_it_answers()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _wait_until_it_answers(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server stopped while starting:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"The server did not answer within {START_TIMEOUT} s:\n{self.log()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def gunicorn(*, env, log_path, workers=2):
    """Gunicorn as production runs it, with `workers` processes."""
    return Server(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn.py"],
        env={**env, "WEB_CONCURRENCY": str(workers)},
        port=free_port(),
        log_path=log_path,
    )


# --- Services a test needs -------------------------------------------------------------------


def service_missing(reason):
    """Skip the test for want of a service (PostgreSQL, Redis...), or fail it where one must be.

    CI sets REQUIRE_SERVICES=1 (.ci/run): there every service is installed, so a missing one is a
    broken machine, not a gap to skip over.
    """
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} REQUIRE_SERVICES=1: every service must answer here.")
    pytest.skip(reason)


# --- A PostgreSQL database of its own --------------------------------------------------------

# The server of the PostgreSQL pass of `make test` (Makefile), where tests that need a database of
# their own create one.
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")


def postgres_url(database):
    """The address of `database` on the PostgreSQL server of POSTGRES_URL."""
    return urllib.parse.urlsplit(POSTGRES_URL)._replace(path=f"/{database}").geturl()


def postgres_answers():
    """Whether a PostgreSQL server answers at POSTGRES_URL (whatever it would say to a login)."""
    address = conninfo.make_conninfo(POSTGRES_URL, connect_timeout=3)
    return pq.PGconn.ping(address.encode()) == pq.Ping.OK


@contextmanager
def throwaway_postgres_database(prefix):
    """A new, empty PostgreSQL database named after `prefix`, dropped afterwards: yields its URL."""
    database = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    try:
        yield postgres_url(database)
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database)))


# --- A small browser -----------------------------------------------------------------------


@dataclass
class Page:
    status: int
    headers: object
    body: bytes

    @property
    def text(self):
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.body).decode()
        return self.body.decode()

    def cookies(self):
        """The cookies this response sets, by name, with their attributes."""
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return jar


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies, Secure ones included (the servers speak plain HTTP on the loopback)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, path, headers=None, method="GET"):
        return self._send(urllib.request.Request(self.base_url + path, method=method), headers)

    def post(self, path, fields, headers=None):
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=body, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        return self._send(request, headers)

    def _send(self, request, headers):
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self._opener.open(request, timeout=15)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            page = Page(response.status, response.headers, response.read())
        for name, morsel in page.cookies().items():
            if morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value
        return page

    def log_in(self, username, password):
        """Log in to the editors' space through its form, as a person does."""
        form = self.get("/admin/login/")
        response = self.post(
            "/admin/login/?next=/admin/",
            {
                **dict(form_fields(form.text, "login-form")),
                "username": username,
                "password": password,
            },
        )
        assert response.status == 302, response.text
        return response


class _FormFields(HTMLParser):
    """What a browser would send for one form of a page, unchanged."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.fields = []
        self._in_form = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self._in_form = True
        if not self._in_form or ("name" not in attrs and tag != "option"):
            return
        kind = attrs.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((attrs["name"], attrs.get("value") or "on"))
            else:
                self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # HTML drops the newline that follows <textarea>.
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form = False


def form_fields(html, form_id):
    """The fields of the form `form_id` of a page, as (name, value) pairs in order."""
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.fields
