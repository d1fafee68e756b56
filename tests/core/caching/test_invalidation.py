"""Each kind of change makes stale the pages that show it, and only those (issue 12).

A small atlas: Doctolib (tag Imagerie), Owkin operating the scheme PIA, the programme DU IA
(tag Oncologie). Every page is cached, one change is made, then each page that shows the change
must come fresh from the database and show it, and a sample of those that do not must still
come from the cache.
"""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models.signals import post_init
from django.test import Client
from django.utils import timezone

from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories
from tests.core.admin.test_transfer import csv_upload, import_file

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/acteurs/",
    "/acteurs/doctolib/",
    "/acteurs/owkin/",
    "/financements/",
    "/financements/pia/",
    "/formations/",
    "/formations/du-ia/",
    "/tags/",
    "/tags/imagerie/",
    "/tags/oncologie/",
    "/recherche/?q=doctolib",
]


@pytest.fixture
def atlas(page_cache):
    owkin = factories.make_actor(name="Owkin", slug="owkin")
    return {
        "doctolib": factories.make_actor(
            name="Doctolib", slug="doctolib", summary="Prise de rendez-vous.", tags=["Imagerie"]
        ),
        "owkin": owkin,
        "pia": factories.make_scheme(name="PIA", slug="pia", operators=[owkin]),
        "du_ia": factories.make_programme(name="DU IA", slug="du-ia", tags=["Oncologie"]),
    }


def outcome(client, url):
    """(page, what the page cache did: "hit" or "miss")."""
    response = client.get(url)
    return response, response.wsgi_request.page_cache


def cache_every_page(client):
    for url in PAGES:
        client.get(url)
        assert outcome(client, url)[1] == "hit", url


def assert_after_change(client, *, fresh, cached, shows=None):
    """`fresh` pages come from the database (and show `shows`), `cached` ones from the cache."""
    assert not set(fresh) & set(cached)
    visits = {url: outcome(client, url) for url in [*cached, *fresh]}
    assert {url: cache for url, (_, cache) in visits.items()} == {
        **dict.fromkeys(cached, "hit"),
        **dict.fromkeys(fresh, "miss"),
    }
    for url, text in (shows or {}).items():
        assert text in visits[url][0].text, url


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_name_shown_on_cards_refreshes_the_pages_that_show_it(client, atlas):
    cache_every_page(client)

    atlas["doctolib"].name = "Doctolib Santé"
    atlas["doctolib"].save()

    assert_after_change(
        client,
        fresh=["/", "/acteurs/", "/acteurs/doctolib/", "/tags/imagerie/", "/recherche/?q=doctolib"],
        cached=["/acteurs/owkin/", "/financements/pia/", "/formations/du-ia/", "/tags/oncologie/"],
        shows=dict.fromkeys(
            ["/acteurs/", "/acteurs/doctolib/", "/tags/imagerie/"], "Doctolib Santé"
        ),
    )


def test_a_new_name_refreshes_the_suggestions_that_show_it_and_only_those(client, atlas):
    # Doctolib's page suggests six of the seven that share its tag: the longest listed.
    neighbours = [
        factories.make_actor(name=f"Voisin {n}", slug=f"voisin-{n}", tags=["Imagerie"])
        for n in range(1, 8)
    ]
    cache_every_page(client)
    assert "Voisin 7" not in client.get("/acteurs/doctolib/").text

    neighbours[6].name = "Voisin 0"
    neighbours[6].save()
    assert_after_change(
        client,
        fresh=["/acteurs/", "/tags/imagerie/"],
        cached=["/acteurs/doctolib/", "/formations/du-ia/"],
        shows={"/tags/imagerie/": "Voisin 0"},
    )

    neighbours[0].name = "Voisin un"
    neighbours[0].save()
    assert_after_change(
        client,
        fresh=["/acteurs/doctolib/", "/tags/imagerie/"],
        cached=["/formations/du-ia/", "/acteurs/owkin/"],
        shows={"/acteurs/doctolib/": "Voisin un"},
    )


def test_a_field_only_on_the_detail_keeps_the_lists_of_other_kinds(client, atlas):
    cache_every_page(client)

    atlas["doctolib"].description = "Un texte tout neuf."
    atlas["doctolib"].save()

    assert_after_change(
        client,
        fresh=["/acteurs/doctolib/", "/recherche/?q=doctolib"],
        cached=[
            "/financements/",
            "/formations/",
            "/tags/",
            "/acteurs/owkin/",
            "/financements/pia/",
        ],
        shows={"/acteurs/doctolib/": "Un texte tout neuf."},
    )


def test_publishing_refreshes_the_lists_tags_and_home(client, atlas, reviewer):
    draft = factories.make_actor(
        name="Nabla", slug="nabla", status=PublicationStatus.DRAFT, tags=["Imagerie"]
    )
    cache_every_page(client)

    signed_in(reviewer).post(
        "/admin/ecosystem/actor/", {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert_after_change(
        client,
        fresh=["/", "/acteurs/", "/tags/", "/tags/imagerie/"],
        cached=["/formations/du-ia/", "/financements/pia/", "/tags/oncologie/", "/acteurs/owkin/"],
        shows=dict.fromkeys(["/", "/acteurs/", "/tags/imagerie/"], "Nabla"),
    )


def test_unpublishing_refreshes_every_page_that_showed_the_entry(client, atlas, reviewer):
    cache_every_page(client)

    signed_in(reviewer).post(
        "/admin/ecosystem/actor/",
        {"action": "unpublish", "_selected_action": [atlas["doctolib"].pk]},
    )

    assert client.get("/acteurs/doctolib/").status_code == 404
    assert_after_change(
        client,
        fresh=["/", "/acteurs/", "/tags/", "/tags/imagerie/", "/recherche/?q=doctolib"],
        cached=["/formations/du-ia/", "/financements/pia/", "/tags/oncologie/", "/acteurs/owkin/"],
    )
    assert "Doctolib" not in client.get("/acteurs/").text


def test_a_bulk_action_refreshes_what_each_entry_changes(client, atlas, reviewer):
    drafts = [
        factories.make_actor(name=name, status=PublicationStatus.DRAFT)
        for name in ("Nabla", "Lifen")
    ]
    cache_every_page(client)

    signed_in(reviewer).post(
        "/admin/ecosystem/actor/",
        {"action": "publish", "_selected_action": [draft.pk for draft in drafts]},
    )

    page = client.get("/acteurs/").text
    assert ("Nabla" in page, "Lifen" in page) == (True, True)
    assert_after_change(client, fresh=["/"], cached=["/formations/du-ia/", "/tags/oncologie/"])


def test_a_scheduled_publication_shows_once_its_time_has_come(client, atlas):
    publish_at = timezone.now() + timedelta(seconds=5)
    factories.make_actor(name="Futur", publish_at=publish_at, tags=["Imagerie"])
    cache_every_page(client)
    assert "Futur" not in client.get("/acteurs/").text

    time.sleep(max(0, (publish_at - timezone.now()).total_seconds()) + 0.1)

    assert_after_change(
        client,
        fresh=["/", "/acteurs/", "/tags/imagerie/"],
        cached=["/formations/du-ia/", "/financements/pia/", "/acteurs/owkin/"],
        shows=dict.fromkeys(["/", "/acteurs/", "/tags/imagerie/"], "Futur"),
    )


def test_retagging_refreshes_both_tags_and_the_entry(client, atlas):
    cache_every_page(client)

    atlas["doctolib"].tags.add("Oncologie")

    assert_after_change(
        client,
        # DU IA, tagged Oncologie too, now suggests Doctolib.
        fresh=[
            "/acteurs/doctolib/",
            "/tags/oncologie/",
            "/tags/",
            "/acteurs/",
            "/formations/du-ia/",
        ],
        cached=["/financements/pia/", "/acteurs/owkin/"],
        shows={"/tags/oncologie/": "Doctolib", "/formations/du-ia/": "Doctolib"},
    )


def test_renaming_a_tag_refreshes_every_page_that_names_it(client, atlas):
    cache_every_page(client)

    imaging = atlas["doctolib"].tags.get()
    imaging.name = "Imagerie médicale"
    imaging.save()

    assert_after_change(
        client,
        fresh=["/", "/acteurs/", "/acteurs/doctolib/", "/tags/", "/tags/imagerie/"],
        cached=["/financements/pia/", "/formations/du-ia/"],
        shows=dict.fromkeys(
            ["/acteurs/doctolib/", "/tags/", "/tags/imagerie/"], "Imagerie médicale"
        ),
    )


def test_a_relation_refreshes_both_ends(client, atlas):
    cache_every_page(client)

    atlas["pia"].operators.add(atlas["doctolib"])

    assert_after_change(
        client,
        fresh=["/financements/pia/", "/acteurs/doctolib/"],
        cached=["/formations/du-ia/", "/tags/oncologie/", "/formations/"],
        shows={"/financements/pia/": "Doctolib", "/acteurs/doctolib/": "PIA"},
    )


def test_deleting_refreshes_the_pages_that_showed_it(client, atlas):
    cache_every_page(client)

    atlas["du_ia"].delete()

    assert client.get("/formations/du-ia/").status_code == 404
    assert_after_change(
        client,
        fresh=["/", "/formations/", "/tags/oncologie/"],
        cached=["/acteurs/doctolib/", "/financements/pia/", "/tags/imagerie/"],
    )
    assert "DU IA" not in client.get("/formations/").text


def test_an_import_refreshes_the_entries_it_changes(client, atlas, reviewer):
    # A reviewer's import goes live; an editor's waits for review (test_working_copy_import).
    cache_every_page(client)
    upload = csv_upload(
        [
            ["slug", "name", "kind", "summary", "status", "tags"],
            [
                "doctolib",
                "Doctolib Import",
                "company",
                "Prise de rendez-vous.",
                "published",
                "Imagerie",
            ],
        ]
    )

    import_file(signed_in(reviewer), "/admin/ecosystem/actor/", upload)

    assert Actor.objects.get(slug="doctolib").name == "Doctolib Import"
    assert_after_change(
        client,
        fresh=["/acteurs/", "/acteurs/doctolib/"],
        cached=["/formations/du-ia/", "/financements/pia/"],
        shows={"/acteurs/doctolib/": "Doctolib Import"},
    )


def test_the_everything_command_refreshes_every_page(client, atlas):
    cache_every_page(client)

    call_command("invalidate_page_cache")

    assert_after_change(client, fresh=PAGES, cached=[])


def test_a_revert_refreshes_the_entry_and_its_lists(client, atlas, reviewer):
    doctolib = atlas["doctolib"]
    doctolib.name = "Doctolib SAS"
    doctolib.save()
    first = Actor.history.filter(id=doctolib.pk).order_by("history_date").first()
    cache_every_page(client)
    revert_url = f"/admin/ecosystem/actor/{doctolib.pk}/history/{first.history_id}/"
    # Reverting a published entry is a reviewer's move (test_working_copies).
    browser = signed_in(reviewer)

    page = browser.get(revert_url)
    reverted = browser.post(revert_url, factories.posted_form(page, "historicalactor_form"))

    assert reverted.status_code == 302
    assert_after_change(
        client,
        fresh=["/acteurs/", "/acteurs/doctolib/", "/tags/imagerie/"],
        cached=["/formations/du-ia/", "/financements/pia/", "/tags/oncologie/"],
        shows=dict.fromkeys(["/acteurs/doctolib/"], "Doctolib</"),
    )
    assert "Doctolib SAS" not in client.get("/acteurs/").text


def test_an_edit_racing_a_render_never_leaves_a_stale_page(client, atlas):
    """The edit commits after the page read the old row, before it is stored."""
    doctolib = atlas["doctolib"]

    def edit_once_the_old_row_is_read(sender, instance, **kwargs):
        if instance.pk == doctolib.pk and not raced:
            raced.append(True)
            doctolib.name = "Doctolib Santé"
            doctolib.save()

    raced = []
    post_init.connect(edit_once_the_old_row_is_read, sender=Actor)
    try:
        during = client.get("/acteurs/doctolib/")
    finally:
        post_init.disconnect(edit_once_the_old_row_is_read, sender=Actor)
    after, cache = outcome(client, "/acteurs/doctolib/")

    assert raced
    assert "Doctolib Santé" not in during.text
    assert (cache, "Doctolib Santé" in after.text) == ("miss", True)
