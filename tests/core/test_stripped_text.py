"""Control characters never reach the database, whoever saves (issue 10, item 10)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import KeyFigure, Source, Tag
from ecosystem.models import Actor
from funding.models import Award, FundingScheme
from tests import factories
from tests.admin_page import confirmation
from trainings.models import TrainingProgramme

pytestmark = pytest.mark.django_db

DIRTY = "Ligne\x0b verticale\x00\x1b[31m\x7f\x85, tabulation\tet\nretour."
CLEAN = "Ligne verticale[31m, tabulation\tet\nretour."


def test_save_strips_control_characters_from_every_entry_text_field():
    actor = factories.make_actor(
        name="Acteur\x0b", summary=DIRTY, description=DIRTY, city="Pa\x07ris"
    )
    scheme = factories.make_scheme(name="Dispositif\x0c", summary=DIRTY, eligibility=DIRTY)
    programme = factories.make_programme(name="Formation\x01", summary=DIRTY, objectives=DIRTY)

    assert Actor.objects.values_list("name", "summary", "description", "city").get(pk=actor.pk) == (
        "Acteur",
        CLEAN,
        CLEAN,
        "Paris",
    )
    assert FundingScheme.objects.values_list("name", "summary", "eligibility").get(
        pk=scheme.pk
    ) == ("Dispositif", CLEAN, CLEAN)
    assert TrainingProgramme.objects.values_list("name", "summary", "objectives").get(
        pk=programme.pk
    ) == ("Formation", CLEAN, CLEAN)


def test_save_strips_control_characters_from_related_models():
    actor = factories.make_actor()
    tag = factories.make_tag("Imagerie\x0b médicale", description=DIRTY)
    source = factories.make_source(actor, title="Rapport\x1f", publisher="Inserm\x00")
    figure = factories.make_key_figure(actor, label="Levée\x0b", value="4,5\x08 M€")
    award = factories.make_award(actor=actor, year=2024, note=DIRTY)

    assert Tag.objects.values_list("name", "description").get(pk=tag.pk) == (
        "Imagerie médicale",
        CLEAN,
    )
    assert Source.objects.values_list("title", "publisher").get(pk=source.pk) == (
        "Rapport",
        "Inserm",
    )
    assert KeyFigure.objects.values_list("label", "value").get(pk=figure.pk) == (
        "Levée",
        "4,5 M€",
    )
    assert Award.objects.values_list("note", flat=True).get(pk=award.pk) == CLEAN


def test_import_strips_control_characters(editor_client):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["slug", "name", "kind", "summary"], ["owkin", "Owkin\x0b", "company", DIRTY]]
    )
    upload = SimpleUploadedFile("import.csv", buffer.getvalue().encode())
    url = "/admin/ecosystem/actor/"

    preview = editor_client.post(f"{url}import/", {"format": "0", "import_file": upload})
    editor_client.post(f"{url}process_import/", confirmation(preview))

    assert Actor.objects.values_list("name", "summary").get(slug="owkin") == ("Owkin", CLEAN)
