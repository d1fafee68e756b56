"""Import and export carry both languages, one column each, and round-trip them unchanged."""

import csv
import io

import pytest

from ecosystem.models import Actor
from funding.models import Award
from tests import factories
from tests.admin_page import import_totals
from tests.core.admin.test_transfer import ADMIN_URLS, csv_upload, export, import_file

pytestmark = pytest.mark.django_db


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_an_import_writes_each_language_in_its_column(editor_client):
    upload = csv_upload(
        [
            ["slug", "name", "name_en", "kind", "summary", "summary_en", "description_en"],
            ["gleamer", "GLEAMER", "GLEAMER", "company", "Lit les radios.", "Reads X-rays.", ""],
        ]
    )

    # An English back-office: the French still goes to the French.
    editor_client.cookies["django_language"] = "en"
    preview, _done = import_file(editor_client, ADMIN_URLS["actor"], upload)

    assert import_totals(preview) == [
        "Créations : 1",
        "Mises à jour : 0",
        "Lignes inchangées : 0",
        "Lignes refusées : 0",
    ]
    actor = Actor.objects.get(slug="gleamer")
    assert (actor.summary_fr, actor.summary_en, actor.description_en) == (
        "Lit les radios.",
        "Reads X-rays.",
        None,
    )


def test_an_export_has_a_column_per_language_and_reimports_unchanged(editor_client):
    actor = factories.make_actor(
        name="Gleamer", summary="Lit les radios.", summary_en="Reads X-rays.", description="Texte."
    )
    scheme = factories.make_scheme(name="France 2030", eligibility_en="Companies.")
    factories.make_award(
        scheme=scheme, actor=actor, year=2023, note="Abondement.", note_en="Top-up."
    )

    actors = export(editor_client, ADMIN_URLS["actor"], "csv")
    awards = export(editor_client, ADMIN_URLS["award"], "csv")

    row = csv_rows(actors)[0]
    assert {
        key: row[key] for key in ("summary", "summary_en", "description", "description_en")
    } == {
        "summary": "Lit les radios.",
        "summary_en": "Reads X-rays.",
        "description": "Texte.",
        "description_en": "",
    }
    assert [(row["note"], row["note_en"]) for row in csv_rows(awards)] == [
        ("Abondement.", "Top-up.")
    ]
    for url, exported in [(ADMIN_URLS["actor"], actors), (ADMIN_URLS["award"], awards)]:
        preview, _done = import_file(
            editor_client, url, csv_upload(csv.reader(io.StringIO(exported.content.decode())))
        )
        assert import_totals(preview) == [
            "Créations : 0",
            "Mises à jour : 0",
            "Lignes inchangées : 1",
            "Lignes refusées : 0",
        ], url
    assert Award.objects.get().note_en == "Top-up."
