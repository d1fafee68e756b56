"""Scheduled publication: an entry appears and disappears at its dates, with no job to run."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import PublicationStatus
from funding.models import Award
from tests import factories
from tests.html_page import card_names, texts

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@pytest.fixture
def clock():
    """The clock stopped at NOON; `clock.move_to(moment)` moves it."""
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def public_names(client, url="/acteurs/"):
    response = client.get(url)
    assert response.status_code == 200, url
    return set(card_names(response))


def test_scheduled_entry_appears_exactly_when_due(client, clock):
    factories.make_actor(name="Déjà là", slug="deja-la")
    factories.make_actor(name="Programmé", slug="programme", publish_at=NOON + timedelta(hours=2))

    assert public_names(client) == {"Déjà là"}
    assert client.get("/acteurs/programme/").status_code == 404

    clock.move_to(NOON + timedelta(hours=2) - SECOND)
    assert public_names(client) == {"Déjà là"}

    clock.move_to(NOON + timedelta(hours=2))
    assert public_names(client) == {"Déjà là", "Programmé"}
    assert client.get("/acteurs/programme/").status_code == 200


def test_scheduled_withdrawal_hides_the_entry_exactly_when_due(client, clock):
    factories.make_actor(
        name="Bientôt retiré", slug="retire", unpublish_at=NOON + timedelta(days=1)
    )

    clock.move_to(NOON + timedelta(days=1) - SECOND)
    assert public_names(client) == {"Bientôt retiré"}

    clock.move_to(NOON + timedelta(days=1))
    assert public_names(client) == set()
    assert client.get("/acteurs/retire/").status_code == 404


def test_scheduled_date_does_not_publish_a_draft(client, clock):
    factories.make_actor(name="Brouillon", status=PublicationStatus.DRAFT, publish_at=NOON)

    clock.move_to(NOON + timedelta(days=1))

    assert public_names(client) == set()


def test_scheduled_entry_is_counted_on_the_home_page_once_due(client, clock):
    factories.make_actor(publish_at=NOON + timedelta(minutes=5))

    def actor_figure():
        return texts(client.get("/"), ".stat")[0]

    assert actor_figure() == "0 acteur"
    clock.move_to(NOON + timedelta(minutes=5))
    assert actor_figure() == "1 acteur"


def test_scheduled_scheme_hides_its_awards_until_due(clock):
    scheme = factories.make_scheme(publish_at=NOON + timedelta(hours=1))
    award = factories.make_award(scheme=scheme)

    assert list(Award.objects.published()) == []
    clock.move_to(NOON + timedelta(hours=1))
    assert list(Award.objects.published()) == [award]


def test_scheduled_entry_is_published_and_scheduled_until_due(clock):
    actor = factories.make_actor(publish_at=NOON + timedelta(hours=1))

    assert (actor.is_published, actor.is_scheduled) == (False, True)
    clock.move_to(NOON + timedelta(hours=1))
    assert (actor.is_published, actor.is_scheduled) == (True, False)


# --- The page cache ----------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, and empty."""
    # A day: the clock moves by hours here, and the pages must outlive that on their own.
    settings.ATLAS_PAGE_CACHE_SECONDS = 24 * 3600
    for cache in caches.all():
        cache.clear()


def page_from(client, url):
    """The page at `url`, and whether the database was asked (False: it came from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 404), url
    return response, len(queries) > 0


def test_scheduled_entry_appears_on_cached_pages_when_due(client, clock, page_cache):
    factories.make_actor(name="Déjà là", slug="deja-la")
    factories.make_actor(name="Programmé", slug="programme", publish_at=NOON + timedelta(hours=2))
    client.get("/acteurs/")
    cached, asked = page_from(client, "/acteurs/")
    assert (asked, "Programmé" in cached.text) == (False, False)

    clock.move_to(NOON + timedelta(hours=2) - SECOND)
    still_cached, asked = page_from(client, "/acteurs/")
    assert (asked, still_cached.content) == (False, cached.content)

    clock.move_to(NOON + timedelta(hours=2))
    due, asked = page_from(client, "/acteurs/")
    assert (asked, "Programmé" in due.text) == (True, True)
    assert page_from(client, "/acteurs/programme/")[0].status_code == 200


def test_scheduled_withdrawal_leaves_cached_pages_when_due(client, clock, page_cache):
    factories.make_actor(name="Retiré", slug="retire", unpublish_at=NOON + timedelta(minutes=30))
    client.get("/acteurs/retire/")
    assert page_from(client, "/acteurs/retire/")[1] is False

    clock.move_to(NOON + timedelta(minutes=30))

    response, asked = page_from(client, "/acteurs/retire/")
    assert (response.status_code, asked) == (404, True)
    assert "Retiré" not in page_from(client, "/acteurs/")[0].text


def test_scheduled_date_set_later_is_taken_into_account(client, clock, page_cache):
    actor = factories.make_actor(name="Reporté", slug="reporte")
    client.get("/acteurs/")

    actor.publish_at = NOON + timedelta(hours=1)
    actor.save()
    assert "Reporté" not in page_from(client, "/acteurs/")[0].text
    clock.move_to(NOON + timedelta(hours=1))

    assert "Reporté" in page_from(client, "/acteurs/")[0].text
