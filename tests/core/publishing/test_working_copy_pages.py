"""What a working copy shows, and to whom: the preview, the page cache, the changelist."""

import pytest
from django.core.cache import caches
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.publishing.models import PendingChange
from tests import factories
from tests.core.caching.test_pages import cached_page, fresh_page
from tests.core.publishing.test_workflow import actor_form_data
from tests.core.publishing.test_working_copies import change_url, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_browser(editor):
    browser = Client()
    browser.force_login(editor)
    return browser


@pytest.fixture
def reviewer_browser(reviewer):
    browser = Client()
    browser.force_login(reviewer)
    return browser


def propose_name(browser, actor, name):
    response = browser.post(change_url(actor), actor_form_data(actor, name=name))
    assertRedirects(response, "/admin/ecosystem/actor/")


def test_preview_shows_staff_the_page_as_the_working_copy_would_make_it(client, editor_browser):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    propose_name(editor_browser, actor, "Gleamer Santé")

    staff = editor_browser.get("/acteurs/gleamer/?apercu=modification")
    anonymous = client.get("/acteurs/gleamer/?apercu=modification")

    assertContains(staff, "<h1>Gleamer Santé</h1>", html=True)
    assertContains(staff, "Modification proposée — aperçu réservé à l'équipe", count=1)
    assert "no-store" in staff["Cache-Control"]
    assertContains(anonymous, "<h1>Gleamer</h1>", html=True)
    assertNotContains(anonymous, "Gleamer Santé")
    assertNotContains(anonymous, "aperçu réservé")


def test_review_page_links_the_preview(reviewer_browser, editor_browser):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    propose_name(editor_browser, actor, "Gleamer Santé")

    review = reviewer_browser.get(review_url(actor))

    assertContains(
        review,
        '<a href="/acteurs/gleamer/?apercu=modification" class="viewsitelink">'
        "Aperçu de la page modifiée</a>",
        html=True,
    )


def test_page_cache_keeps_the_live_page_until_the_working_copy_is_published(
    settings, client, editor_browser, reviewer_browser
):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    assert "Gleamer" in cached_page(client, "/acteurs/gleamer/").text

    propose_name(editor_browser, actor, "Gleamer Santé")
    assert "Gleamer Santé" not in cached_page(client, "/acteurs/gleamer/").text
    reviewer_browser.post(review_url(actor), {"_publish": "1"})

    assertContains(fresh_page(client, "/acteurs/gleamer/"), "<h1>Gleamer Santé</h1>", html=True)


def test_changelist_shows_and_filters_the_entries_with_a_pending_change(
    editor_browser, reviewer_browser
):
    waiting = factories.make_actor(name="Gleamer")
    factories.make_actor(name="Owkin")
    propose_name(editor_browser, waiting, "Gleamer Santé")

    changelist = reviewer_browser.get("/admin/ecosystem/actor/")
    filtered = reviewer_browser.get("/admin/ecosystem/actor/?modification_proposee=oui")
    others = reviewer_browser.get("/admin/ecosystem/actor/?modification_proposee=non")

    link = f'<a href="{review_url(waiting)}">à relire</a>'
    assertContains(changelist, link, count=1, html=True)
    assertContains(changelist, "Modification proposée")
    assertContains(filtered, ">Gleamer</a>")
    assertNotContains(filtered, ">Owkin</a>")
    assertContains(others, ">Owkin</a>")
    assertNotContains(others, ">Gleamer</a>")


def test_change_form_tells_an_editor_their_change_will_wait_for_review(editor_browser):
    published = factories.make_actor(name="Gleamer")
    draft = factories.make_actor(name="Brouillon", status="draft")

    notice = "Cette fiche est publiée : votre modification attendra la relecture."
    assertContains(editor_browser.get(change_url(published)), notice)
    assertNotContains(editor_browser.get(change_url(draft)), notice)


def test_working_copy_is_deleted_with_its_entry(editor_browser):
    actor = factories.make_actor(name="Gleamer")
    propose_name(editor_browser, actor, "Gleamer Santé")

    actor.delete()

    assert PendingChange.objects.count() == 0
