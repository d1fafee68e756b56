"""The back-office home: each editor's own drafts, and the working copies awaiting review."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests import factories
from tests.core.publishing.test_workflow import actor_form_data
from tests.core.publishing.test_working_copies import change_url, review_url

pytestmark = pytest.mark.django_db


def browser_of(user):
    browser = Client()
    browser.force_login(user)
    return browser


def table(response, table_id):
    html = response.content.decode()
    start = html.index(f'<table id="{table_id}">')
    return html[start : html.index("</table>", start) + len("</table>")]


def assert_shows(html, text):
    assert text in html, html


def test_dashboard_lists_working_copies_to_reviewers_and_each_editor_their_own(reviewer):
    alice, bruno = factories.make_editor("alice"), factories.make_editor("bruno")
    gleamer = factories.make_actor(name="Gleamer")
    owkin = factories.make_actor(name="Owkin")
    browser_of(alice).post(change_url(gleamer), actor_form_data(gleamer, name="Gleamer Santé"))
    browser_of(bruno).post(change_url(owkin), actor_form_data(owkin, name="Owkin France"))

    for_reviewer = table(browser_of(reviewer).get("/admin/"), "dashboard-proposals")
    for_alice = table(browser_of(alice).get("/admin/"), "dashboard-proposals")

    assert_shows(for_reviewer, "Modifications de fiches publiées à relire")
    assert_shows(for_reviewer, f'<a href="{review_url(gleamer)}">Gleamer</a>')
    assert_shows(for_reviewer, f'<a href="{review_url(owkin)}">Owkin</a>')
    assert_shows(for_alice, "Mes modifications de fiches publiées en attente de relecture")
    assert_shows(for_alice, f'<a href="{review_url(gleamer)}">Gleamer</a>')
    assert "Owkin" not in for_alice


def test_dashboard_shows_each_editor_their_own_drafts(client):
    alice, bruno = factories.make_editor("alice"), factories.make_editor("bruno")
    browser_of(alice).post(
        "/admin/ecosystem/actor/add/", actor_form_data(name="Brouillon d'Alice", slug="alice-draft")
    )
    browser_of(bruno).post(
        "/admin/ecosystem/actor/add/",
        actor_form_data(name="Brouillon de Bruno", slug="bruno-draft"),
    )

    page = browser_of(alice).get("/admin/")

    drafts = table(page, "dashboard-drafts")
    assert_shows(drafts, "Brouillon d&#x27;Alice")
    assert "Bruno" not in drafts
    assertNotContains(
        browser_of(factories.make_editor("carla")).get("/admin/"), "Brouillon d&#x27;Alice</a>"
    )
    assertContains(
        browser_of(factories.make_editor("david")).get("/admin/"),
        "Vous n'avez aucun brouillon.",
    )
