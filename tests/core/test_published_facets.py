"""Operator and provider facets offer and filter on published actors only (issue 10, item 3)."""

from html.parser import HTMLParser

import pytest

from core.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


class _Options(HTMLParser):
    """The (value, text) of each option of the select `name`, and the titles of the cards."""

    def __init__(self, name):
        super().__init__()
        self.name = name
        self.options = []
        self.titles = []
        self._in_select = self._option = self._title = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._in_select = attrs.get("name") == self.name
        elif tag == "option" and self._in_select:
            self._option = [attrs.get("value", ""), ""]
        elif tag == "h3" and "card__title" in (attrs.get("class") or ""):
            self._title = ""

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._title is not None:
            self._title += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.options.append(tuple(self._option))
            self._option = None
        elif tag == "select":
            self._in_select = False
        elif tag == "h3" and self._title is not None:
            self.titles.append(self._title.strip())
            self._title = None


def read(response, select_name):
    parser = _Options(select_name)
    parser.feed(response.content.decode())
    return parser


def test_operator_facet_offers_and_filters_published_operators_only(client):
    bpifrance = factories.make_actor(name="Bpifrance")
    secret = factories.make_actor(name="Laboratoire Secret", status=DRAFT)
    factories.make_scheme(name="France 2030", operators=[bpifrance, secret])

    listing = client.get("/financements/")
    chosen_draft = client.get("/financements/", {"operator": "laboratoire-secret"})

    assert read(listing, "operator").options == [("", "Tous"), ("bpifrance", "Bpifrance (1)")]
    assert "Laboratoire Secret" not in listing.content.decode()
    assert chosen_draft.status_code == 200
    assert read(chosen_draft, "operator").titles == []
    assert "Laboratoire Secret" not in chosen_draft.content.decode()
    assert read(client.get("/financements/", {"operator": "bpifrance"}), "operator").titles == [
        "France 2030"
    ]


def test_provider_facet_offers_and_filters_published_providers_only(client):
    paris = factories.make_actor(name="Université de Paris", kind="university")
    secret = factories.make_actor(name="Institut Secret", kind="university", status=DRAFT)
    factories.make_programme(name="DU IA", providers=[paris, secret])

    listing = client.get("/formations/")
    chosen_draft = client.get("/formations/", {"provider": "institut-secret"})

    assert read(listing, "provider").options == [
        ("", "Tous"),
        ("universite-de-paris", "Université de Paris (1)"),
    ]
    assert "Institut Secret" not in listing.content.decode()
    assert read(chosen_draft, "provider").titles == []
    assert "Institut Secret" not in chosen_draft.content.decode()
    assert read(client.get("/formations/", {"provider": "universite-de-paris"}), "p").titles == [
        "DU IA"
    ]
