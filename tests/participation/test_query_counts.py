"""The participation pages answer in the same number of queries whatever the amount of content."""

import pytest

from tests.system.test_query_counts import atlas, count_queries, grow  # noqa: F401

pytestmark = pytest.mark.django_db

PAGES = [
    "/participer/proposer/",
    "/participer/corriger/ecosystem.actor/hub/",
    "/participer/suivre/liste/ecosystem.actor/?kind=consortium&tag=theme-commun&sort=founded",
    "/participer/suivre/theme/theme-commun/",
    "/participer/suivre/fiche/funding.fundingscheme/plan/",
]


def test_participation_pages_query_counts_do_not_grow_with_content(client, atlas):  # noqa: F811
    grow(atlas, 5)
    with_5 = {url: count_queries(client, url) for url in PAGES}
    grow(atlas, 45)
    with_50 = {url: count_queries(client, url) for url in PAGES}

    assert with_50 == with_5
    assert {url: count for url, count in with_5.items() if count > 3} == {}
