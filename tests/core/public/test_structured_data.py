"""What search engines and feed readers see: canonical URLs, social cards, JSON-LD, feeds."""

import json
import re
from decimal import Decimal

import feedparser
import pytest

from tests import factories

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def meta(response, name):
    """The content of every <meta> or <link> whose property, name or rel is `name`."""
    html = response.content.decode()
    pattern = rf'<(?:meta (?:property|name)="{re.escape(name)}" content|link rel="{re.escape(name)}" href)="([^"]*)"'
    return re.findall(pattern, html)


@pytest.fixture
def atlas():
    tag = factories.make_tag("Imagerie médicale")
    bpifrance = factories.make_actor(name="Bpifrance", kind="public_agency")
    aphp = factories.make_actor(name="AP-HP", kind="hospital", city="Paris", region="IDF")
    gleamer = factories.make_actor(
        name="GLEAMER",
        summary="IA pour la radiographie.",
        website="https://www.gleamer.ai",
        tags=[tag],
    )
    portrait = factories.make_actor(name="PortrAIt", kind="consortium")
    portrait.members.add(aphp)
    france_2030 = factories.make_scheme(name="France 2030", operators=[bpifrance], tags=[tag])
    factories.make_award(scheme=france_2030, actor=gleamer, amount_eur=Decimal("4500000"))
    university = factories.make_actor(name="Université de Paris", kind="university")
    factories.make_programme(
        name="DU IA",
        providers=[university],
        duration_hours=90,
        teaching_format="hybrid",
        tags=[tag],
    )


PAGES = [
    "/",
    "/acteurs/",
    "/acteurs/gleamer/",
    "/financements/",
    "/financements/france-2030/",
    "/formations/",
    "/formations/du-ia/",
    "/tags/",
    "/tags/imagerie-medicale/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_has_one_canonical_url_and_a_social_card(client, atlas, url):
    response = client.get(url, {"sort": "name"})

    assert meta(response, "canonical") == [f"http://testserver{url}"]
    assert meta(response, "og:url") == [f"http://testserver{url}"]
    assert len(meta(response, "og:title")) == 1
    assert len(meta(response, "description")) == 1
    assert meta(response, "twitter:card") == ["summary"]


@pytest.mark.parametrize("url", PAGES)
def test_page_describes_its_breadcrumbs_in_json_ld(client, atlas, url):
    blocks = json_ld(client.get(url))

    breadcrumbs = [block for block in blocks if block.get("@type") == "BreadcrumbList"]
    assert len(breadcrumbs) == 1
    items = breadcrumbs[0]["itemListElement"]
    assert items[0] == {
        "@type": "ListItem",
        "position": 1,
        "name": "Accueil",
        "item": "http://testserver/",
    }
    assert items[-1]["item"] == f"http://testserver{url}"


def test_canonical_keeps_only_the_page_number(client, atlas):
    response = client.get("/acteurs/", {"kind": "company", "page": 1})

    assert meta(response, "canonical") == ["http://testserver/acteurs/"]


def test_actor_json_ld_is_a_typed_organization(client, atlas):
    hospital, consortium = (
        json_ld(client.get("/acteurs/ap-hp/"))[0],
        json_ld(client.get("/acteurs/portrait/"))[0],
    )

    assert hospital["@context"] == "https://schema.org"
    assert hospital["@type"] == "Hospital"
    assert hospital["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Paris",
        "addressRegion": "Île-de-France",
        "addressCountry": "FR",
    }
    assert hospital["memberOf"] == [
        {"@type": "Consortium", "name": "PortrAIt", "url": "http://testserver/acteurs/portrait/"}
    ]
    assert consortium["member"][0]["@type"] == "Hospital"


def test_scheme_json_ld_is_a_service_with_its_grants(client, atlas):
    graph = json_ld(client.get("/financements/france-2030/"))[0]["@graph"]

    service, grant = graph
    assert service["@type"] == "GovernmentService"
    assert service["provider"] == [
        {
            "@type": "GovernmentOrganization",
            "name": "Bpifrance",
            "url": "http://testserver/acteurs/bpifrance/",
        }
    ]
    assert grant["@type"] == "MonetaryGrant"
    assert grant["amount"] == {"@type": "MonetaryAmount", "value": "4500000.00", "currency": "EUR"}
    assert grant["fundedItem"]["name"] == "GLEAMER"
    assert grant["funder"] == service["provider"]


def test_programme_json_ld_is_an_educational_program(client, atlas):
    programme = json_ld(client.get("/formations/du-ia/"))[0]

    assert programme["@type"] == "EducationalOccupationalProgram"
    assert programme["timeToComplete"] == "PT90H"
    assert programme["educationalProgramMode"] == "blended"
    assert programme["provider"] == [
        {
            "@type": "CollegeOrUniversity",
            "name": "Université de Paris",
            "url": "http://testserver/acteurs/universite-de-paris/",
        }
    ]


def test_json_ld_cannot_be_closed_by_editor_text(client):
    factories.make_actor(name="Piège", summary="</script><script>alert(1)</script>")

    html = client.get("/acteurs/piege/").content.decode()

    assert "<script>alert(1)" not in html
    assert (
        json_ld(client.get("/acteurs/piege/"))[0]["description"]
        == "</script><script>alert(1)</script>"
    )


@pytest.mark.parametrize(("url", "version"), [("/flux/rss/", "rss20"), ("/flux/atom/", "atom10")])
def test_site_feeds_are_valid_and_list_latest_entries(client, atlas, url, version):
    factories.make_actor(name="Brouillon", status="draft")

    feed = feedparser.parse(client.get(url).content)

    assert feed.bozo == 0
    assert feed.version == version
    assert sorted(entry.link for entry in feed.entries) == sorted(
        f"http://testserver{path}"
        for path in [
            "/acteurs/bpifrance/",
            "/acteurs/ap-hp/",
            "/acteurs/gleamer/",
            "/acteurs/portrait/",
            "/acteurs/universite-de-paris/",
            "/financements/france-2030/",
            "/formations/du-ia/",
        ]
    )


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_tag_feed_lists_the_tag_entries(client, atlas, suffix):
    feed = feedparser.parse(client.get(f"/tags/imagerie-medicale/{suffix}/").content)

    assert feed.bozo == 0
    assert sorted(entry.title for entry in feed.entries) == [
        "DU IA (Diplôme universitaire (DU))",
        "France 2030 (Programme)",
        "GLEAMER (Start-up ou entreprise)",
    ]


def test_pages_link_their_feeds(client, atlas):
    html = client.get("/tags/imagerie-medicale/").content.decode()

    feeds = re.findall(
        r'<link rel="alternate" type="application/[a-z]+\+xml" title="[^"]*" href="([^"]*)"', html
    )
    assert feeds == [
        "/flux/rss/",
        "/flux/atom/",
        "/tags/imagerie-medicale/rss/",
        "/tags/imagerie-medicale/atom/",
    ]
