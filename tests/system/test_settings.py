"""Production settings: secrets from the environment, and Django's deployment checks pass."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "ALLOWED_HOSTS": "atlas.example.org",
    "PATH": os.environ.get("PATH", ""),
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env=PRODUCTION_ENV)

    assert result.returncode == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_passes_the_deployment_checks():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "x" * 30 + "-production-like-secret-key-for-tests"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr
    # The one silenced check asks for HSTS preload, which is opt-in (config/settings/production.py).
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


HSTS_HEADER = """
import django
from django.test import Client
from django.test.utils import setup_test_environment

django.setup()
setup_test_environment()
print(Client().get("/healthz", secure=True, HTTP_HOST="atlas.example.org")["Strict-Transport-Security"])
"""


def run_in_production(code, **variables):
    """What `code` prints, run in a production process with `variables` in its environment."""
    env = {**PRODUCTION_ENV, "SECRET_KEY": "x" * 50, **variables}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def hsts_header(**variables):
    return run_in_production(HSTS_HEADER, **variables)


def test_production_hsts_preload_is_opt_in():
    assert hsts_header() == "max-age=31536000; includeSubDomains"
    assert hsts_header(SECURE_HSTS_PRELOAD="true") == "max-age=31536000; includeSubDomains; preload"
    assert hsts_header(SECURE_HSTS_INCLUDE_SUBDOMAINS="false") == "max-age=31536000"


SQLITE_MMAP_SIZE = """
import django
from django.db import connection

django.setup()
with connection.cursor() as cursor:
    print(cursor.execute("PRAGMA mmap_size").fetchone()[0])
"""


def sqlite_mmap_size(database_url):
    return int(run_in_production(SQLITE_MMAP_SIZE, DATABASE_URL=database_url))


def test_sqlite_reads_its_file_through_a_memory_map(tmp_path):
    # A list filtered by a tag checks thousands of rows: through the map, a third of the time.
    assert sqlite_mmap_size(f"sqlite:///{tmp_path / 'atlas.sqlite3'}") >= 2**30


def test_an_init_command_in_the_database_url_is_kept(tmp_path):
    url = f"sqlite:///{tmp_path / 'atlas.sqlite3'}?init_command=PRAGMA%20mmap_size%3D0"

    assert sqlite_mmap_size(url) == 0
