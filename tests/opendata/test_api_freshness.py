"""The API's lists kept by the page cache show a change on the next request, as the pages do.

A page of a list depends on the entries it shows, and on which entries the list holds and in
what order: an entry that appears, an award added, a tag newly carried, an entry saved that a
list by latest update shows first.
"""

import pytest

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def kept(client, address):
    """The list at `address`, asked twice: the second answer comes from the page cache."""
    client.get(address)
    response = client.get(address)
    assert response.wsgi_request.page_cache == "hit"
    return response


def names(client, address, field="name"):
    response = client.get(address)
    assert response.status_code == 200
    return [row[field] for row in response.json()["results"]]


def test_an_actor_published_shows_in_the_kept_lists_that_hold_it(client):
    factories.make_actor(name="Gleamer", kind="company")
    draft = factories.make_actor(name="Aidence", kind="company", status="draft")
    kept(client, "/api/v1/actors/")
    kept(client, "/api/v1/actors/?kind=company")
    kept(client, "/api/v1/actors/?kind=hospital")

    draft.status = "published"
    draft.save()

    assert names(client, "/api/v1/actors/") == ["Aidence", "Gleamer"]
    assert names(client, "/api/v1/actors/?kind=company") == ["Aidence", "Gleamer"]
    assert names(client, "/api/v1/actors/?kind=hospital") == []


def test_a_renamed_actor_takes_its_new_place_in_a_kept_page(client):
    # A page reads one entry past its end (to link the next): the last actor is not read.
    for name in ["Gleamer", "Owkin", "Therapixel"]:
        factories.make_actor(name=name)
    moved = factories.make_actor(name="Vara")
    kept(client, "/api/v1/actors/?page_size=2")

    moved.name = "Aidence"
    moved.save()

    assert names(client, "/api/v1/actors/?page_size=2") == ["Aidence", "Gleamer"]


def test_an_award_added_shows_in_the_kept_award_list(client):
    gleamer = factories.make_actor(name="Gleamer")
    factories.make_award(scheme=factories.make_scheme(name="France 2030"), actor=gleamer, year=2023)
    other_scheme = factories.make_scheme(name="Bpifrance Deeptech")
    other_actor = factories.make_actor(name="Owkin")
    kept(client, "/api/v1/awards/")

    factories.make_award(scheme=other_scheme, actor=other_actor, year=2024)

    assert [award["year"] for award in client.get("/api/v1/awards/").json()["results"]] == [
        2023,
        2024,
    ]


def test_a_tag_newly_carried_shows_in_the_kept_tag_list(client):
    actor = factories.make_actor(name="Gleamer", tags=["Imagerie"])
    kept(client, "/api/v1/tags/")

    actor.tags.add("Radiologie")

    assert names(client, "/api/v1/tags/") == ["Imagerie", "Radiologie"]


def test_an_entry_saved_comes_first_in_the_kept_list_by_latest_update(client):
    oldest = factories.make_actor(name="Gleamer")
    factories.make_actor(name="Owkin")
    factories.make_actor(name="Therapixel")
    kept(client, "/api/v1/actors/?sort=updated&page_size=1")

    oldest.description = "Une description revue."
    oldest.save()

    assert names(client, "/api/v1/actors/?sort=updated&page_size=1") == ["Gleamer"]
