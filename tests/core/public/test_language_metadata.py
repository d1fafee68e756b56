"""What search engines and feed readers get follows the page's language: titles, JSON-LD, feeds."""

import json
import re

import feedparser
import pytest

from tests import factories
from tests.html_page import page, texts

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def meta_content(response, key):
    html = page(response)
    element = html.select_one(f'meta[property="{key}"], meta[name="{key}"]')
    return element["content"]


@pytest.fixture
def gleamer():
    tag = factories.make_tag("imagerie médicale", name_en="medical imaging")
    return factories.make_actor(
        name="GLEAMER",
        summary="IA pour la radiographie.",
        summary_en="AI that reads X-rays.",
        tags=[tag],
    )


def test_title_description_and_social_cards_are_in_english(client, gleamer):
    response = client.get("/en/actors/gleamer/")

    assert texts(response, "title") == ["GLEAMER · Atlas IA Santé"]
    assert meta_content(response, "description") == "AI that reads X-rays."
    assert meta_content(response, "og:description") == "AI that reads X-rays."
    assert meta_content(response, "twitter:description") == "AI that reads X-rays."
    assert meta_content(response, "og:locale") == "en_GB"


def test_json_ld_describes_the_entry_in_the_page_language(client, gleamer):
    english = json_ld(client.get("/en/actors/gleamer/"))
    french = json_ld(client.get("/acteurs/gleamer/"))

    assert english[0]["description"] == "AI that reads X-rays."
    assert english[0]["keywords"] == "medical imaging"
    assert english[-1] == {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": "http://testserver/en/actors/gleamer/",
        "name": "GLEAMER",
        "description": "AI that reads X-rays.",
        "inLanguage": "en",
    }
    assert french[0]["description"] == "IA pour la radiographie."
    assert french[-1]["inLanguage"] == "fr"
    assert french[-1]["description"] == "IA pour la radiographie."


def test_feeds_follow_the_language(client, gleamer):
    english = feedparser.parse(client.get("/en/feeds/rss/").content)
    french = feedparser.parse(client.get("/flux/rss/").content)
    english_atom = feedparser.parse(client.get("/en/feeds/atom/").content)

    assert english.feed.language == "en"
    assert [(item.title, item.summary) for item in english.entries] == [
        ("GLEAMER (Start-up or company)", "AI that reads X-rays.")
    ]
    assert [tag.term for tag in english.entries[0].tags] == ["medical imaging"]
    assert [entry.summary for entry in english_atom.entries] == ["AI that reads X-rays."]
    assert french.feed.language == "fr"
    assert [(item.title, item.summary) for item in french.entries] == [
        ("GLEAMER (Start-up ou entreprise)", "IA pour la radiographie.")
    ]


def test_tag_feed_follows_the_language(client, gleamer):
    english = feedparser.parse(client.get("/en/topics/imagerie-medicale/rss/").content)

    assert english.feed.title == "Atlas IA Santé: topic “medical imaging”"


def test_sitemap_lists_both_languages_with_their_alternates(client, gleamer):
    body = client.get("/sitemap-actor.xml").content.decode()

    urls = re.findall(r"<loc>(.*?)</loc>", body)
    alternates = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', body)
    assert urls == [
        "http://testserver/acteurs/gleamer/",
        "http://testserver/en/actors/gleamer/",
    ]
    assert sorted(set(alternates)) == [
        ("en", "http://testserver/en/actors/gleamer/"),
        ("fr", "http://testserver/acteurs/gleamer/"),
        ("x-default", "http://testserver/acteurs/gleamer/"),
    ]


def test_sitemap_lists_an_untranslated_entry_in_french_only_without_alternates(client, gleamer):
    factories.make_actor(name="Hôpital", slug="hopital", summary="Pas encore traduit.")

    body = client.get("/sitemap-actor.xml").content.decode()

    urls = re.findall(r"<url>(.*?)</url>", body, re.S)
    by_location = {re.search(r"<loc>(.*?)</loc>", url)[1]: url for url in urls}
    assert list(by_location) == [
        "http://testserver/acteurs/gleamer/",
        "http://testserver/acteurs/hopital/",
        "http://testserver/en/actors/gleamer/",
    ]
    assert "hreflang" not in by_location["http://testserver/acteurs/hopital/"]
    assert re.findall(r'hreflang="([^"]+)"', by_location["http://testserver/acteurs/gleamer/"]) == [
        "fr",
        "en",
        "x-default",
    ]


def test_sitemap_lists_a_tag_in_english_once_its_name_is(client, gleamer):
    factories.make_actor(tags=[factories.make_tag("diabète")])

    body = client.get("/sitemap-tags.xml").content.decode()

    assert re.findall(r"<loc>(.*?)</loc>", body) == [
        "http://testserver/tags/diabete/",
        "http://testserver/tags/imagerie-medicale/",
        "http://testserver/en/topics/imagerie-medicale/",
    ]
