from decimal import Decimal

import pytest

from tests import factories
from tests.html_page import card_names as names
from tests.html_page import facet, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


@pytest.fixture
def schemes():
    bpifrance = factories.make_actor(name="Bpifrance", kind="public_agency")
    ais = factories.make_actor(name="AIS", kind="public_agency")
    factories.make_scheme(
        name="France 2030",
        kind="investment_plan",
        operators=[bpifrance],
        budget_eur=Decimal("54000000000"),
    )
    factories.make_scheme(name="French Tech 2030", kind="non_financial_support", operators=[ais])
    factories.make_scheme(
        name="Appel clos", kind="call_for_projects", state="closed", budget_eur=Decimal("1000000")
    )


def test_scheme_filter_by_operator_kind_state_and_budget(client, schemes):
    assert names(client.get("/financements/", {"operator": "bpifrance"})) == ["France 2030"]
    assert names(client.get("/financements/", {"kind": "non_financial_support"})) == [
        "French Tech 2030"
    ]
    assert names(client.get("/financements/", {"state": "closed"})) == ["Appel clos"]
    assert names(client.get("/financements/", {"budget_eur_min": 2_000_000})) == ["France 2030"]
    assert names(client.get("/financements/", {"budget_eur_max": 2_000_000})) == ["Appel clos"]


def test_scheme_sort_by_budget_puts_unknown_last(client, schemes):
    response = client.get("/financements/", {"sort": "budget"})

    assert names(response) == ["France 2030", "Appel clos", "French Tech 2030"]


def test_scheme_operator_facet_names_operators(client, schemes):
    response = client.get("/financements/")

    assert facet(response, "operator") == {"ais": "AIS (1)", "bpifrance": "Bpifrance (1)"}
    assert texts(response, 'select[name="operator"] option[value=""]') == ["Tous"]
