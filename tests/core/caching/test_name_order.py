"""A rename makes stale the pages by name that it moves, and keeps those it leaves alone.

Ten actors A01…A10, two per page, in bands of two ranks (core.caching.name_order.BAND): page 1
(A01, A02) depends on band 0, page 3 (A05, A06) on bands 0 to 2; ranks 8 and 9 are band 4.
All carry the tag Imagerie: the list filtered by it depends on every rename of its kind.
"""

import pytest

from core.caching import name_order
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = "/acteurs/"
THIRD = "/acteurs/?page=3"
API_FIRST = "/api/v1/actors/?page_size=2"
FILTERED = "/acteurs/?tag=imagerie"


@pytest.fixture
def actors(page_cache, monkeypatch):
    page_cache.ATLAS_PAGE_SIZE = 2
    monkeypatch.setattr(name_order, "BAND", 2)
    return {
        f"A{n:02}": factories.make_actor(
            name=f"A{n:02}", slug=f"a{n:02}", summary=f"Fiche {n}.", tags=["Imagerie"]
        )
        for n in range(1, 11)
    }


def cached(client, *urls):
    for url in urls:
        client.get(url)
        assert served(client, url)[1] == "hit", url


def served(client, url):
    response = client.get(url)
    return response.text, response.wsgi_request.page_cache


def shown(text, *names):
    return [name for name in names if f">{name}<" in text]


def rename(actor, name):
    actor.name = name
    actor.save()


def test_a_rename_past_a_page_keeps_it(client, actors):
    cached(client, FIRST, THIRD, API_FIRST, "/acteurs/?sort=newest&page=3")

    rename(actors["A09"], "A09 bis")

    for url in [FIRST, THIRD, API_FIRST, "/acteurs/?sort=newest&page=3"]:
        assert served(client, url)[1] == "hit", url
    assert "A09 bis" in served(client, "/acteurs/a09/")[0]


def test_a_rename_into_a_page_shows_in_it_and_moves_the_pages_after(client, actors):
    cached(client, FIRST, THIRD, API_FIRST)

    rename(actors["A10"], "A00")

    first, cache = served(client, FIRST)
    assert cache == "miss"
    assert shown(first, "A00", "A01", "A02") == ["A00", "A01"]
    third, cache = served(client, THIRD)
    assert cache == "miss"
    assert shown(third, "A04", "A05", "A06") == ["A04", "A05"]
    api = client.get(API_FIRST).json()["results"]
    assert [actor["name"] for actor in api] == ["A00", "A01"]


def test_a_rename_out_of_a_page_moves_it_and_the_pages_after(client, actors):
    cached(client, FIRST, THIRD)

    rename(actors["A01"], "A99")

    first, cache = served(client, FIRST)
    assert (cache, shown(first, "A01", "A02", "A03", "A99")) == ("miss", ["A02", "A03"])
    third, cache = served(client, THIRD)
    assert (cache, shown(third, "A06", "A07", "A08")) == ("miss", ["A06", "A07"])


def test_a_summary_changed_keeps_the_lists_that_do_not_show_it(client, actors):
    cached(client, FIRST, THIRD)

    actors["A09"].summary = "Un résumé revu."
    actors["A09"].save()

    assert served(client, FIRST)[1] == "hit"
    assert served(client, THIRD)[1] == "hit"
    assert "Un résumé revu." in served(client, "/acteurs/?page=5")[0]


def test_a_rename_refreshes_the_filtered_lists_by_name(client, actors):
    cached(client, FILTERED, "/acteurs/?tag=imagerie&sort=newest&page=3")

    rename(actors["A10"], "A00")

    filtered, cache = served(client, FILTERED)
    assert (cache, shown(filtered, "A00", "A01", "A02")) == ("miss", ["A00", "A01"])
    assert served(client, "/acteurs/?tag=imagerie&sort=newest&page=3")[1] == "hit"


def test_a_rename_refreshes_the_filtered_api_pages_it_moves(client, actors):
    # Only A07 to A10 are hospitals: the filtered page's last entry, A08, has rank 7 in the kind.
    for name in ["A07", "A08", "A09", "A10"]:
        actors[name].kind = "hospital"
        actors[name].save()
    url = "/api/v1/actors/?kind=hospital&page_size=2"
    cached(client, url)

    rename(actors["A10"], "A07 bis")

    assert [actor["name"] for actor in client.get(url).json()["results"]] == ["A07", "A07 bis"]


def test_a_rename_refreshes_the_api_pages_past_the_first_it_moves(client, actors):
    second = client.get(API_FIRST).json()["next"].removeprefix("http://testserver")
    cached(client, second)

    rename(actors["A10"], "A03 bis")

    assert [actor["name"] for actor in client.get(second).json()["results"]] == ["A03", "A03 bis"]


def test_a_rename_in_the_last_band_remakes_every_page_in_it(client, actors, monkeypatch):
    # Bands of two ranks stop at band 2, which holds ranks 4 and on: pages 3 to 5. Counting a
    # page's rank stops there too, so a rename past page 3 but in that band makes it stale.
    monkeypatch.setattr(name_order, "LAST_BAND", 2)
    api_fifth = API_FIRST
    for _page in range(4):
        api_fifth = client.get(api_fifth).json()["next"].removeprefix("http://testserver")
    cached(client, FIRST, "/acteurs/?page=2", THIRD, api_fifth)

    rename(actors["A10"], "A09 bis")

    assert served(client, FIRST)[1] == "hit"
    assert served(client, "/acteurs/?page=2")[1] == "hit"
    third, cache = served(client, THIRD)
    assert (cache, shown(third, "A05", "A06")) == ("miss", ["A05", "A06"])
    assert [actor["name"] for actor in client.get(api_fifth).json()["results"]] == [
        "A09",
        "A09 bis",
    ]
