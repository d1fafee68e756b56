"""No query string, however malformed, makes a list page fail: a message or a 404 at worst."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories

LIST_PAGES = ["/acteurs/", "/financements/", "/formations/"]
# Each parameter with values a real visitor could send; garbage is mixed in below.
VALID_VALUES = {
    "q": ["gleamer", "santé", "IA en santé"],
    "tag": ["imagerie-medicale"],
    "kind": ["company", "hospital", "investment_plan"],
    "region": ["IDF", "ARA"],
    "city": ["Paris", "paris"],
    "state": ["open", "closed"],
    "operator": ["gleamer"],
    "provider": ["gleamer"],
    "diploma_type": ["du", "diu"],
    "teaching_format": ["remote"],
    "founding_year_min": ["2000"],
    "founding_year_max": ["2030"],
    "budget_eur_min": ["0"],
    "budget_eur_max": ["1000000"],
    "duration_hours_min": ["1"],
    "duration_hours_max": ["900"],
    "sort": ["name", "newest", "updated", "founded", "budget", "duration"],
    "page": ["1", "2"],
}
# Text that stresses parsers: any Unicode the test client can encode (no NUL, no lone surrogate);
# invalid UTF-8 is sent raw in its own test below.
garbage = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
        max_size=300,
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "-1", "1e309", "0x10", "NaN", "%", "'", '"', "2023-02", "∞"]),
)
parameter = st.sampled_from(sorted(VALID_VALUES)).flatmap(
    lambda name: st.tuples(st.just(name), st.sampled_from(VALID_VALUES[name]) | garbage)
)
queries = st.lists(parameter, max_size=5)


@pytest.fixture
def atlas(db):
    tag = factories.make_tag("Imagerie médicale")
    actor = factories.make_actor(name="GLEAMER", city="Paris", tags=[tag])
    factories.make_scheme(name="France 2030", operators=[actor], tags=[tag])
    factories.make_programme(name="DU IA", providers=[actor], tags=[tag])


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(LIST_PAGES), query=queries)
def test_list_pages_never_fail_on_malformed_queries(client, atlas, url, query):
    response = client.get(url, query)

    assert response.status_code in {200, 404}, (url, query)
    if response.status_code == 404:
        assert "Page de liste introuvable" in response.content.decode()


@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_accept_invalid_utf8_and_nul_bytes(client, atlas, url):
    response = client.get(f"{url}?q=%ff%fe%ED%A0%80&city=%00&tag=%C3")

    assert response.status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=garbage)
def test_search_never_fails_on_malformed_queries(client, atlas, text):
    response = client.get("/recherche/", {"q": text})

    assert response.status_code == 200
