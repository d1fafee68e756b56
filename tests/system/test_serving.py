"""`make serve`: gunicorn, production settings, WhiteNoise, the health check, cookies and logs."""

import re

import pytest

from tests.servers import (
    BASE_DIR,
    Browser,
    Server,
    free_port,
    gunicorn,
    manage,
    production_env,
)

EDITOR_PASSWORD = "mot-de-passe-de-test-assez-long"
CREATE_EDITOR = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from core.publishing.permissions import EDITORS_GROUP
user = get_user_model().objects.create_user("editeur", password="{EDITOR_PASSWORD}", is_staff=True)
user.groups.add(Group.objects.get(name=EDITORS_GROUP))
"""
ONE_YEAR_IMMUTABLE = "max-age=315360000, public, immutable"
# What WhiteNoise's answers carry: X-Frame-Options aside (a stylesheet is no page to frame), the
# headers of every page (tests/system/test_headers_on_every_response.py).
STATIC_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "Permissions-Policy": (
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
        "geolocation=(), gyroscope=(), interest-cohort=(), magnetometer=(), microphone=(), "
        "midi=(), payment=(), usb=()"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def site(folder):
    """`make serve` on a new SQLite database, as a person starts it: no secret, no hosts."""
    env = {
        **{name: production_env()[name] for name in ("PATH", "HOME")},
        "DATABASE_URL": f"sqlite:///{folder / 'atlas.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_DIR": str(folder / "cache"),
        "WEB_CONCURRENCY": "2",
    }
    server = Server(
        ["make", "--no-print-directory", "serve"],
        env=env,
        port=free_port(),
        log_path=folder / "serve.log",
    )
    # The server answers once migrations have run: the editor can be added now.
    manage("shell", "-c", CREATE_EDITOR, env=production_env(DATABASE_URL=env["DATABASE_URL"]))
    yield server
    server.stop()


def test_make_serve_runs_gunicorn_with_production_settings_and_says_what_it_chose(site):
    page = Browser(site.url).get("/")

    assert page.status == 200
    log = site.log()
    assert "make serve: SECRET_KEY not set, using a throwaway key" in log
    assert "ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false (local HTTP)" in log
    assert f"Listening at: http://127.0.0.1:{site.port}" in log
    assert log.count("Booting worker with pid") == 2


def test_make_serve_names_no_server_software(site):
    page = Browser(site.url).get("/")

    assert page.headers["Server"] == "atlas"
    assert "X-Powered-By" not in page.headers


def test_healthz_answers_ok_uncached_and_without_cookies(site):
    page = Browser(site.url).get("/healthz")

    assert (page.status, page.text) == (200, "database ok\ncache ok\n")
    assert "no-store" in page.headers["Cache-Control"]
    assert page.headers.get_all("Set-Cookie") is None


def test_healthz_answers_503_when_the_database_does_not_answer(folder, tmp_path):
    # Nothing listens on a port just freed: the database refuses every connection.
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/atlas",
        STATIC_ROOT=str(folder / "static"),
    )
    server = gunicorn(env=env, log_path=tmp_path / "gunicorn.log", workers=1)
    try:
        page = Browser(server.url).get("/healthz")
    finally:
        server.stop()

    assert (page.status, page.text) == (503, "database unavailable\ncache ok\n")
    assert "no-store" in page.headers["Cache-Control"]
    assert "Health check failed: the database does not answer" in server.log()


def test_static_files_are_hashed_compressed_and_cached_for_a_year(site):
    browser = Browser(site.url)
    home = browser.get("/")
    stylesheet = re.search(r'href="(/static/css/atlas\.[0-9a-f]{12}\.css)"', home.text).group(1)

    page = browser.get(stylesheet, headers={"Accept-Encoding": "gzip"})

    assert page.status == 200
    assert page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Cache-Control"] == ONE_YEAR_IMMUTABLE


def directives(policy):
    return {part.strip() for part in policy.split(";")}


def test_static_files_get_the_security_headers(site):
    browser = Browser(site.url)
    stylesheet = re.search(r'href="(/static/css/atlas\.[0-9a-f]{12}\.css)"', browser.get("/").text)

    page = browser.get(stylesheet.group(1))

    assert page.status == 200
    got = {name: page.headers[name] for name in STATIC_SECURITY_HEADERS}
    # django-csp writes the directives in no fixed order: compare them as a set.
    assert directives(got.pop("Content-Security-Policy")) == directives(
        STATIC_SECURITY_HEADERS["Content-Security-Policy"]
    )
    assert got == {
        name: value
        for name, value in STATIC_SECURITY_HEADERS.items()
        if name != "Content-Security-Policy"
    }


def test_request_log_has_one_line_per_request_with_status_and_duration(site):
    browser = Browser(site.url)
    browser.get("/formations/?page=1")
    browser.get("/formations/?page=1")
    browser.get("/page-inexistante/")

    lines = re.findall(
        r"INFO atlas\.requests (GET /(?:formations|page-inexistante)/ \d+) \d+\.\dms cache=(\w+)",
        site.log(),
    )
    # Two workers, each with its own memory: the second request may be the other's first. An
    # address no view answers reads no parameter: it is served without a cache look-up (pass).
    assert lines in (
        [
            ("GET /formations/ 200", "miss"),
            ("GET /formations/ 200", "hit"),
            ("GET /page-inexistante/ 404", "pass"),
        ],
        [("GET /formations/ 200", "miss")] * 2 + [("GET /page-inexistante/ 404", "pass")],
    )


def test_head_request_gets_the_headers_without_a_body(site):
    page = Browser(site.url).get("/tags/", method="HEAD")

    assert page.status == 200
    assert page.text == ""
    assert int(page.headers["Content-Length"]) > 0
    assert "no-body response" not in site.log()


def test_https_behind_the_proxy_gets_hsts(site):
    page = Browser(site.url).get("/", headers={"X-Forwarded-Proto": "https"})

    assert page.headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains")


def test_plain_http_gets_no_hsts(site):
    assert "Strict-Transport-Security" not in Browser(site.url).get("/").headers


def test_cookies_are_secure_httponly_and_same_site(site):
    browser = Browser(site.url)
    login_form = browser.get("/admin/login/")
    logged_in = browser.log_in("editeur", EDITOR_PASSWORD)

    csrf = login_form.cookies()["csrftoken"]
    session = logged_in.cookies()["sessionid"]
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")


def test_editor_pages_are_never_served_from_the_cache(site):
    browser = Browser(site.url)
    browser.log_in("editeur", EDITOR_PASSWORD)

    pages = [browser.get("/financements/") for _ in range(3)]

    assert [page.status for page in pages] == [200, 200, 200]
    assert {page.headers["Cache-Control"] for page in pages} == {"private, no-cache"}
    assert re.findall(r"GET /financements/ 200 \d+\.\dms cache=(\w+)", site.log()) == ["bypass"] * 3


def test_every_environment_variable_is_documented():
    read = re.compile(r"""(?:os\.environ\.get|env_bool|env_list)\(\s*["']([A-Z_]+)["']""")
    sources = [
        *(BASE_DIR / "config" / "settings").glob("*.py"),
        BASE_DIR / "config" / "gunicorn.py",
    ]
    names = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    for source in sources:
        names |= set(read.findall(source.read_text(encoding="utf-8")))
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    example = (BASE_DIR / ".env.example").read_text(encoding="utf-8")

    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.MULTILINE))
    in_example = set(re.findall(r"^#?([A-Z_]+)=", example, re.MULTILINE))
    assert names - {"DEBUG"} <= in_example
    assert names == documented
