"""A real Varnish (deploy/varnish/default.vcl) in front of two app servers sharing PostgreSQL
and Redis: visitors are served by Varnish, an edit through server A purges the pages that show
it and only those, and editors, sessions, the back-office and POSTs always reach the site."""

import re
import secrets
import shutil

import pytest
import redis

from tests.servers import (
    BASE_DIR,
    Browser,
    Server,
    form_fields,
    free_port,
    gunicorn,
    manage,
    postgres_answers,
    production_env,
    throwaway_postgres_database,
)
from tests.system.test_shared_cache import CREATE_CONTENT, EDITOR_PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/10"
CREATE_PROGRAMME = """
from trainings.models import TrainingProgramme
TrainingProgramme.objects.create(
    name="DU IA", slug="du-ia", summary="Diplôme.", status="published",
)
"""


def _redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """Varnish before two gunicorn servers on one new database and one Redis prefix."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None:
        pytest.skip("varnishd is not installed (Debian: apt install varnish varnish-modules).")
    missing = [
        name
        for name, answers in [
            ("PostgreSQL at TEST_DATABASE_URL", postgres_answers),
            ("Redis at 127.0.0.1:6379", _redis_answers),
        ]
        if not answers()
    ]
    if missing:
        pytest.skip(f"The Varnish test needs {' and '.join(missing)}, which did not answer.")
    folder = tmp_path_factory.mktemp("front-cache")
    prefix = f"atlas-test-{secrets.token_hex(4)}"
    varnish_port = free_port()
    servers = []
    with throwaway_postgres_database("atlas_front_cache") as database_url:
        env = production_env(
            DATABASE_URL=database_url,
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=prefix,
            STATIC_ROOT=str(folder / "static"),
            FRONT_CACHE_PURGE_URLS=f"http://127.0.0.1:{varnish_port}/",
        )
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        actor_pk = int(manage("shell", "-c", CREATE_CONTENT, env=env).split()[-1])
        manage("shell", "-c", CREATE_PROGRAMME, env=env)
        try:
            for name in ("a", "b"):
                servers.append(gunicorn(env=env, log_path=folder / f"{name}.log"))
            vcl = (BASE_DIR / "deploy/varnish/default.vcl").read_text()
            for backend, server in zip(("app_a", "app_b"), servers, strict=True):
                vcl = re.sub(
                    rf'(backend {backend} {{ .host = "127.0.0.1"; .port = )"\d+"',
                    rf'\g<1>"{server.port}"',
                    vcl,
                )
            (folder / "default.vcl").write_text(vcl)
            varnish = Server(
                [
                    varnishd,
                    "-F",
                    "-j",
                    "none",
                    "-a",
                    f"127.0.0.1:{varnish_port}",
                    "-T",
                    "none",
                    "-f",
                    str(folder / "default.vcl"),
                    "-n",
                    str(folder / "varnish"),
                    "-s",
                    "malloc,64m",
                ],
                env={"PATH": "/usr/sbin:/usr/bin:/bin"},
                port=varnish_port,
                log_path=folder / "varnish.log",
            )
            servers.append(varnish)
            yield {"a": servers[0], "b": servers[1], "varnish": varnish, "actor_pk": actor_pk}
        finally:
            for server in servers:
                server.stop()
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)


def twice(browser, path):
    """The second of two visits, which Varnish must have kept if it may."""
    first = browser.get(path)
    assert first.status == 200, (path, first.status)
    return browser.get(path)


def test_varnish_serves_visitors_and_an_edit_purges_only_its_pages(front):
    visitor = Browser(front["varnish"].url)
    showing = ["/acteurs/gleamer/", "/acteurs/", "/financements/france-2030/"]
    # The programmes list names actors in its providers facet: a rename purges it too.
    not_showing = ["/formations/du-ia/", "/tags/"]
    for path in showing + not_showing:
        page = twice(visitor, path)
        assert (page.headers["X-Cache"], "xkey" in page.headers) == ("HIT", False), path
        assert int(page.headers["Age"]) >= 0

    editor = Browser(front["a"].url)
    editor.log_in("editeur", EDITOR_PASSWORD)
    change_path = f"/admin/ecosystem/actor/{front['actor_pk']}/change/"
    fields = [
        (name, "Gleamer Santé" if name == "name" else value)
        for name, value in form_fields(editor.get(change_path).text, "actor_form")
    ]
    saved = editor.post(change_path, fields)

    assert saved.status == 302
    for path in showing:
        page = visitor.get(path)
        assert (page.status, page.headers["X-Cache"]) == (200, "MISS"), path
        assert "Gleamer Santé" in page.text, path
    for path in not_showing:
        assert visitor.get(path).headers["X-Cache"] == "HIT", path


def test_varnish_never_keeps_what_editors_admin_or_posts_get(front):
    editor = Browser(front["varnish"].url)
    editor.log_in("editeur", EDITOR_PASSWORD)

    assert twice(editor, "/acteurs/").headers["X-Cache"] == "MISS"
    assert twice(editor, "/admin/").headers["X-Cache"] == "MISS"
    search = Browser(front["varnish"].url)
    assert search.post("/recherche/", {"q": "gleamer"}).headers["X-Cache"] == "MISS"


def test_varnish_serves_a_made_up_session_cookie_from_its_cache(front):
    visitor = Browser(front["varnish"].url)
    twice(visitor, "/financements/")
    visitor.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"

    assert visitor.get("/financements/").headers["X-Cache"] == "HIT"
