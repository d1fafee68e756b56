"""Two people edit the same entry: the second save is refused and told what changed."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories
from tests.admin_page import form_errors

pytestmark = pytest.mark.django_db

FORM = "actor_form"


def browser_of(user):
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def alice():
    return factories.make_editor("alice")


@pytest.fixture
def bruno():
    return factories.make_editor("bruno")


@pytest.fixture
def gleamer():
    return factories.make_actor(
        name="Gleamer",
        slug="gleamer",
        summary="Imagerie augmentée.",
        status=PublicationStatus.DRAFT,
    )


def change_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/change/"


def test_locking_refuses_the_second_of_two_saves_and_says_what_changed(alice, bruno, gleamer):
    alice_browser, bruno_browser = browser_of(alice), browser_of(bruno)
    alice_page = alice_browser.get(change_url(gleamer))
    bruno_page = bruno_browser.get(change_url(gleamer))

    first = alice_browser.post(
        change_url(gleamer),
        factories.posted_form(alice_page, FORM, name="Gleamer SAS", status="review"),
    )
    second = bruno_browser.post(
        change_url(gleamer), factories.posted_form(bruno_page, FORM, summary="Écrasé ?")
    )

    assertRedirects(first, "/admin/ecosystem/actor/")
    assert second.status_code == 200
    errors = form_errors(second)
    assert errors[0].startswith("Cette fiche a été enregistrée par alice le ")
    assert errors[0].endswith(
        ", pendant que vous la modifiiez : vos modifications n'ont pas été enregistrées, "
        "pour ne pas effacer les siennes."
    )
    assert errors[1:] == [
        "Ce qui a changé depuis que vous avez ouvert la fiche :",
        "Nom : « Gleamer » → « Gleamer SAS »",
        "Statut de publication : « Brouillon » → « En relecture »",
        "Rechargez la page pour repartir de cette version, puis refaites vos modifications.",
    ]
    assertContains(second, "Nom : « Gleamer » → « Gleamer SAS »")
    stored = Actor.objects.get(pk=gleamer.pk)
    assert (stored.name, stored.summary, stored.version) == (
        "Gleamer SAS",
        "Imagerie augmentée.",
        2,
    )


def test_locking_lets_the_second_editor_save_after_reloading(alice, bruno, gleamer):
    alice_browser, bruno_browser = browser_of(alice), browser_of(bruno)
    bruno_browser.get(change_url(gleamer))
    alice_page = alice_browser.get(change_url(gleamer))
    alice_browser.post(
        change_url(gleamer), factories.posted_form(alice_page, FORM, name="Gleamer SAS")
    )

    reloaded = bruno_browser.get(change_url(gleamer))
    response = bruno_browser.post(
        change_url(gleamer), factories.posted_form(reloaded, FORM, summary="Radiologie.")
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    stored = Actor.objects.get(pk=gleamer.pk)
    assert (stored.name, stored.summary, stored.version) == ("Gleamer SAS", "Radiologie.", 3)


def test_locking_lets_one_editor_save_twice_in_a_row(alice, gleamer):
    browser = browser_of(alice)

    for summary in ("Premier.", "Second."):
        page = browser.get(change_url(gleamer))
        assertRedirects(
            browser.post(change_url(gleamer), factories.posted_form(page, FORM, summary=summary)),
            "/admin/ecosystem/actor/",
        )

    assert Actor.objects.get(pk=gleamer.pk).summary == "Second."


def test_locking_refuses_a_save_begun_before_a_bulk_publication(alice, reviewer, gleamer):
    alice_browser = browser_of(alice)
    page = alice_browser.get(change_url(gleamer))
    browser_of(reviewer).post(
        "/admin/ecosystem/actor/", {"action": "publish", "_selected_action": [gleamer.pk]}
    )

    response = alice_browser.post(
        change_url(gleamer), factories.posted_form(page, FORM, summary="x")
    )

    errors = form_errors(response)
    assert errors[0].startswith(f"Cette fiche a été enregistrée par {reviewer.username} le ")
    assert "Statut de publication : « Brouillon » → « Publié »" in errors
    assert Actor.objects.get(pk=gleamer.pk).summary == "Imagerie augmentée."


def test_locking_refuses_a_save_begun_before_a_source_was_added(alice, bruno, gleamer):
    alice_browser, bruno_browser = browser_of(alice), browser_of(bruno)
    bruno_page = bruno_browser.get(change_url(gleamer))
    alice_page = alice_browser.get(change_url(gleamer))
    sources = "core-source-content_type-object_id"
    alice_browser.post(
        change_url(gleamer),
        factories.posted_form(
            alice_page,
            FORM,
            **{f"{sources}-0-title": "Communiqué", f"{sources}-0-position": "1"},
        ),
    )
    assert [source.title for source in gleamer.sources.all()] == ["Communiqué"]

    response = bruno_browser.post(
        change_url(gleamer), factories.posted_form(bruno_page, FORM, summary="x")
    )

    assert form_errors(response)[0].startswith("Cette fiche a été enregistrée par alice le ")


def test_locking_refuses_a_post_that_does_not_say_its_version(alice, gleamer):
    browser = browser_of(alice)
    data = factories.posted_form(browser.get(change_url(gleamer)), FORM, summary="x")
    del data["seen_version"]

    response = browser.post(change_url(gleamer), data)

    assert form_errors(response) == [
        "Cette fiche a été enregistrée par quelqu'un d'autre pendant que vous la modifiiez : "
        "vos modifications n'ont pas été enregistrées, pour ne pas effacer les siennes.",
        "Rechargez la page pour repartir de la version actuelle, puis refaites-les.",
    ]
    assert Actor.objects.get(pk=gleamer.pk).summary == "Imagerie augmentée."


def test_locking_version_is_a_hidden_field_of_the_change_form(alice, gleamer):
    response = browser_of(alice).get(change_url(gleamer))

    assertContains(
        response,
        '<input type="hidden" name="seen_version" value="1" id="id_seen_version">',
        html=True,
    )
