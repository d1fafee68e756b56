"""The API gives what the database holds, published entries only, filtered as the web lists."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": PublicationStatus.DRAFT},
    "review": {"status": PublicationStatus.REVIEW},
    "archived": {"status": PublicationStatus.ARCHIVED},
    "scheduled": {"publish_at": timezone.now() + datetime.timedelta(days=3)},
    "withdrawn": {"unpublish_at": timezone.now() - datetime.timedelta(days=1)},
}


def hidden_actors():
    return [factories.make_actor(name=f"Cache {name}", **fields) for name, fields in HIDDEN.items()]


def reference(kind, entry, web):
    return {
        "id": entry.pk,
        "slug": entry.slug,
        "name": entry.name,
        "name_en": None,
        "url": f"http://testserver/{web}/{entry.slug}/",
        "api_url": f"http://testserver/api/v1/{kind}/{entry.slug}/",
    }


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_actor_detail_gives_public_fields_relations_tags_sources_and_figures(client):
    tag = factories.make_tag("Imagerie médicale")
    parent = factories.make_actor(name="Groupe")
    member = factories.make_actor(name="Membre")
    actor = factories.make_actor(
        name="Gleamer",
        kind="company",
        city="Paris",
        region="IDF",
        founding_year=2017,
        website="https://gleamer.ai",
        parent=parent,
        tags=[tag],
    )
    actor.members.add(member, *hidden_actors())
    consortium = factories.make_actor(name="Consortium")
    consortium.members.add(actor)
    factories.make_source(
        actor, title="Coder pour soigner", url="https://example.org/a", publisher="Le Monde"
    )
    factories.make_key_figure(actor, label="Levée", value="27 M€", source_url="")
    actor.refresh_from_db()

    response = client.get("/api/v1/actors/gleamer/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        **reference("actors", actor, "acteurs"),
        "name_en": None,
        "summary": "Résumé de gleamer.",
        "summary_en": None,
        "description": "",
        "description_en": None,
        "website": "https://gleamer.ai",
        "kind": "company",
        "city": "Paris",
        "region": "IDF",
        "founding_year": 2017,
        "parent": reference("actors", parent, "acteurs"),
        "members": [reference("actors", member, "acteurs")],
        "member_of": [reference("actors", consortium, "acteurs")],
        "tags": [
            {
                "id": tag.pk,
                "slug": "imagerie-medicale",
                "name": "Imagerie médicale",
                "name_en": None,
                "url": "http://testserver/tags/imagerie-medicale/",
                "api_url": "http://testserver/api/v1/tags/imagerie-medicale/",
            }
        ],
        "sources": [
            {
                "title": "Coder pour soigner",
                "title_en": None,
                "url": "https://example.org/a",
                "publisher": "Le Monde",
            }
        ],
        "key_figures": [
            {
                "label": "Levée",
                "label_en": None,
                "value": "27 M€",
                "value_en": None,
                "source_url": "",
            }
        ],
        "created_at": actor.created_at.astimezone().isoformat(),
        "updated_at": actor.updated_at.astimezone().isoformat(),
    }


def test_scheme_item_gives_every_public_field_in_both_languages(client):
    operator = factories.make_actor(name="Bpifrance")
    plan = factories.make_scheme(name="France 2030", kind="investment_plan")
    scheme = factories.make_scheme(
        name="Grand Défi IA",
        name_en="AI Grand Challenge",
        summary_en="Funds AI in health.",
        description="Un défi.",
        kind="call_for_projects",
        state="open",
        announced_year=2023,
        announced_month=2,
        budget_eur=Decimal("45000000.50"),
        eligibility="Start-up françaises.",
        eligibility_en="French start-ups.",
        sectors="Santé\nIA",
        parent=plan,
        operators=[operator],
    )
    award = factories.make_award(scheme=scheme, actor=operator, amount_eur=Decimal("10"))
    scheme.refresh_from_db()

    item = client.get("/api/v1/funding-schemes/grand-defi-ia/").json()

    assert item == {
        **reference("funding-schemes", scheme, "financements"),
        "name_en": "AI Grand Challenge",
        "summary": "Résumé de grand-defi-ia.",
        "summary_en": "Funds AI in health.",
        "description": "Un défi.",
        "description_en": None,
        "website": "",
        "kind": "call_for_projects",
        "state": "open",
        "announced_year": 2023,
        "announced_month": 2,
        "budget_eur": 45000000.5,
        "eligibility": "Start-up françaises.",
        "eligibility_en": "French start-ups.",
        "sectors": "Santé\nIA",
        "sectors_en": None,
        "parent": reference("funding-schemes", plan, "financements"),
        "operators": [reference("actors", operator, "acteurs")],
        "awards": [
            {
                "id": award.pk,
                "actor": reference("actors", operator, "acteurs"),
                "amount_eur": 10.0,
                "year": None,
            }
        ],
        "tags": [],
        "sources": [],
        "key_figures": [],
        "created_at": scheme.created_at.astimezone().isoformat(),
        "updated_at": scheme.updated_at.astimezone().isoformat(),
    }


def test_programme_item_gives_every_public_field_in_both_languages(client):
    provider = factories.make_actor(name="Université Paris Cité")
    programme = factories.make_programme(
        name="DU IA en santé",
        diploma_type="du",
        teaching_format="hybrid",
        language="fr_en",
        duration_hours=120,
        cost_eur=Decimal("2400"),
        city="Paris",
        audience="Médecins.",
        audience_en="Physicians.",
        objectives="Comprendre l'IA.",
        prerequisites="",
        providers=[provider],
    )
    programme.refresh_from_db()

    item = client.get("/api/v1/training-programmes/du-ia-en-sante/").json()

    assert item == {
        **reference("training-programmes", programme, "formations"),
        "summary": "Résumé de du-ia-en-sante.",
        "summary_en": None,
        "description": "",
        "description_en": None,
        "website": "",
        "diploma_type": "du",
        "teaching_format": "hybrid",
        "language": "fr_en",
        "duration_hours": 120,
        "cost_eur": 2400.0,
        "city": "Paris",
        "audience": "Médecins.",
        "audience_en": "Physicians.",
        "objectives": "Comprendre l'IA.",
        "objectives_en": None,
        "prerequisites": "",
        "prerequisites_en": None,
        "providers": [reference("actors", provider, "acteurs")],
        "tags": [],
        "sources": [],
        "key_figures": [],
        "created_at": programme.created_at.astimezone().isoformat(),
        "updated_at": programme.updated_at.astimezone().isoformat(),
    }


def test_award_and_tag_items_give_every_public_field(client):
    tag = factories.make_tag(
        "Imagerie médicale", name_en="Medical imaging", group="technology", description="Radios."
    )
    actor = factories.make_actor(name="Gleamer", tags=[tag])
    scheme = factories.make_scheme(name="France 2030")
    award = factories.make_award(
        scheme=scheme,
        actor=actor,
        amount_eur=Decimal("4500000"),
        year=2023,
        note="Tranche 1.",
        note_en="First tranche.",
    )
    factories.make_source(award, title="Communiqué", url="https://example.org/c", publisher="")

    assert client.get(f"/api/v1/awards/{award.pk}/").json() == {
        "id": award.pk,
        "scheme": reference("funding-schemes", scheme, "financements"),
        "actor": reference("actors", actor, "acteurs"),
        "amount_eur": 4500000.0,
        "year": 2023,
        "note": "Tranche 1.",
        "note_en": "First tranche.",
        "sources": [
            {
                "title": "Communiqué",
                "title_en": None,
                "url": "https://example.org/c",
                "publisher": "",
            }
        ],
    }
    assert client.get("/api/v1/tags/imagerie-medicale/").json() == {
        **reference("tags", tag, "tags"),
        "name_en": "Medical imaging",
        "group": "technology",
        "description": "Radios.",
        "description_en": None,
    }


def test_an_item_gives_each_text_in_both_languages_whatever_the_accept_language(client):
    tag = factories.make_tag("Imagerie médicale", name_en="Medical imaging")
    actor = factories.make_actor(
        name="Gleamer", summary="Lit les radios.", summary_en="Reads X-rays.", tags=[tag]
    )
    factories.make_key_figure(actor, label="Levée", label_en="Raised", value="27 M€")

    answers = [
        client.get("/api/v1/actors/gleamer/", headers={"accept-language": language}).json()
        for language in ("fr", "en")
    ]

    for item in answers:
        assert (item["name"], item["name_en"]) == ("Gleamer", None)
        assert (item["summary"], item["summary_en"]) == ("Lit les radios.", "Reads X-rays.")
        assert [(tag["name"], tag["name_en"]) for tag in item["tags"]] == [
            ("Imagerie médicale", "Medical imaging")
        ]
        assert [(figure["label"], figure["label_en"]) for figure in item["key_figures"]] == [
            ("Levée", "Raised")
        ]
    assert [item["url"] for item in answers] == [
        "http://testserver/acteurs/gleamer/",
        "http://testserver/en/actors/gleamer/",
    ]


def test_lists_and_details_hide_every_entry_that_is_not_public(client):
    visible = factories.make_actor(name="Visible")
    hidden = hidden_actors()
    response = client.get("/api/v1/actors/")
    assert slugs(response) == ["visible"]
    for actor in hidden:
        assert client.get(f"/api/v1/actors/{actor.slug}/").status_code == 404
    assert visible.slug == "visible"


def test_relations_never_show_an_entry_that_is_not_public(client):
    draft = factories.make_actor(name="Opérateur brouillon", status=PublicationStatus.DRAFT)
    operator = factories.make_actor(name="Bpifrance")
    parent = factories.make_scheme(name="Plan caché", status=PublicationStatus.ARCHIVED)
    scheme = factories.make_scheme(name="France 2030", operators=[operator, draft], parent=parent)
    factories.make_award(scheme=scheme, actor=draft, amount_eur=Decimal("10"))
    award = factories.make_award(
        scheme=scheme, actor=operator, amount_eur=Decimal("4500000"), year=2023
    )
    factories.make_programme(name="DU IA", providers=[draft])

    item = client.get("/api/v1/funding-schemes/france-2030/").json()

    assert item["parent"] is None
    assert item["operators"] == [reference("actors", operator, "acteurs")]
    assert item["awards"] == [
        {
            "id": award.pk,
            "actor": reference("actors", operator, "acteurs"),
            "amount_eur": 4500000.0,
            "year": 2023,
        }
    ]
    assert [a["id"] for a in client.get("/api/v1/awards/").json()["results"]] == [award.pk]
    assert client.get("/api/v1/training-programmes/du-ia/").json()["providers"] == []
    assert "operateur-brouillon" not in client.get("/api/v1/actors/").content.decode()


def test_tags_are_those_published_entries_carry(client):
    shown = factories.make_tag("Diabète")
    factories.make_tag("Seulement en brouillon")
    factories.make_actor(tags=[shown])
    factories.make_actor(status=PublicationStatus.DRAFT, tags=[factories.make_tag("Secret")])
    assert slugs(client.get("/api/v1/tags/")) == ["diabete"]
    assert client.get("/api/v1/tags/secret/").status_code == 404


WEB_LISTS = [
    ("/acteurs/", "/api/v1/actors/", "acteurs"),
    ("/financements/", "/api/v1/funding-schemes/", "financements"),
    ("/formations/", "/api/v1/training-programmes/", "formations"),
]
QUERIES = [
    "",
    "kind=hospital",
    "tag=imagerie&city=lyon",
    "q=radiologie",
    "founding_year_min=2000&founding_year_max=2010",
    "sort=newest",
    "sort=updated&tag=imagerie",
]


def web_slugs(client, path, query, section):
    html = client.get(f"{path}?{query}").content.decode()
    results = html[html.index('id="results-title"') :]
    return re.findall(rf'<h3 class="card__title"><a href="/{section}/([^/"]+)/"', results)


@pytest.mark.parametrize("query", QUERIES)
def test_actor_list_gives_the_entries_of_the_web_list_for_the_same_query(client, query):
    imaging = factories.make_tag("Imagerie")
    factories.make_actor(name="CHU de Lyon", kind="hospital", city="Lyon", tags=[imaging])
    factories.make_actor(name="Hospices", kind="hospital", city="Paris", founding_year=2005)
    factories.make_actor(
        name="Radiologie Plus", summary="Radiologie augmentée.", founding_year=2001, tags=[imaging]
    )
    factories.make_actor(name="Lyon Santé", city="lyon", founding_year=1990, tags=[imaging])
    hidden_actors()

    api = client.get(f"/api/v1/actors/?page_size=12&{query}")
    web = web_slugs(client, "/acteurs/", query, "acteurs")

    assert api.status_code == 200
    assert slugs(api) == web
    assert web  # every query above keeps at least one actor


def test_scheme_and_programme_filters_match_the_web_lists(client):
    operator = factories.make_actor(name="Bpifrance")
    factories.make_scheme(
        name="Appel", kind="call_for_projects", operators=[operator], budget_eur=5
    )
    factories.make_scheme(name="Prêt", kind="loan", budget_eur=50)
    factories.make_programme(name="DU Lyon", providers=[operator], duration_hours=40, city="Lyon")
    factories.make_programme(name="Master", diploma_type="master", duration_hours=400)
    cases = [
        ("/financements/", "/api/v1/funding-schemes/", "financements", "operator=bpifrance"),
        ("/financements/", "/api/v1/funding-schemes/", "financements", "budget_eur_min=10"),
        ("/formations/", "/api/v1/training-programmes/", "formations", "duration_hours_max=100"),
        ("/formations/", "/api/v1/training-programmes/", "formations", "diploma_type=master"),
    ]
    for web_path, api_path, section, query in cases:
        expected = web_slugs(client, web_path, query, section)
        assert len(expected) == 1, query
        assert slugs(client.get(f"{api_path}?{query}")) == expected, query


def test_updated_since_keeps_entries_saved_from_that_moment(client):
    old = factories.make_actor(name="Ancien")
    new = factories.make_actor(name="Nouveau")
    type(old).objects.filter(pk=old.pk).update(
        updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    type(new).objects.filter(pk=new.pk).update(
        updated_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    )

    assert slugs(client.get("/api/v1/actors/?updated_since=2025-01-01")) == ["nouveau"]
    assert slugs(client.get("/api/v1/actors/?updated_since=2025-05-31T00:00:00-20:34")) == [
        "nouveau"
    ]
    assert slugs(client.get("/api/v1/actors/?updated_since=2023-12-31T23:00:00Z")) == [
        "ancien",
        "nouveau",
    ]


def test_cursor_pages_walk_every_entry_once_in_order(client):
    names = [f"Acteur {number:02}" for number in range(7)]
    for name in reversed(names):
        factories.make_actor(name=name)
    seen, url = [], "/api/v1/actors/?page_size=3"
    while url:
        page = client.get(url).json()
        seen += [item["name"] for item in page["results"]]
        url = page["next"]
    assert seen == names


@pytest.mark.parametrize(
    ("url", "language", "status", "title", "errors"),
    [
        ("/api/v1/actors/?kind=robot", "fr", 400, "Paramètres invalides", ["kind"]),
        ("/api/v1/actors/?kind=robot", "en", 400, "Invalid parameters", ["kind"]),
        (
            "/api/v1/actors/?founding_year_min=abc",
            "en",
            400,
            "Invalid parameters",
            ["founding_year_min"],
        ),
        (
            "/api/v1/actors/?founding_year_min=2020&founding_year_max=2000",
            "fr",
            400,
            "Paramètres invalides",
            ["founding_year_max"],
        ),
        ("/api/v1/actors/?tag=inconnu", "fr", 400, "Paramètres invalides", ["tag"]),
        (
            "/api/v1/actors/?updated_since=hier",
            "fr",
            400,
            "Paramètres invalides",
            ["updated_since"],
        ),
        (
            "/api/v1/actors/?updated_since=2025-13-45",
            "en",
            400,
            "Invalid parameters",
            ["updated_since"],
        ),
        (
            "/api/v1/actors/?updated_since=0001-01-01T00:00:00%2B20:00",
            "fr",
            400,
            "Paramètres invalides",
            ["updated_since"],
        ),
        ("/api/v1/actors/?sort=founded", "en", 400, "Invalid parameters", ["sort"]),
        ("/api/v1/actors/?cursor=bz1hYmM=", "fr", 404, "Introuvable", None),
        ("/api/v1/actors/?format=pdf", "en", 400, "Invalid parameters", ["format"]),
        ("/api/v1/actors/?q=" + "x" * 300, "fr", 400, "Paramètres invalides", ["q"]),
        ("/api/v1/actors/inconnu/", "en", 404, "Not found", None),
        ("/api/v1/nulle-part/", "fr", 404, "Introuvable", None),
    ],
)
def test_bad_input_gets_a_problem_document_in_the_client_language(
    client, url, language, status, title, errors
):
    factories.make_actor()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["title"]) == (status, title)
    assert problem["type"] == "about:blank"
    if errors is not None:
        assert sorted(problem["errors"]) == errors
