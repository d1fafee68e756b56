"""Import files: limits with a clear message, and one reading of the file (issue 10, item 11)."""

import csv
import io
import json
import os
import tempfile
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertRedirects

from ecosystem.models import Actor
from tests.admin_page import confirmation

pytestmark = pytest.mark.django_db

URL = "/admin/ecosystem/actor/"
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADERS = ["slug", "name", "kind", "summary"]


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_of_many_rows(count):
    """An XLSX of `count` rows, written straight into its sheet (openpyxl would take seconds)."""
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADERS]))) as made:
        parts = {name: made.read(name) for name in made.namelist()}
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>acteur-{n}</t></is></c></row>'
        for n in range(2, count + 2)
    )
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def csv_bytes(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def actor_rows(count):
    return [HEADERS, *([f"acteur-{n}", f"Acteur {n}", "company", "Résumé."] for n in range(count))]


def dry_run(client, name, content, file_format):
    upload = SimpleUploadedFile(name, content)
    return client.post(f"{URL}import/", {"format": file_format, "import_file": upload})


def assert_refused(response, message):
    """The import page again, the file refused with `message`, and nothing to confirm."""
    assert response.status_code == 200
    assertContains(
        response,
        f'<ul class="errorlist" id="id_import_file_error"><li>{escape(message)}</li></ul>',
        html=True,
    )
    assert b"process_import" not in response.content


def test_import_page_states_the_limits(editor_client):
    page = editor_client.get(f"{URL}import/")

    assertContains(
        page,
        '<p class="help">CSV en UTF-8 ou XLSX, de 500 lignes et 5 Mo au plus.</p>',
        html=True,
    )


def test_import_refuses_a_file_over_five_megabytes(editor_client):
    content = csv_bytes([HEADERS, ["a", "A", "company", "x" * 5_000_100]])

    response = dry_run(editor_client, "lourd.csv", content, CSV_FORMAT)

    assert_refused(
        response,
        "Le fichier pèse 5,0 Mo : la limite est de 5 Mo. Découpez-le en plusieurs fichiers.",
    )


def test_import_refuses_an_xlsx_that_unpacks_past_twenty_megabytes(editor_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 21_000_000)
    assert len(buffer.getvalue()) < 100_000  # a zip bomb: small to send, huge to read

    response = dry_run(editor_client, "bombe.xlsx", buffer.getvalue(), XLSX_FORMAT)

    assert_refused(
        response,
        "Ce fichier XLSX se décompresse en plus de 20 Mo : il est refusé. Enregistrez-le à "
        "nouveau avec seulement les colonnes à importer, ou en CSV.",
    )


@pytest.mark.parametrize(
    ("name", "file_format"), [("grand.xlsx", XLSX_FORMAT), ("grand.csv", CSV_FORMAT)]
)
def test_import_refuses_more_than_five_hundred_rows(editor_client, name, file_format):
    rows = actor_rows(501)
    content = xlsx_bytes(rows) if file_format == XLSX_FORMAT else csv_bytes(rows)

    response = dry_run(editor_client, name, content, file_format)

    assert_refused(
        response,
        "Le fichier compte plus de 500 lignes : découpez-le en fichiers de 500 lignes au plus.",
    )


def test_import_of_a_hundred_thousand_rows_is_refused_without_reading_them_all(editor_client):
    content = xlsx_of_many_rows(100_000)
    assert len(content) < 1_000_000  # within the weight allowed: the rows are what is refused

    response = dry_run(editor_client, "enorme.xlsx", content, XLSX_FORMAT)

    assertContains(response, "Le fichier compte plus de 500 lignes")
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "file_format", "message"),
    [
        (
            "faux.xlsx",
            b"Ceci n'est pas un classeur.",
            XLSX_FORMAT,
            "Ce fichier n'est pas un classeur XLSX lisible : enregistrez-le à nouveau au format "
            "XLSX (Excel 2007 et suivants), ou en CSV.",
        ),
        (
            "latin1.csv",
            "slug,name\nhopital,Hôpital\n".encode("latin-1"),
            CSV_FORMAT,
            "Ce fichier CSV n'est pas encodé en UTF-8 : enregistrez-le à nouveau en « CSV UTF-8 ».",
        ),
        (
            "decale.csv",
            b"slug,name\nowkin,Owkin,en trop\n",
            CSV_FORMAT,
            "La ligne 2 compte plus de colonnes que la ligne des en-têtes : chaque colonne doit "
            "avoir un en-tête.",
        ),
    ],
)
def test_import_refuses_an_unreadable_file_with_a_message(
    editor_client, name, content, file_format, message
):
    assert_refused(dry_run(editor_client, name, content, file_format), message)


def test_import_keeps_the_rows_read_and_the_confirmation_does_not_read_the_file_again(
    editor_client,
):
    content = xlsx_bytes([HEADERS, ["owkin", "Owkin", "company", "IA fédérée."], [None] * 4])

    preview = dry_run(editor_client, "import.xlsx", content, XLSX_FORMAT)
    confirm = confirmation(preview)
    stored = os.path.join(tempfile.gettempdir(), confirm["import_file_name"])
    with open(stored, encoding="utf-8") as file:
        kept = json.load(file)
    done = editor_client.post(f"{URL}process_import/", confirm)

    # What the confirmation reads is the rows, not a spreadsheet to parse again.
    assert kept == {"headers": HEADERS, "rows": [["owkin", "Owkin", "company", "IA fédérée."]]}
    assertRedirects(done, URL)
    assert list(Actor.objects.values_list("slug", "name")) == [("owkin", "Owkin")]


def test_import_confirmation_whose_rows_are_gone_says_so(editor_client):
    preview = dry_run(editor_client, "import.csv", csv_bytes(actor_rows(1)), CSV_FORMAT)
    confirm = confirmation(preview)
    os.remove(os.path.join(tempfile.gettempdir(), confirm["import_file_name"]))

    done = editor_client.post(f"{URL}process_import/", confirm, follow=True)

    assertRedirects(done, f"{URL}import/")
    assertContains(
        done, escape("Le fichier vérifié n'est plus disponible : importez-le à nouveau.")
    )
    assert not Actor.objects.exists()
