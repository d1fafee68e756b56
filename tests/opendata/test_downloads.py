"""Every list downloads as CSV, JSON and XLSX: its filters, published entries, safe cells."""

import csv
import datetime
import io
import json
import shutil
import subprocess

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.opendata.test_api_headers import grow, make_atlas

pytestmark = pytest.mark.django_db

HEADER = [
    "id",
    "slug",
    "name",
    "name_en",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "website",
    "url",
    "kind",
    "city",
    "region",
    "founding_year",
    "parent",
    "members",
    "tags",
    "created_at",
    "updated_at",
]


def iso(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


@pytest.fixture
def hospitals():
    """Two hospitals (one with a name a spreadsheet would run), a company, and a draft."""
    imaging = factories.make_tag("Imagerie")
    cancer = factories.make_tag("Cancer")
    group = factories.make_actor(name="AP-HP", kind="hospital", city="Paris", region="IDF")
    trap = factories.make_actor(
        name='=HYPERLINK("http://evil.example";"clic")',
        slug="piege",
        kind="hospital",
        summary="-2+3 résultats",
        summary_en="-2+3 results",
        founding_year=1849,
        parent=group,
        tags=[imaging, cancer],
    )
    member = factories.make_actor(name="Équipe Œdème", slug="equipe")
    draft = factories.make_actor(name="Brouillon", status="draft")
    trap.members.add(member, draft)
    factories.make_actor(name="Start-up", kind="company")
    for actor in (group, trap):
        actor.refresh_from_db()
    return group, trap


def expected_rows(group, trap):
    return [
        [
            str(trap.pk),
            "piege",
            '\'=HYPERLINK("http://evil.example";"clic")',
            "",
            "'-2+3 résultats",
            "'-2+3 results",
            "",
            "",
            "",
            "http://testserver/acteurs/piege/",
            "hospital",
            "",
            "",
            "1849",
            group.slug,
            "equipe",
            "cancer | imagerie",
            iso(trap.created_at),
            iso(trap.updated_at),
        ],
        [
            str(group.pk),
            "ap-hp",
            "AP-HP",
            "",
            "Résumé de ap-hp.",
            "",
            "",
            "",
            "",
            "http://testserver/acteurs/ap-hp/",
            "hospital",
            "Paris",
            "IDF",
            "",
            "",
            "",
            "",
            iso(group.created_at),
            iso(group.updated_at),
        ],
    ]


def body(response):
    return b"".join(response.streaming_content)


def test_list_page_offers_its_results_in_three_formats_with_its_filters(client, hospitals):
    html = client.get("/acteurs/?kind=hospital&sort=founded&page=1").content.decode()
    for file_format in ("csv", "xlsx", "json"):
        assert (
            f'href="/api/v1/actors/?kind=hospital&amp;sort=founded&amp;format={file_format}"'
            in html
        )
    english = client.get("/en/actors/?q=resume").content.decode()
    assert 'href="/api/v1/actors/?q=resume&amp;format=csv"' in english


def test_csv_gives_the_filtered_published_entries_with_safe_cells(client, hospitals):
    response = client.get("/api/v1/actors/?kind=hospital&sort=founded&format=csv")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="atlas-ia-sante-actors-'
    )
    content = body(response).decode("utf-8")
    assert content.startswith("\ufeffid,slug,")
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert rows == [HEADER, *expected_rows(*hospitals)]


def test_a_download_asked_from_the_english_site_gives_the_same_columns(client, hospitals):
    """Each text in French under its name and in English beside it, whatever the language;
    only the pages' addresses follow it."""
    path = "/api/v1/actors/?kind=hospital&sort=founded&format=csv"
    english = body(client.get(path, headers={"accept-language": "en"})).decode()

    rows = list(csv.reader(io.StringIO(english.removeprefix("\ufeff"))))
    expected = [
        [cell.replace("testserver/acteurs/", "testserver/en/actors/") for cell in row]
        for row in expected_rows(*hospitals)
    ]
    assert rows == [HEADER, *expected]


def test_json_download_gives_every_row_with_lists_and_numbers(client, hospitals):
    response = client.get("/api/v1/actors/?kind=hospital&sort=founded&format=json")
    rows = json.loads(body(response))
    assert [row["slug"] for row in rows] == ["piege", "ap-hp"]
    assert rows[0]["name"] == '=HYPERLINK("http://evil.example";"clic")'
    assert rows[0]["tags"] == ["cancer", "imagerie"]
    assert rows[0]["members"] == ["equipe"]
    assert rows[0]["founding_year"] == 1849
    assert rows[1]["parent"] is None


def test_xlsx_download_holds_the_same_rows_as_text_never_formulas(client, hospitals):
    response = client.get("/api/v1/actors/?kind=hospital&sort=founded&format=xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][-2:] == ["created_at (UTC)", "updated_at (UTC)"]
    assert rows[1][:6] == [
        hospitals[1].pk,
        "piege",
        '\'=HYPERLINK("http://evil.example";"clic")',
        None,
        "'-2+3 résultats",
        "'-2+3 results",
    ]
    assert rows[1][13:17] == [1849, "ap-hp", "equipe", "cancer | imagerie"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_downloads_of_every_kind_hide_drafts(client):
    draft_actor = factories.make_actor(name="Acteur caché", status="draft")
    shown = factories.make_actor(name="Acteur public")
    factories.make_scheme(name="Plan public", operators=[shown, draft_actor])
    factories.make_award(actor=draft_actor)
    factories.make_programme(name="DU public", providers=[draft_actor])
    for path in ("actors", "funding-schemes", "training-programmes", "awards"):
        content = body(client.get(f"/api/v1/{path}/?format=csv")).decode()
        assert "acteur-cache" not in content, path
        assert "Acteur caché" not in content, path


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_csv_with_its_accents_and_no_formula(client, hospitals, tmp_path):
    (tmp_path / "acteurs.csv").write_bytes(
        body(client.get("/api/v1/actors/?kind=hospital&sort=founded&format=csv"))
    )
    # Its own profile, so that it never waits on another LibreOffice of the machine. The filter
    # names the separator and quote but no character set: LibreOffice must find UTF-8 itself.
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--infilter=CSV:44,34,,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "acteurs.csv"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = openpyxl.load_workbook(tmp_path / "acteurs.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["id", "slug", "name", "name_en"]
    assert rows[1][2].endswith('=HYPERLINK("http://evil.example";"clic")')
    assert rows[1][4].endswith("-2+3 résultats")
    assert rows[2][2:5] == ["AP-HP", None, "Résumé de ap-hp."]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_xlsx_with_text_dates_and_no_formula(client, hospitals, tmp_path):
    (tmp_path / "acteurs.xlsx").write_bytes(
        body(client.get("/api/v1/actors/?kind=hospital&sort=founded&format=xlsx"))
    )
    # LibreOffice reads the workbook and writes back its first sheet as CSV, in UTF-8 (76).
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "acteurs.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "acteurs.csv").read_text("utf-8"))))
    assert rows[0] == [*HEADER[:-2], "created_at (UTC)", "updated_at (UTC)"]
    _group, trap = hospitals
    assert rows[1][:6] == [
        str(trap.pk),
        "piege",
        '\'=HYPERLINK("http://evil.example";"clic")',
        "",
        "'-2+3 résultats",
        "'-2+3 results",
    ]
    assert rows[1][13:17] == ["1849", "ap-hp", "equipe", "cancer | imagerie"]
    # A date, shown as one to the second, in UTC.
    shown = datetime.datetime.strptime(rows[1][17], "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=datetime.UTC
    )
    assert abs(shown - trap.created_at) <= datetime.timedelta(seconds=1)
    assert rows[2][2:5] == ["AP-HP", "", "Résumé de ap-hp."]


DOWNLOAD_URLS = [
    f"/api/v1/{path}/?format={file_format}"
    for path in ("actors", "funding-schemes", "training-programmes", "awards")
    for file_format in ("csv", "json", "xlsx")
]


def download_queries(client):
    """The queries of each download, the file read to its end (a streamed one reads as it goes)."""
    counts = {}
    for url in DOWNLOAD_URLS:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            assert response.status_code == 200, url
            body(response)
        counts[url] = len(captured)
    return counts


def test_downloads_run_as_many_queries_for_5_as_for_50_entries(client):
    atlas = make_atlas()
    grow(atlas, 5)
    download_queries(client)  # Content types in Django's cache for both counts.
    small = download_queries(client)
    grow(atlas, 45)
    assert download_queries(client) == small
