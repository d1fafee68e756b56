"""The change form's buttons say what the workflow does with the save, by role and status."""

import re

import pytest
from pytest_django.asserts import assertRedirects

from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories
from tests.core.publishing.test_workflow import actor_form_data

pytestmark = pytest.mark.django_db

DRAFT, REVIEW = PublicationStatus.DRAFT, PublicationStatus.REVIEW
PUBLISHED, ARCHIVED = PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED


def buttons(response):
    """The workflow buttons of the page's first submit row, in order, as (label, name)."""
    html = response.content.decode()
    row = html[html.index('<div class="submit-row">') :]
    row = row[: row.index("</div>")]
    found = re.findall(r'<input type="submit" value="([^"]*)" name="([^"]*)"', row)
    # Every form ends with « save and continue », which keeps the status the form shows.
    assert found[-1] == ("Enregistrer et continuer les modifications", "_continue")
    return found[:-1]


def form_of(client, actor):
    url = f"/admin/ecosystem/actor/{actor.pk}/change/" if actor else "/admin/ecosystem/actor/add/"
    return client.get(url)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (None, [("Enregistrer le brouillon", "_save_draft"), ("Soumettre à relecture", "_submit")]),
        (
            DRAFT,
            [("Enregistrer le brouillon", "_save_draft"), ("Soumettre à relecture", "_submit")],
        ),
        (
            REVIEW,
            [
                ("Enregistrer (reste en relecture)", "_submit"),
                ("Repasser en brouillon", "_save_draft"),
            ],
        ),
        (PUBLISHED, [("Proposer la modification", "_propose")]),
        (ARCHIVED, [("Enregistrer", "_save")]),
    ],
)
def test_buttons_for_an_editor(editor_client, status, expected):
    actor = factories.make_actor(status=status) if status else None

    assert buttons(form_of(editor_client, actor)) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            None,
            [
                ("Enregistrer le brouillon", "_save_draft"),
                ("Soumettre à relecture", "_submit"),
                ("Publier", "_publish"),
            ],
        ),
        (
            REVIEW,
            [
                ("Enregistrer (reste en relecture)", "_submit"),
                ("Repasser en brouillon", "_save_draft"),
                ("Publier", "_publish"),
            ],
        ),
        (PUBLISHED, [("Publier les modifications", "_publish")]),
        (ARCHIVED, [("Enregistrer", "_save"), ("Publier", "_publish")]),
    ],
)
def test_buttons_for_a_reviewer(reviewer_client, status, expected):
    actor = factories.make_actor(status=status) if status else None

    assert buttons(form_of(reviewer_client, actor)) == expected


def test_submit_button_sends_a_draft_for_review(editor_client):
    actor = factories.make_actor(status=DRAFT)

    response = editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/",
        actor_form_data(actor, status=DRAFT, _submit="1"),
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    assert Actor.objects.get(pk=actor.pk).status == REVIEW


def test_publish_button_publishes_for_a_reviewer(reviewer_client):
    actor = factories.make_actor(status=REVIEW)

    reviewer_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/",
        actor_form_data(actor, _publish="1"),
    )

    assert Actor.objects.get(pk=actor.pk).status == PUBLISHED


def test_publish_button_forged_by_an_editor_is_refused(editor_client):
    actor = factories.make_actor(status=REVIEW)

    response = editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/",
        actor_form_data(actor, _publish="1"),
    )

    assert response.status_code == 200
    assert "published n’en fait pas partie" in response.content.decode()
    assert Actor.objects.get(pk=actor.pk).status == REVIEW


def test_publish_button_forged_by_an_editor_on_a_published_entry_only_proposes(editor_client):
    actor = factories.make_actor(name="Gleamer")

    editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/",
        actor_form_data(actor, name="Gleamer Santé", _publish="1"),
    )

    assert Actor.objects.get(pk=actor.pk).name == "Gleamer"
    assert actor.pending_changes.get().proposed_values == {"fields": {"name": "Gleamer Santé"}}
