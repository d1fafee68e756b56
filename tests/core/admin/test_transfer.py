"""Import and export in the back-office: dry run, all-or-nothing import, round trip, filters."""

import csv
import io
import json

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import PublicationStatus
from ecosystem.models import Actor, ActorKind
from funding.models import Award
from tests import factories
from tests.admin_page import (
    confirmation,
    export_columns,
    import_errors,
    import_totals,
    import_types,
    messages_of,
    refused_rows,
)

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
EXPORT_FORMATS = {"csv": "0", "xlsx": "1", "json": "2"}
# What the `atlas` fixture holds of each kind.
ROWS_IN_THE_ATLAS = {"actor": 3, "scheme": 2, "award": 2, "programme": 1}
ADMIN_URLS = {
    "actor": "/admin/ecosystem/actor/",
    "scheme": "/admin/funding/fundingscheme/",
    "award": "/admin/funding/award/",
    "programme": "/admin/trainings/trainingprogramme/",
}


def csv_upload(rows, name="import.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode())


def xlsx_upload(rows, name="import.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def dry_run(client, url, upload, file_format=CSV_FORMAT):
    """Upload a file to the import page: the first step, which writes nothing."""
    return client.post(f"{url}import/", {"format": file_format, "import_file": upload})


def confirm(client, url, dry_run_response):
    """Confirm the import that a dry run showed."""
    return client.post(f"{url}process_import/", confirmation(dry_run_response), follow=True)


def import_file(client, url, upload, file_format=CSV_FORMAT):
    response = dry_run(client, url, upload, file_format)
    return response, confirm(client, url, response)


def export(client, url, file_format, query=""):
    """Export the changelist at `url`, filtered by `query`, with every column."""
    columns = dict.fromkeys(export_columns(client.get(f"{url}export/{query}")), "on")
    data = {"format": EXPORT_FORMATS[file_format], "resource": "0", **columns}
    return client.post(f"{url}export/{query}", data)


def dump_atlas():
    buffer = io.StringIO()
    call_command("dumpdata", "core", "ecosystem", "funding", "trainings", stdout=buffer)
    return buffer.getvalue()


@pytest.fixture
def atlas(db):
    """A little of everything the files carry: relations, tags (one with a comma), amounts."""
    imaging = factories.make_tag("Imagerie médicale")
    care = factories.make_tag("Soins, parcours")
    aphp = factories.make_actor(name="AP-HP", kind=ActorKind.HOSPITAL, city="Paris", region="IDF")
    gleamer = factories.make_actor(
        name="Gleamer", founding_year=2017, parent=aphp, tags=[imaging, care]
    )
    consortium = factories.make_actor(name="PortrAIt", kind=ActorKind.CONSORTIUM)
    consortium.members.add(aphp, gleamer)
    france_2030 = factories.make_scheme(
        name="France 2030", operators=[aphp], budget_eur="54000000000.00", tags=[imaging]
    )
    call = factories.make_scheme(name="Appel IA santé", parent=france_2030, announced_year=2023)
    factories.make_award(scheme=call, actor=gleamer, amount_eur="4500000.00", year=2023)
    factories.make_award(scheme=call, actor=consortium, year=2024, note="Montant non public.")
    factories.make_programme(
        name="DU IA en santé", providers=[aphp], cost_eur="1200.50", duration_hours=120
    )
    return {"aphp": aphp, "gleamer": gleamer}


def test_import_dry_run_lists_creates_updates_unchanged_and_errors_and_writes_nothing(
    editor_client, atlas
):
    before = dump_atlas()
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "parent", "members", "tags"],
            ["owkin", "Owkin", "company", "IA fédérée.", "ap-hp", "", "Imagerie médicale"],
            ["gleamer", "Gleamer SAS", "company", "Résumé de gleamer.", "ap-hp", "", ""],
            ["portrait", "PortrAIt", "consortium", "Résumé de portrait.", "", "ap-hp, gleamer", ""],
            ["nabla", "Nabla", "startup", "Assistant.", "inconnu", "gleamer, absent", ""],
        ]
    )

    response = dry_run(editor_client, ADMIN_URLS["actor"], upload)

    assert import_types(response) == ["Création", "Mise à jour", "Inchangée"]
    assert refused_rows(response) == [
        (
            4,
            [
                ("parent", ["Identifiant « inconnu » introuvable parmi les acteurs."]),
                ("members", ["Identifiant « absent » introuvable parmi les acteurs."]),
                ("kind", ["La valeur « 'startup' » n’est pas un choix valide."]),
            ],
        )
    ]
    assert import_totals(response) == [
        "Créations : 1",
        "Mises à jour : 1",
        "Lignes inchangées : 1",
        "Lignes refusées : 1",
    ]
    assertNotContains(response, "process_import")
    assert dump_atlas() == before


def test_import_confirmed_creates_drafts_and_updates_without_touching_status(editor_client, atlas):
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "status", "parent", "tags"],
            ["owkin", "Owkin", "company", "Apprentissage fédéré.", "published", "ap-hp", "Diabète"],
            ["gleamer", "Gleamer SAS", "company", "Résumé de gleamer.", "draft", "ap-hp", ""],
        ]
    )
    before = dump_atlas()

    preview = dry_run(editor_client, ADMIN_URLS["actor"], upload)
    assert dump_atlas() == before
    done = confirm(editor_client, ADMIN_URLS["actor"], preview)

    assert import_types(preview) == ["Nouveau", "Mettre à jour"]
    assertContains(preview, "<li>Créations : 1</li>", html=True)
    assertRedirects(done, ADMIN_URLS["actor"])
    owkin = Actor.objects.get(slug="owkin")
    assert (owkin.status, owkin.parent, [tag.name for tag in owkin.tags.all()]) == (
        PublicationStatus.DRAFT,
        atlas["aphp"],
        ["Diabète"],
    )
    gleamer = Actor.objects.get(slug="gleamer")
    assert (gleamer.name, gleamer.status, gleamer.founding_year) == (
        "Gleamer",
        PublicationStatus.PUBLISHED,
        2017,
    )
    # An editor's change to a published entry waits for a reviewer (tests/core/publishing/).
    assert gleamer.pending_changes.get().proposed_values == {
        "fields": {"name": "Gleamer SAS"},
        "tags": [],
    }


def test_import_dry_run_writes_nothing_even_when_every_row_is_valid(editor_client, atlas):
    before = dump_atlas()
    upload = csv_upload([["slug", "name", "kind", "summary"], ["owkin", "Owkin", "company", "IA."]])

    response = dry_run(editor_client, ADMIN_URLS["actor"], upload)

    assert import_types(response) == ["Nouveau"]
    assert confirmation(response)["original_file_name"] == "import.csv"
    assert dump_atlas() == before


def test_import_with_a_row_refused_at_confirmation_writes_nothing(editor_client, atlas):
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "parent"],
            ["gleamer", "Gleamer SAS", "company", "Résumé de gleamer.", ""],
            ["owkin", "Owkin", "company", "Apprentissage fédéré.", "portrait"],
        ]
    )
    preview = dry_run(editor_client, ADMIN_URLS["actor"], upload)
    assert import_types(preview) == ["Mettre à jour", "Nouveau"]
    # Between the dry run and the confirmation, someone renames the parent the file names.
    Actor.objects.filter(slug="portrait").update(slug="portrait-ia")
    before = dump_atlas()

    response = confirm(editor_client, ADMIN_URLS["actor"], preview)

    assert dump_atlas() == before
    assert Actor.objects.get(slug="gleamer").name == "Gleamer"
    assert messages_of(response) == [
        "L'import a été annulé : une ligne au moins est refusée, rien n'a été enregistré. "
        "Relancez-le pour voir le détail ligne par ligne."
    ]


def test_import_reads_xlsx_with_empty_cells_and_numbers(editor_client, atlas):
    upload = xlsx_upload(
        [
            ["slug", "name", "kind", "summary", "description", "founding_year", "members"],
            ["owkin", "Owkin", "company", "Apprentissage fédéré.", None, 2016, None],
        ]
    )

    preview, _ = import_file(editor_client, ADMIN_URLS["actor"], upload, XLSX_FORMAT)

    assert import_types(preview) == ["Nouveau"]
    owkin = Actor.objects.get(slug="owkin")
    assert (owkin.description, owkin.founding_year, list(owkin.members.all())) == ("", 2016, [])


def test_award_import_names_scheme_and_actor_by_slug(editor_client, atlas):
    upload = csv_upload(
        [
            ["scheme", "actor", "year", "amount_eur", "note"],
            ["france-2030", "ap-hp", "2024", "1000000", ""],
            ["appel-ia-sante", "gleamer", "2023", "5000000", ""],
            ["plan-inconnu", "gleamer", "2023", "", ""],
        ]
    )

    response = dry_run(editor_client, ADMIN_URLS["award"], upload)

    assert import_totals(response) == [
        "Créations : 1",
        "Mises à jour : 1",
        "Lignes inchangées : 0",
        "Lignes refusées : 1",
    ]
    assert import_errors(response) == [
        "Numéro de ligne: 3 - "
        "Identifiant « plan-inconnu » introuvable parmi les dispositifs de financement."
    ]
    assert Award.objects.count() == 2


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["actor", "scheme", "award", "programme"])
def test_export_then_import_changes_nothing(editor_client, atlas, kind, file_format):
    url = ADMIN_URLS[kind]
    exported = export(editor_client, url, file_format)
    assert exported.status_code == 200
    before = dump_atlas()

    preview, done = import_file(
        editor_client,
        url,
        SimpleUploadedFile(f"export.{file_format}", exported.content),
        CSV_FORMAT if file_format == "csv" else XLSX_FORMAT,
    )

    assert import_totals(preview) == [
        "Créations : 0",
        "Mises à jour : 0",
        f"Lignes inchangées : {ROWS_IN_THE_ATLAS[kind]}",
        "Lignes refusées : 0",
    ]
    assertRedirects(done, url)
    assert dump_atlas() == before


def test_export_contains_every_column_in_french_number_format(editor_client, atlas):
    response = export(editor_client, ADMIN_URLS["scheme"], "csv", "?q=france")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "slug",
            "name",
            "name_en",
            "status",
            "summary",
            "summary_en",
            "description",
            "description_en",
            "website",
            "kind",
            "state",
            "announced_year",
            "announced_month",
            "budget_eur",
            "eligibility",
            "eligibility_en",
            "sectors",
            "sectors_en",
            "parent",
            "operators",
            "tags",
        ],
        [
            "france-2030",
            "France 2030",
            "",
            "published",
            "Résumé de france-2030.",
            "",
            "",
            "",
            "",
            "programme",
            "ongoing",
            "",
            "",
            "54000000000,00",
            "",
            "",
            "",
            "",
            "",
            "ap-hp",
            "Imagerie médicale",
        ],
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
def test_export_of_a_filtered_changelist_has_only_the_filtered_rows(
    editor_client, atlas, file_format
):
    factories.make_actor(name="Institut Curie", kind=ActorKind.HOSPITAL)

    response = export(editor_client, ADMIN_URLS["actor"], file_format, "?kind__exact=hospital")

    assert response["Content-Disposition"].startswith('attachment; filename="Actor-')
    if file_format == "csv":
        slugs = [row["slug"] for row in csv.DictReader(io.StringIO(response.content.decode()))]
    elif file_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        slugs = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    else:
        slugs = [row["slug"] for row in json.loads(response.content)]
    assert slugs == ["ap-hp", "institut-curie"]


def test_export_keeps_the_changelist_filters_in_its_link(editor_client, atlas):
    response = editor_client.get(ADMIN_URLS["actor"], {"kind__exact": "hospital"})

    assertContains(
        response,
        '<a href="/admin/ecosystem/actor/export/?kind__exact=hospital" class="export_link">'
        "Exporter</a>",
        html=True,
    )


def test_import_is_refused_to_a_user_who_may_only_view(client, atlas):
    viewer = get_user_model().objects.create_user(username="lecteur", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actor"))
    client.force_login(viewer)

    changelist = client.get(ADMIN_URLS["actor"])

    assertNotContains(changelist, "import_link")
    assertContains(changelist, "export_link")
    assert client.get(f"{ADMIN_URLS['actor']}import/").status_code == 403
    upload = csv_upload([["slug", "name", "kind", "summary"], ["owkin", "Owkin", "company", "IA."]])
    assert dry_run(client, ADMIN_URLS["actor"], upload).status_code == 403
    assert export(client, ADMIN_URLS["actor"], "csv").status_code == 200


def test_export_is_refused_to_a_user_who_may_not_view(client, atlas):
    outsider = get_user_model().objects.create_user(username="autre", is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(outsider)

    assert client.get(f"{ADMIN_URLS['actor']}export/").status_code == 403
    assert client.get(f"{ADMIN_URLS['award']}export/").status_code == 200
