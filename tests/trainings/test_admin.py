"""Editing training programmes in the back-office."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertRedirects

from core.models import PublicationStatus
from tests import factories
from tests.admin_page import (
    changelist_column,
    fieldset_titles,
    heading,
    inline_titles,
    result_count,
)
from trainings.models import DiplomaType, TeachingFormat, TeachingLanguage, TrainingProgramme

pytestmark = pytest.mark.django_db

SOURCES = "core-source-content_type-object_id"
KEY_FIGURES = "core-keyfigure-content_type-object_id"


def test_programme_changelist_lists_programmes_with_their_diploma(editor_client):
    factories.make_programme(name="DU IA en santé", diploma_type=DiplomaType.DU)
    factories.make_programme(name="Master IA et médecine", diploma_type=DiplomaType.MASTER)

    response = editor_client.get("/admin/trainings/trainingprogramme/")

    assert heading(response) == "Sélectionnez l’objet formation à changer"
    assert changelist_column(response) == ["DU IA en santé", "Master IA et médecine"]
    assertContains(
        response, '<td class="field-diploma_type">Diplôme universitaire (DU)</td>', html=True
    )


def test_programme_changelist_queries_do_not_grow_with_rows(
    editor_client, django_assert_num_queries
):
    tags = [factories.make_tag(), factories.make_tag()]
    university = factories.make_actor()

    def make_programmes(count):
        for _ in range(count):
            factories.make_programme(tags=tags, providers=[university])

    make_programmes(5)
    # The first request fills per-process caches (content types): compare warm ones.
    editor_client.get("/admin/trainings/trainingprogramme/")
    with CaptureQueriesContext(connection) as few_rows:
        editor_client.get("/admin/trainings/trainingprogramme/")
    make_programmes(25)

    with django_assert_num_queries(len(few_rows)):
        response = editor_client.get("/admin/trainings/trainingprogramme/")
    assert result_count(response) == "30 formations"


def test_programme_search_finds_the_programme_by_name(editor_client):
    du = factories.make_programme(name="DU IA en santé")
    factories.make_programme(name="Master IA et médecine")

    response = editor_client.get("/admin/trainings/trainingprogramme/", {"q": "DU IA"})

    assert changelist_column(response) == [du.name]


def test_programme_add_page_shows_sections_and_inlines(editor_client):
    response = editor_client.get("/admin/trainings/trainingprogramme/add/")

    assertContains(response, "<h1>Ajout de formation</h1>", html=True)
    assert fieldset_titles(response) == [
        "Identité",
        "Présentation",
        "Organisation",
        "Contenu",
        "Image",
        "Publication",
    ]
    assert inline_titles(response) == ["Sources", "Chiffres clés"]


def test_programme_change_page_shows_the_programme_and_its_providers(editor_client):
    university = factories.make_actor(name="Université Paris Cité")
    programme = factories.make_programme(name="DU IA en santé", providers=[university])

    response = editor_client.get(f"/admin/trainings/trainingprogramme/{programme.pk}/change/")

    assertContains(response, "<h2>DU IA en santé</h2>", html=True)
    assertContains(
        response,
        f'<option value="{university.pk}" selected>Université Paris Cité</option>',
        html=True,
    )


def test_programme_add_form_saves_the_programme_with_its_providers(editor_client):
    university = factories.make_actor(name="Université Paris Cité")
    data = {
        "name": "DU IA en santé",
        "slug": "du-ia-en-sante",
        "diploma_type": DiplomaType.DU,
        "summary": "Former les soignants à l'IA.",
        "tags": [factories.make_tag("Formation continue").pk],
        "providers": [university.pk],
        "city": "Paris",
        "teaching_format": TeachingFormat.HYBRID,
        "language": TeachingLanguage.FRENCH,
        "duration_hours": "120",
        "cost_eur": "2500",
        "image_alt": "",
        "status": PublicationStatus.DRAFT,
        **factories.formset_management_data(SOURCES),
        **factories.formset_management_data(KEY_FIGURES),
    }

    response = editor_client.post("/admin/trainings/trainingprogramme/add/", data)

    assertRedirects(response, "/admin/trainings/trainingprogramme/")
    programme = TrainingProgramme.objects.get(slug="du-ia-en-sante")
    saved = (programme.teaching_format, programme.duration_hours, programme.cost_eur)
    assert saved == (TeachingFormat.HYBRID, 120, Decimal(2500))
    assert list(programme.providers.all()) == [university]
    assert [tag.name for tag in programme.tags.all()] == ["Formation continue"]
