"""The site when its services fail: Redis stopped, PostgreSQL restarted (issue 10, « Faults »).

Each test runs gunicorn with the production settings against servers of its own: a PostgreSQL
cluster made for the test (never the machine's shared one), and a Redis address where nothing
listens.
"""

import contextlib
import getpass
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.servers import Browser, form_fields, free_port, gunicorn, manage, production_env

PG_BIN = (
    sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    if Path("/usr/lib/postgresql").exists()
    else None
)
# initdb refuses to run as root: the cluster then belongs to the postgres system user.
RUN_AS = ["runuser", "-u", "postgres", "--"] if getpass.getuser() == "root" else []

CREATE_EDITOR = """
from tests import factories
# A reviewer: an editor's change to a published entry would wait for review.
factories.make_reviewer("camille", "mot-de-passe-de-test")
factories.make_actor(name="Gleamer", slug="gleamer")
"""


class Cluster:
    """A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1:`port`."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.data = folder / "data"
        shutil.chown(folder, "postgres") if RUN_AS else None
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "atlas")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/atlas"

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run(
            "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "pg.log", "-w", "start"
        )

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def _run(self, program, *args):
        command = [*RUN_AS, str(PG_BIN / program), *map(str, args)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(folder)))
    return folder


@pytest.fixture
def cluster():
    if PG_BIN is None:
        pytest.fail("PostgreSQL's programs (initdb, pg_ctl) are needed: apt install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    cluster = Cluster(folder)
    yield cluster
    with contextlib.suppress(subprocess.CalledProcessError):  # Already stopped by the test.
        cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


def wait_for(browser, path, status, timeout=20):
    """The page at `path` once it answers `status`, or the last answer after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        page = browser.get(path)
        if page.status == status or time.monotonic() > deadline:
            return page
        time.sleep(0.2)


def test_postgresql_restart_gives_a_clean_503_then_recovers(cluster, static_root, tmp_path):
    env = production_env(DATABASE_URL=cluster.url, STATIC_ROOT=str(static_root))
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", CREATE_EDITOR, env=env)
    server = gunicorn(env=env, log_path=tmp_path / "gunicorn.log", workers=1)
    browser = Browser(server.url)
    try:
        before = browser.get("/acteurs/gleamer/")
        cluster.stop()
        # A page not visited before: one in the page cache would still be served.
        during = browser.get("/acteurs/")
        health_during = browser.get("/healthz")
        cluster.start()
        # The same gunicorn, never restarted, reconnects on its own.
        after = wait_for(browser, "/acteurs/", 200)
        health_after = browser.get("/healthz")
    finally:
        server.stop()

    assert before.status == 200
    assert during.status == 503
    assert during.headers["Retry-After"] == "30"
    assert "no-store" in during.headers["Cache-Control"]
    assert "<h1>Le site est momentanément indisponible</h1>" in during.text
    assert 'href="/static/css/atlas.' in during.text
    assert "Traceback" not in during.text
    assert "OperationalError" not in during.text
    assert (health_during.status, health_during.text) == (503, "database unavailable\ncache ok\n")
    assert after.status == 200
    assert "<h1" in after.text and "Gleamer" in after.text
    assert (health_after.status, health_after.text) == (200, "database ok\ncache ok\n")


@pytest.fixture
def site_without_redis(static_root, tmp_path):
    """Gunicorn whose REDIS_URL points at a port where nothing listens, on a new SQLite base."""
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'atlas.sqlite3'}", STATIC_ROOT=str(static_root)
    )
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", CREATE_EDITOR, env=env)
    env["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/11"
    server = gunicorn(env=env, log_path=tmp_path / "gunicorn.log", workers=1)
    yield server
    server.stop()


def test_healthz_says_the_cache_is_down_and_stays_200(site_without_redis):
    page = Browser(site_without_redis.url).get("/healthz")

    assert (page.status, page.text) == (200, "database ok\ncache unavailable\n")
    assert "Health check: the cache does not answer" in site_without_redis.log()


def test_pages_are_served_and_editors_log_in_and_save_with_redis_stopped(site_without_redis):
    visitor = Browser(site_without_redis.url)
    editor = Browser(site_without_redis.url)

    home = visitor.get("/")
    editor.log_in("camille", "mot-de-passe-de-test")
    change_url = "/admin/ecosystem/actor/1/change/"
    fields = dict(form_fields(editor.get(change_url).text, "actor_form"))
    saved = editor.post(change_url, {**fields, "name": "Gleamer SAS", "_save": "Enregistrer"})
    page = visitor.get("/acteurs/gleamer/")

    assert home.status == 200
    assert saved.status == 302, saved.text
    assert page.status == 200
    assert "<h1" in page.text and "Gleamer SAS" in page.text
