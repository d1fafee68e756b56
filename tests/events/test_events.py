"""A new kind of entry works from its own app alone: its list, its page, the home page, the menu."""

import datetime

import pytest
from django.utils.text import slugify
from pytest_django.asserts import assertContains, assertNotContains

from core.models import PublicationStatus
from tests.events.models import Event, EventKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def with_events(settings):
    settings.ATLAS_CONTENT_MODELS = [*settings.ATLAS_CONTENT_MODELS, "events.Event"]
    settings.ROOT_URLCONF = "tests.events.site_urls"


def make_event(name, **fields):
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    return Event.objects.create(
        name=name,
        slug=slugify(name),
        summary=f"Résumé de {name}.",
        kind=EventKind.HACKATHON,
        starts_on=datetime.date(2026, 3, 12),
        **fields,
    )


def test_the_list_of_events_shows_published_events_under_the_declared_title(client):
    make_event("Hackathon Santé")
    make_event("Brouillon", status=PublicationStatus.DRAFT)

    response = client.get("/evenements/")

    assertContains(response, "<h1>Événements</h1>", html=True)
    assertContains(
        response, '<p class="lead">Conférences et hackathons de l&#x27;IA en santé.</p>', html=True
    )
    assertContains(response, '<p class="card__kind">Hackathon</p>', html=True)
    assertContains(response, 'href="/evenements/hackathon-sante/"')
    assertNotContains(response, "Brouillon")


def test_an_event_has_its_page_with_its_category_and_json_ld(client):
    make_event("Hackathon Santé")

    response = client.get("/evenements/hackathon-sante/")

    assertContains(response, '<p class="entry-header__kind">Hackathon</p>', html=True)
    assertContains(response, '"@type": "Event"')
    assertContains(response, '"startDate": "2026-03-12"')


def test_the_home_page_and_the_menu_show_the_new_kind(client):
    make_event("Hackathon Santé")

    response = client.get("/")

    assertContains(response, '<a href="/evenements/">Événements</a>', html=True)
    assertContains(response, "Hackathon Santé")
