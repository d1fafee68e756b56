"""The API's formats by Accept as by `?format=`: the same files, 406 as a problem, caches kept apart."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.cache import caches

from tests import factories

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def actors():
    factories.make_actor(name="Gleamer", kind="company")
    factories.make_actor(name="AP-HP", kind="hospital")
    factories.make_actor(name="Brouillon", status="draft")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(body(response).decode().removeprefix("\ufeff"))))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_accept_gives_the_same_files_as_the_format_parameter(client, actors):
    by_accept = client.get("/api/v1/actors/?kind=hospital", HTTP_ACCEPT="text/csv")
    by_format = client.get("/api/v1/actors/?kind=hospital&format=csv")
    assert by_accept.status_code == 200
    assert by_accept["Content-Type"] == "text/csv; charset=utf-8"
    assert by_accept["Content-Disposition"] == by_format["Content-Disposition"]
    rows = csv_rows(by_accept)
    assert rows == csv_rows(by_format)
    assert [row[2] for row in rows] == ["name", "AP-HP"]

    spreadsheet = client.get("/api/v1/actors/", HTTP_ACCEPT=XLSX)
    assert spreadsheet["Content-Type"] == XLSX
    rows = xlsx_rows(spreadsheet)
    assert rows == xlsx_rows(client.get("/api/v1/actors/?format=xlsx"))
    assert [row[2] for row in rows] == ["name", "AP-HP", "Gleamer"]


def test_json_or_any_accept_gives_a_page_of_json(client, actors):
    for accept in ("application/json", "*/*", "text/html,application/xhtml+xml,*/*;q=0.8", None):
        headers = {} if accept is None else {"HTTP_ACCEPT": accept}
        response = client.get("/api/v1/actors/", **headers)
        assert response.status_code == 200, accept
        assert response["Content-Type"] == "application/json", accept
        assert [item["slug"] for item in response.json()["results"]] == ["ap-hp", "gleamer"]


def test_the_format_parameter_wins_over_accept(client, actors):
    rows = json.loads(body(client.get("/api/v1/actors/?format=json", HTTP_ACCEPT="text/csv")))
    assert [row["slug"] for row in rows] == ["ap-hp", "gleamer"]
    refused = client.get("/api/v1/actors/?format=csv", HTTP_ACCEPT="application/xml")
    assert refused["Content-Type"] == "text/csv; charset=utf-8"
    assert [row[1] for row in csv_rows(refused)] == ["slug", "ap-hp", "gleamer"]


def test_quality_values_choose_between_formats(client, actors):
    def content_type(accept):
        response = client.get("/api/v1/actors/", HTTP_ACCEPT=accept)
        return response.status_code, response["Content-Type"]

    assert content_type("text/csv;q=0.5, application/json;q=0.9") == (200, "application/json")
    assert content_type("application/json;q=0.1, text/csv") == (200, "text/csv; charset=utf-8")
    assert content_type(f"text/*;q=0.2, {XLSX};q=0.3") == (200, XLSX)
    assert content_type("*/*, application/json;q=0") == (200, "text/csv; charset=utf-8")
    assert content_type("text/csv;q=0") == (406, "application/problem+json")


def test_an_accept_the_api_cannot_serve_gets_a_406_problem_in_the_client_language(client, actors):
    french = client.get("/api/v1/actors/", HTTP_ACCEPT="application/xml")
    assert french.status_code == 406
    assert french["Content-Type"] == "application/problem+json"
    assert french.json() == {
        "type": "about:blank",
        "title": "Format non disponible",
        "status": 406,
        "detail": "L'en-tête Accept n'accepte aucun des formats de cette adresse : "
        f"application/json, text/csv, {XLSX}.",
        "instance": "/api/v1/actors/",
    }
    english = client.get(
        "/api/v1/actors/gleamer/", HTTP_ACCEPT="text/csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 406
    assert english.json()["title"] == "Format not available"
    assert english.json()["detail"] == (
        "The Accept header accepts none of this address's formats: application/json."
    )
    # An address that does not exist is a 404 whatever the client accepts.
    assert client.get("/api/v1/nothing/", HTTP_ACCEPT="text/csv").status_code == 404


def test_every_answer_says_it_varies_with_accept(client, actors):
    for path, accept in [
        ("/api/v1/actors/", "application/json"),
        ("/api/v1/actors/", "text/csv"),
        ("/api/v1/actors/", XLSX),
        ("/api/v1/actors/", "image/png"),
        ("/api/v1/actors/gleamer/", "application/json"),
        ("/api/v1/tags/", "application/json"),
        ("/api/v1/awards/?format=csv", "*/*"),
    ]:
        vary = client.get(path, HTTP_ACCEPT=accept)["Vary"]
        assert "Accept" in [name.strip() for name in vary.split(",")], (path, accept)


def test_the_page_cache_never_gives_one_format_for_another(client, settings, actors):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    first = client.get("/api/v1/actors/", HTTP_ACCEPT="application/json")
    kept = client.get("/api/v1/actors/", HTTP_ACCEPT="application/json")
    assert kept.wsgi_request.page_cache == "hit"
    assert kept.content == first.content

    spreadsheet = client.get("/api/v1/actors/", HTTP_ACCEPT=f"{XLSX}, application/json;q=0.5")
    assert spreadsheet["Content-Type"] == XLSX
    assert [row[2] for row in xlsx_rows(spreadsheet)] == ["name", "AP-HP", "Gleamer"]
    text = client.get("/api/v1/actors/", HTTP_ACCEPT="text/csv")
    assert [row[2] for row in csv_rows(text)] == ["name", "AP-HP", "Gleamer"]
    refused = client.get("/api/v1/actors/", HTTP_ACCEPT="application/xml")
    assert refused.status_code == 406
    # And the JSON kept before is still the JSON clients get.
    again = client.get("/api/v1/actors/")
    assert again.wsgi_request.page_cache == "hit"
    assert again["Content-Type"] == "application/json"
    assert again.content == first.content


def test_filtered_and_paged_lists_are_kept_and_fresh_after_an_edit(client, settings, actors):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    first = client.get("/api/v1/actors/?page_size=1")
    assert [actor["name"] for actor in first.json()["results"]] == ["AP-HP"]
    following = client.get(first.json()["next"])
    assert [actor["name"] for actor in following.json()["results"]] == ["Gleamer"]
    filtered = client.get("/api/v1/actors/?kind=company")

    kept = client.get("/api/v1/actors/?utm_source=lettre&page_size=1")
    following_kept = client.get(first.json()["next"])
    filtered_kept = client.get("/api/v1/actors/?kind=company&cursor=")

    for page, before in [(kept, first), (following_kept, following), (filtered_kept, filtered)]:
        assert page.wsgi_request.page_cache == "hit"
        assert page.content == before.content
    # A parameter the list reads is part of the key: another page size is another page.
    assert client.get("/api/v1/actors/?page_size=2").wsgi_request.page_cache == "miss"
    # A refused value is answered each time, never kept.
    for _ in range(2):
        assert client.get("/api/v1/actors/?page_size=0").status_code == 400
    # A file asked for by parameter is the file, not the page kept for the same address.
    text = client.get("/api/v1/actors/?kind=company&format=csv")
    assert [row[2] for row in csv_rows(text)] == ["name", "Gleamer"]

    gleamer = factories.Actor.objects.get(name="Gleamer")
    gleamer.name = "Gleamer SAS"
    gleamer.save()

    for address in [first.json()["next"], "/api/v1/actors/?kind=company"]:
        names = [actor["name"] for actor in client.get(address).json()["results"]]
        assert names == ["Gleamer SAS"], address
