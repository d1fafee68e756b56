"""Tags an editor can trust (core/admin/tags.py): chosen, not typed; created by reviewers, once."""

import pytest
from django.utils.html import escape
from django.utils.text import slugify
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import Tag, TagGroup
from ecosystem.models import Actor
from tests import factories
from tests.core.publishing.test_workflow import actor_form_data

TAG_AUTOCOMPLETE = "/admin/core/tag/autocomplete/"
ACTOR_TAGS = {"app_label": "ecosystem", "model_name": "actor", "field_name": "tags"}


def add_tag(client, name):
    return client.post(
        "/admin/core/tag/add/",
        {"name": name, "slug": slugify(name), "group": TagGroup.OTHER, "description": ""},
    )


def test_tag_autocomplete_folds_accents_and_shows_each_tag_group(editor_client):
    imaging = factories.make_tag("Imagerie médicale", group=TagGroup.TECHNOLOGY)
    factories.make_tag("Médecine prédictive", group=TagGroup.CARE)
    factories.make_tag("Diabète", group=TagGroup.PATHOLOGY)

    response = editor_client.get(TAG_AUTOCOMPLETE, {**ACTOR_TAGS, "term": "IMAGERIE medic"})

    assert response.json()["results"] == [
        {"id": str(imaging.pk), "text": "Imagerie médicale (Technologies)"}
    ]


def test_tag_autocomplete_finds_an_accented_name_typed_without_accents(editor_client):
    diabetes = factories.make_tag("Diabète", group=TagGroup.PATHOLOGY)

    response = editor_client.get(TAG_AUTOCOMPLETE, {**ACTOR_TAGS, "term": "diabete"})

    assert response.json()["results"] == [{"id": str(diabetes.pk), "text": "Diabète (Pathologies)"}]


def test_tag_autocomplete_is_closed_to_visitors(client, db):
    factories.make_tag("Diabète")

    response = client.get(TAG_AUTOCOMPLETE, {**ACTOR_TAGS, "term": "dia"})

    assert (response.status_code, response["Location"][:19]) == (302, "/admin/login/?next=")


def test_entry_form_shows_the_chosen_tags_with_their_group(editor_client):
    tag = factories.make_tag("Diabète", group=TagGroup.PATHOLOGY)
    actor = factories.make_actor(name="Gleamer", tags=[tag])

    form = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/")

    assertContains(
        form, f'<option value="{tag.pk}" selected>Diabète (Pathologies)</option>', html=True
    )
    assertContains(form, f'data-ajax--url="{TAG_AUTOCOMPLETE}"')


def test_entry_form_keeps_an_existing_tag_chosen_by_an_editor(editor_client):
    tag = factories.make_tag("Diabète")
    actor = factories.make_actor(name="Gleamer", status="draft")

    response = editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/", actor_form_data(actor, tags=[tag.pk])
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    assert list(Actor.objects.get(pk=actor.pk).tags.names()) == ["Diabète"]


def test_entry_form_refuses_a_tag_that_does_not_exist(editor_client):
    actor = factories.make_actor(name="Gleamer", status="draft")

    response = editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/", actor_form_data(actor, tags=["Diabete"])
    )

    assertContains(
        response,
        escape("« Diabete » n'est pas une étiquette existante : choisissez-en une dans la liste."),
    )
    assert Tag.objects.count() == 0


def test_only_reviewers_may_create_a_tag(editor_client, reviewer):
    assert add_tag(editor_client, "Télésanté").status_code == 403
    editor_client.force_login(reviewer)
    assertRedirects(add_tag(editor_client, "Télésanté"), "/admin/core/tag/")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Télésanté"]


def test_entry_form_offers_to_create_a_tag_to_reviewers_only(editor_client, reviewer):
    add_link = 'id="add_id_tags"'

    assertNotContains(editor_client.get("/admin/ecosystem/actor/add/"), add_link)
    editor_client.force_login(reviewer)
    assertContains(editor_client.get("/admin/ecosystem/actor/add/"), add_link)


@pytest.mark.parametrize(
    "name",
    [
        "imagerie medicale",  # accents and case
        "Imageries médicales",  # plural
        "Imagerie  médicale",  # spacing
        "Imagerie médicalle",  # a typo
        "Imagerie-médicale",  # a hyphen
    ],
)
def test_tag_near_duplicate_is_refused_with_the_existing_tag(reviewer_client, name):
    factories.make_tag("Imagerie médicale")

    response = add_tag(reviewer_client, name)

    assertContains(
        response,
        escape(
            f"« {name} » ressemble trop à l'étiquette « Imagerie médicale », qui existe déjà : "
            "choisissez-la plutôt dans la fiche."
        ),
    )
    assert list(Tag.objects.values_list("name", flat=True)) == ["Imagerie médicale"]


@pytest.mark.parametrize("name", ["Diabète de type 2", "Diabétologie", "Imagerie"])
def test_tag_distinct_from_the_existing_ones_is_created(reviewer_client, name):
    factories.make_tag("Diabète de type 1")
    factories.make_tag("Imagerie médicale")

    assertRedirects(add_tag(reviewer_client, name), "/admin/core/tag/")
    assert Tag.objects.filter(name=name).count() == 1


def test_tag_renamed_may_keep_its_own_name_spelled_better(reviewer_client):
    tag = factories.make_tag("Imagerie medicale")

    response = reviewer_client.post(
        f"/admin/core/tag/{tag.pk}/change/",
        {"name": "Imagerie médicale", "slug": tag.slug, "group": tag.group, "description": ""},
    )

    assertRedirects(response, "/admin/core/tag/")
    assert Tag.objects.get().name == "Imagerie médicale"
