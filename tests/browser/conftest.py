"""A real browser on the live site: Debian's Chromium, started once for the whole session.

Every test here is marked `browser` (select them with `-m browser`, leave them out with
`-m "not browser"`); `make test` runs them all. Screenshots and saved pages go to
test-artifacts/, which git ignores, so that anyone can look at what the last run saw.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import sync_playwright

from tests.browser import pages

# Playwright's synchronous API runs an event loop in this thread: Django would refuse the
# database queries that the tests make around it, although nothing here is asynchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
BROWSER_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def artifacts():
    """test-artifacts/, emptied at the start of each run so that it shows this run only."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir()
    return ARTIFACTS


@pytest.fixture(scope="session")
def migrated_data(django_db_setup):
    """What the migrations put in the test database (the staff groups), as Django serialized it.

    Django restores it after each transactional test from the current connection, but under
    Playwright's event loop the tests see another connection object, which lacks it: `site`
    restores it from here. Taken before the browser starts.
    """
    return connection._test_serialized_contents


@pytest.fixture(scope="session")
def browser(migrated_data):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: `make test` installs Debian's (apt-get).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, django_db_serialized_rollback, migrated_data, settings):
    """The live site with the demo atlas; `site.url("/acteurs/")` is a full address.

    The live server needs a transactional database, which is emptied after each test: each
    test starts from the migrations' data (see `migrated_data`) and loads the demo.
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_data)
    call_command("loaddata", *settings.ATLAS_DEMO_FIXTURES, verbosity=0)
    return pages.Site(live_server.url)


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
