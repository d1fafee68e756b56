"""Public pages that only the browser suite fetched: the statement, English detail pages, feeds."""

import feedparser
import pytest
from pytest_django.asserts import assertContains

from tests import factories
from tests.html_page import page, text, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


@pytest.fixture
def imaging():
    """A topic carried by a published actor, scheme and programme, and by a draft."""
    tag = factories.make_tag("Imagerie médicale", description="Voir l'invisible.")
    gleamer = factories.make_actor(name="GLEAMER", tags=[tag])
    scheme = factories.make_scheme(
        name="France 2030", slug="france-2030", operators=[gleamer], tags=[tag]
    )
    factories.make_award(scheme=scheme, actor=gleamer)
    factories.make_programme(
        name="DU IA", slug="du-ia", providers=[gleamer], duration_hours=90, tags=[tag]
    )
    factories.make_programme(name="Brouillon", slug="brouillon", tags=[tag], status="draft")
    return tag


def facts(response):
    """The facts a detail page lists, as {term: description}."""
    return {
        text(term): text(term.find_next_sibling("dd"))
        for term in page(response).select("dl.facts dt")
    }


def test_accessibility_statement_in_french_and_english(client):
    french = client.get("/accessibilite/")
    english = client.get("/en/accessibility/")

    assert (french.status_code, english.status_code) == (200, 200)
    assert texts(french, "h1") == ["Déclaration d'accessibilité"]
    assert texts(english, "h1") == ["Accessibility statement"]
    assert texts(french, "main h2")[:3] == [
        "État de conformité",
        "Ce qui est vérifié, et comment",
        "Défauts et limites connus",
    ]
    assert texts(english, "main h2")[:2] == ["Compliance status", "What is checked, and how"]
    assertContains(french, "<strong>totalement conforme</strong>", html=True)
    assertContains(english, "<strong>fully compliant</strong>", html=True)


def test_english_programme_page(client, imaging):
    response = client.get("/en/training/du-ia/")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert texts(response, "h1") == ["DU IA"]
    assert texts(response, ".entry-header__kind") == ["University diploma (DU)"]
    assert facts(response) == {
        "Provided by": "GLEAMER",
        "Duration": "90 hours",
        "Language": "French",
    }
    assert texts(response, ".see-also a") == ["France 2030", "GLEAMER"]


def test_english_scheme_page(client, imaging):
    response = client.get("/en/funding/france-2030/")

    assert response.status_code == 200
    assert texts(response, "h1") == ["France 2030"]
    assert facts(response) == {"Status": "Ongoing", "Operators": "GLEAMER"}
    assert texts(response, "table caption") == [
        "Funding awarded by France 2030",
        "The entries linked to France 2030",
    ]
    assert texts(response, "table th[scope=col]") == [
        *["Recipient", "Amount", "Year", "Note"],
        *["Entry", "Type", "Link"],
    ]
    assert [texts(row, "th, td") for row in page(response).select("table tbody tr")] == [
        ["GLEAMER", "—", "—", ""],
        ["GLEAMER", "actor", "operator"],
    ]


def test_english_feed_of_latest_entries(client, imaging):
    response = client.get("/en/feeds/atom/")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.feed.title == "Atlas IA Santé: latest entries"
    assert feed.feed.language == "en"
    assert [(entry.title, entry.link) for entry in feed.entries] == [
        ("DU IA (University diploma (DU))", "http://testserver/en/training/du-ia/"),
        ("France 2030 (Programme)", "http://testserver/en/funding/france-2030/"),
        ("GLEAMER (Start-up or company)", "http://testserver/en/actors/gleamer/"),
    ]


def test_english_feed_of_a_topic(client, imaging):
    response = client.get("/en/topics/imagerie-medicale/rss/")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert feed.feed.title == "Atlas IA Santé: topic “Imagerie médicale”"
    assert feed.feed.link == "http://testserver/en/topics/imagerie-medicale/"
    assert feed.feed.description == "Voir l'invisible."
    assert [(entry.title, entry.tags[0].term) for entry in feed.entries] == [
        ("DU IA (University diploma (DU))", "Imagerie médicale"),
        ("France 2030 (Programme)", "Imagerie médicale"),
        ("GLEAMER (Start-up or company)", "Imagerie médicale"),
    ]
