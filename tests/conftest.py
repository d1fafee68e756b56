import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def french_to_start_with():
    """Start each test in French, whatever language an English page of the one before left on.

    Reading a translated text switches to the French for a moment (core/public/languages.py);
    switching back may leave the page's language active in the thread, where a test's next address,
    reversed outside any request, would take it.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def editor(db):
    return factories.make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return factories.make_reviewer()


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (the test settings turn it off), and empty."""
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    return settings


@pytest.fixture(params=["fresh", "cached"])
def page_cache_modes(request, client, settings):
    """Run a test twice: with pages made afresh, then with each public page from the page cache.

    The second time the page cache is on, as in production, and empty; each anonymous GET is
    sent twice and the test gets the second answer, which must come from the cache. A cached
    page's content and headers then meet the very assertions a fresh one does. A module opts in
    with `pytest.mark.usefixtures("page_cache_modes")`; its tests read the page, not the context,
    which a cached page does not have.
    """
    if request.param == "fresh":
        return
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    send = client.get

    def get_from_the_cache(path, *args, **kwargs):
        first = send(path, *args, **kwargs)
        if first.status_code != 200 or first.wsgi_request.page_cache != "miss":
            return first
        second = send(path, *args, **kwargs)
        if "private" in first.get("Cache-Control", ""):
            # A page the site keeps from every cache (invalid filters) is made afresh each time.
            assert second.wsgi_request.page_cache == "miss", f"{path} was kept though private"
        else:
            assert second.wsgi_request.page_cache == "hit", f"{path} was not kept in the cache"
        return second

    client.get = get_from_the_cache
