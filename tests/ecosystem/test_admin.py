"""Editing actors in the back-office."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertRedirects

from core.models import PublicationStatus
from ecosystem.models import Actor, ActorKind, Region
from tests import factories
from tests.admin_page import (
    changelist_column,
    fieldset_titles,
    heading,
    inline_titles,
    result_count,
)

pytestmark = pytest.mark.django_db

SOURCES = "core-source-content_type-object_id"
KEY_FIGURES = "core-keyfigure-content_type-object_id"
AWARDS = "awards"


def test_actor_changelist_lists_actors_with_kind_and_tags(editor_client):
    imaging = factories.make_tag("Imagerie")
    factories.make_actor(name="Gleamer", kind=ActorKind.COMPANY, tags=[imaging])
    factories.make_actor(name="AP-HP", kind=ActorKind.HOSPITAL)

    response = editor_client.get("/admin/ecosystem/actor/")

    assert heading(response) == "Sélectionnez l’objet acteur à changer"
    assert changelist_column(response) == ["AP-HP", "Gleamer"]
    assertContains(response, '<td class="field-kind">Établissement de santé</td>', html=True)
    assertContains(response, '<td class="field-tag_list">Imagerie</td>', html=True)


def test_actor_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries):
    tags = [factories.make_tag(), factories.make_tag()]
    hub = factories.make_actor()

    def make_actors(count):
        for index in range(count):
            actor = factories.make_actor(
                tags=tags, parent=hub, image=f"entries/2026/{index}.png", image_alt="Logo"
            )
            actor.members.add(hub)

    make_actors(4)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get("/admin/ecosystem/actor/")
    with CaptureQueriesContext(connection) as few_rows:
        editor_client.get("/admin/ecosystem/actor/")
    make_actors(25)

    with django_assert_num_queries(len(few_rows)):
        response = editor_client.get("/admin/ecosystem/actor/")
    assert result_count(response) == "30 acteurs"


def test_actor_search_matches_name_summary_and_description(editor_client):
    gleamer = factories.make_actor(name="Gleamer", description="Radiologie augmentée.")
    factories.make_actor(name="Owkin", description="Apprentissage fédéré.")

    by_name = editor_client.get("/admin/ecosystem/actor/", {"q": "gleam"})
    by_description = editor_client.get("/admin/ecosystem/actor/", {"q": "radiologie"})

    assert changelist_column(by_name) == [gleamer.name]
    assert changelist_column(by_description) == [gleamer.name]


def test_actor_add_page_shows_sections_and_inlines(editor_client):
    response = editor_client.get("/admin/ecosystem/actor/add/")

    assertContains(response, "<h1>Ajout de acteur</h1>", html=True)
    assert fieldset_titles(response) == [
        "Identité",
        "Présentation",
        "Localisation",
        "Liens avec d'autres acteurs",
        "Image",
        "Publication",
    ]
    assert inline_titles(response) == ["Sources", "Chiffres clés", "Financements attribués"]


def test_actor_change_page_shows_the_actor_and_its_details(editor_client):
    actor = factories.make_actor(name="Gleamer")
    factories.make_source(actor, title="Dossier de presse")
    factories.make_key_figure(actor, label="Salariés", value="80")

    response = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/")

    assertContains(response, "<h2>Gleamer</h2>", html=True)
    assertContains(response, 'value="Dossier de presse"')
    assertContains(response, 'value="Salariés"')


def test_actor_add_form_saves_the_actor_with_tags_sources_and_key_figures(editor_client):
    parent = factories.make_actor(name="Doliam")
    member = factories.make_actor(name="Owkin")
    data = {
        "name": "Campus Doliam",
        "slug": "campus-doliam",
        "kind": ActorKind.CAMPUS,
        "founding_year": "2021",
        "summary": "Un campus pour l'IA en santé.",
        "description": "",
        "website": "https://campus.example.org",
        "tags": [factories.make_tag("Imagerie médicale").pk],
        "city": "Paris",
        "region": Region.ILE_DE_FRANCE,
        "parent": parent.pk,
        "members": [member.pk],
        "image_alt": "",
        "status": PublicationStatus.REVIEW,
        **factories.formset_management_data(SOURCES, total=1),
        f"{SOURCES}-0-position": "1",
        f"{SOURCES}-0-title": "Communiqué de lancement",
        f"{SOURCES}-0-url": "https://example.org/communique",
        f"{SOURCES}-0-publisher": "Doliam",
        **factories.formset_management_data(KEY_FIGURES, total=1),
        f"{KEY_FIGURES}-0-position": "1",
        f"{KEY_FIGURES}-0-label": "Surface",
        f"{KEY_FIGURES}-0-value": "5 000 m²",
        f"{KEY_FIGURES}-0-source_url": "",
        **factories.formset_management_data(AWARDS),
    }

    response = editor_client.post("/admin/ecosystem/actor/add/", data)

    assertRedirects(response, "/admin/ecosystem/actor/")
    actor = Actor.objects.get(slug="campus-doliam")
    assert (actor.name, actor.kind, actor.founding_year, actor.region, actor.parent) == (
        "Campus Doliam",
        ActorKind.CAMPUS,
        2021,
        Region.ILE_DE_FRANCE,
        parent,
    )
    assert list(actor.members.all()) == [member]
    assert [tag.name for tag in actor.tags.all()] == ["Imagerie médicale"]
    assert [(s.title, s.url, s.publisher) for s in actor.sources.all()] == [
        ("Communiqué de lancement", "https://example.org/communique", "Doliam")
    ]
    assert [(k.label, k.value) for k in actor.key_figures.all()] == [("Surface", "5 000 m²")]


def test_actor_autocomplete_finds_actors_by_name_for_editors(editor_client):
    gleamer = factories.make_actor(name="Gleamer")
    factories.make_actor(name="Owkin")

    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "ecosystem", "model_name": "actor", "field_name": "parent", "term": "glea"},
    )

    assert response.json()["results"] == [{"id": str(gleamer.pk), "text": "Gleamer"}]
