"""The publication workflow: draft → in review → published → archived, each move by its role."""

from datetime import datetime, timedelta

import pytest
from django.contrib import admin
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from core.admin.workflow import months_before
from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories
from tests.admin_page import changelist_column, choices, field_errors, messages_of
from tests.html_page import page

pytestmark = pytest.mark.django_db

SOURCES = "core-source-content_type-object_id"
KEY_FIGURES = "core-keyfigure-content_type-object_id"
DRAFT, REVIEW = PublicationStatus.DRAFT, PublicationStatus.REVIEW
PUBLISHED, ARCHIVED = PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED


def actor_form_data(actor=None, **fields):
    """What the actor change form posts, for `actor` as stored, with `fields` changed."""
    data = {
        "name": "Gleamer",
        "slug": "gleamer",
        "kind": "company",
        "summary": "Imagerie augmentée.",
        "description": "",
        "website": "",
        "tags": [],
        "city": "",
        "region": "",
        "image_alt": "",
        "status": DRAFT,
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        **factories.formset_management_data(SOURCES),
        **factories.formset_management_data(KEY_FIGURES),
        **factories.formset_management_data("awards"),
    }
    if actor is not None:
        data.update(
            name=actor.name,
            slug=actor.slug,
            kind=actor.kind,
            summary=actor.summary,
            status=actor.status,
            seen_version=actor.version,
        )
    data.update(fields)
    return data


def status_choices(response):
    return [option["value"] for option in page(response).select('select[name="status"] option')]


def post_action(client, action, *entries, **data):
    return client.post(
        "/admin/ecosystem/actor/",
        {"action": action, "_selected_action": [entry.pk for entry in entries], **data},
        follow=True,
    )


def reload(*entries):
    return [type(entry).objects.get(pk=entry.pk) for entry in entries]


# --- The change form -----------------------------------------------------------------


def test_entry_status_offers_editors_draft_and_review_only(editor_client):
    response = editor_client.get("/admin/ecosystem/actor/add/")

    assert status_choices(response) == [DRAFT, REVIEW]


def test_entry_status_offers_reviewers_every_status(reviewer_client):
    response = reviewer_client.get("/admin/ecosystem/actor/add/")

    assert status_choices(response) == [DRAFT, REVIEW, PUBLISHED, ARCHIVED]


def test_entry_editor_submits_a_draft_for_review_and_takes_it_back(editor_client):
    actor = factories.make_actor(name="Gleamer", status=DRAFT)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"

    assertRedirects(
        editor_client.post(url, actor_form_data(actor, status=REVIEW)), "/admin/ecosystem/actor/"
    )
    (actor,) = reload(actor)
    assert actor.status == REVIEW
    assertRedirects(
        editor_client.post(url, actor_form_data(actor, status=DRAFT)), "/admin/ecosystem/actor/"
    )
    assert reload(actor)[0].status == DRAFT


def test_entry_editor_cannot_publish_with_a_crafted_post(editor_client):
    actor = factories.make_actor(name="Gleamer", status=REVIEW)

    response = editor_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/", actor_form_data(actor, status=PUBLISHED)
    )

    assert response.status_code == 200
    assert field_errors(response) == {
        "status": ["Sélectionnez un choix valide. published n’en fait pas partie."]
    }
    assert reload(actor)[0].status == REVIEW


def test_entry_form_checks_the_status_again_past_its_choices(rf, editor):
    """The form's second check: a status its choices let through is still refused in clean()."""
    actor = factories.make_actor(name="Gleamer", status=REVIEW)
    request = rf.post(f"/admin/ecosystem/actor/{actor.pk}/change/")
    request.user = editor
    form_class = admin.site.get_model_admin(Actor).get_form(request, actor, change=True)
    crafted = actor_form_data(actor, status=PUBLISHED)

    form = form_class(crafted, instance=actor)
    # As if the choices offered every status: the crafted POST gets past the field.
    form.fields["status"].choices = PublicationStatus.choices

    assert form.errors == {
        "status": ["Seul un relecteur peut donner le statut « Publié » à cette fiche."]
    }
    assert reload(actor)[0].status == REVIEW


def test_entry_editor_cannot_create_a_published_entry(editor_client):
    response = editor_client.post("/admin/ecosystem/actor/add/", actor_form_data(status=PUBLISHED))

    assert response.status_code == 200
    assert not Actor.objects.exists()


def test_entry_editor_sees_but_cannot_change_a_published_status(editor_client):
    actor = factories.make_actor(name="Gleamer", status=PUBLISHED)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"

    form = editor_client.get(url)
    response = editor_client.post(url, actor_form_data(actor, status=DRAFT, summary="Corrigé."))

    assert status_choices(form) == [PUBLISHED]
    assert page(form).select_one('select[name="status"]').has_attr("disabled")
    assertRedirects(response, "/admin/ecosystem/actor/")
    (actor,) = reload(actor)
    # The change itself waits for a reviewer, as a working copy (tests/core/publishing/).
    assert (actor.status, actor.summary) == (PUBLISHED, "Résumé de gleamer.")
    assert actor.pending_changes.get().proposed_values == {"fields": {"summary": "Corrigé."}}


def test_entry_editor_cannot_schedule_a_published_entry(editor_client):
    actor = factories.make_actor(name="Gleamer", status=PUBLISHED)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"

    form = editor_client.get(url)
    response = editor_client.post(
        url, actor_form_data(actor, unpublish_at_0="01/01/2030", unpublish_at_1="08:00")
    )

    # The editor sees the dates, greyed out: on a published entry they are a reviewer's.
    dates = page(form).select('input[name^="publish_at_"], input[name^="unpublish_at_"]')
    assert {field["name"]: field.has_attr("disabled") for field in dates} == {
        "publish_at_0": True,
        "publish_at_1": True,
        "unpublish_at_0": True,
        "unpublish_at_1": True,
    }
    assertRedirects(response, "/admin/ecosystem/actor/")
    (actor,) = reload(actor)
    # Neither the live entry nor a change waiting for review holds the date.
    assert (actor.unpublish_at, actor.pending_changes.exists()) == (None, False)


def test_entry_reviewer_publishes_from_the_form_and_dates_the_review(reviewer_client):
    actor = factories.make_actor(name="Gleamer", status=REVIEW)
    before = timezone.now()

    response = reviewer_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/", actor_form_data(actor, status=PUBLISHED)
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    (actor,) = reload(actor)
    assert actor.status == PUBLISHED
    assert actor.reviewed_at >= before


def test_entry_reviewer_archives_from_the_form_and_the_page_disappears(reviewer_client, client):
    actor = factories.make_actor(name="Gleamer", slug="gleamer", status=PUBLISHED)
    assert client.get("/acteurs/gleamer/").status_code == 200

    reviewer_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/", actor_form_data(actor, status=ARCHIVED)
    )

    assert reload(actor)[0].status == ARCHIVED
    client.logout()
    assert client.get("/acteurs/gleamer/").status_code == 404


def test_entry_unpublish_date_must_follow_the_publish_date(reviewer_client):
    actor = factories.make_actor(name="Gleamer", status=DRAFT)

    response = reviewer_client.post(
        f"/admin/ecosystem/actor/{actor.pk}/change/",
        actor_form_data(
            actor,
            publish_at_0="02/01/2030",
            publish_at_1="08:00",
            unpublish_at_0="01/01/2030",
            unpublish_at_1="08:00",
        ),
    )

    assert field_errors(response) == {
        "unpublish_at": ["La date de retrait doit venir après la date de publication."]
    }


# --- Bulk actions --------------------------------------------------------------------


def action_names(client):
    """The bulk actions the actor changelist offers (it offers them only above some rows)."""
    factories.make_actor()
    return choices(client.get("/admin/ecosystem/actor/"), "action")


def test_entry_actions_offered_to_editors_leave_out_publication(editor_client):
    assert action_names(editor_client) == ["submit_for_review", "unpublish", "add_tag"]


def test_entry_actions_offered_to_reviewers_include_publication(reviewer_client):
    assert action_names(reviewer_client) == [
        "submit_for_review",
        "unpublish",
        "publish",
        "archive",
        "mark_reviewed",
        "add_tag",
    ]


@pytest.mark.parametrize("action", ["publish", "archive", "mark_reviewed"])
def test_entry_action_for_reviewers_does_nothing_when_an_editor_posts_it(editor_client, action):
    actor = factories.make_actor(status=REVIEW)

    response = post_action(editor_client, action, actor)

    assert messages_of(response) == ["Aucune action sélectionnée."]
    (stored,) = reload(actor)
    assert (stored.status, stored.reviewed_at, stored.version) == (REVIEW, None, 1)


def test_entry_submit_for_review_action_submits_drafts_only(editor_client):
    draft, published = factories.make_actor(status=DRAFT), factories.make_actor(status=PUBLISHED)

    response = post_action(editor_client, "submit_for_review", draft, published)

    assert [entry.status for entry in reload(draft, published)] == [REVIEW, PUBLISHED]
    assert messages_of(response) == [
        "1 entrée est désormais « En relecture ».",
        "1 entrée n'a pas changé : seul un relecteur peut la passer de « Publié » à « En relecture ».",
    ]


def test_entry_unpublish_action_lets_editors_take_back_a_submission_only(editor_client):
    submitted, published = factories.make_actor(status=REVIEW), factories.make_actor()

    response = post_action(editor_client, "unpublish", submitted, published)

    assert [entry.status for entry in reload(submitted, published)] == [DRAFT, PUBLISHED]
    assert messages_of(response) == [
        "1 entrée est désormais « Brouillon ».",
        "1 entrée n'a pas changé : seul un relecteur peut la passer de « Publié » à « Brouillon ».",
    ]


def test_entry_unpublish_action_lets_reviewers_unpublish(reviewer_client, client):
    actor = factories.make_actor(name="Owkin", slug="owkin")

    response = post_action(reviewer_client, "unpublish", actor)

    assert messages_of(response) == ["1 entrée est désormais « Brouillon »."]
    client.logout()
    assert client.get("/acteurs/owkin/").status_code == 404


def test_entry_publish_action_dates_the_review_and_moves_the_version(reviewer_client):
    draft = factories.make_actor(status=DRAFT)
    before = timezone.now()

    post_action(reviewer_client, "publish", draft)

    (stored,) = reload(draft)
    assert (stored.status, stored.version) == (PUBLISHED, 2)
    assert stored.reviewed_at >= before


def test_entry_archive_action_archives_whatever_the_status(reviewer_client):
    entries = [factories.make_actor(status=status) for status in (DRAFT, REVIEW, PUBLISHED)]

    response = post_action(reviewer_client, "archive", *entries)

    assert [entry.status for entry in reload(*entries)] == [ARCHIVED] * 3
    assert messages_of(response) == ["3 entrées sont désormais « Archivé »."]


def test_entry_mark_reviewed_action_dates_the_review(reviewer_client):
    actor = factories.make_actor()
    before = timezone.now()

    response = post_action(reviewer_client, "mark_reviewed", actor)

    assert reload(actor)[0].reviewed_at >= before
    assert messages_of(response) == ["1 entrée est marquée comme relue."]


def test_entry_add_tag_action_asks_which_tag_then_adds_it(editor_client):
    tag = factories.make_tag("Imagerie médicale")
    # A draft: on a published entry, an editor's tag waits for review (tests/core/publishing/).
    gleamer = factories.make_actor(name="Gleamer", status=DRAFT)
    owkin = factories.make_actor(name="Owkin", tags=[tag])

    question = editor_client.post(
        "/admin/ecosystem/actor/", {"action": "add_tag", "_selected_action": [gleamer.pk, owkin.pk]}
    )
    answer = post_action(editor_client, "add_tag", gleamer, owkin, tag=tag.pk, apply="1")

    assert question.templates[0].name == "admin/add_tag.html"
    assertContains(question, f'<option value="{tag.pk}">Imagerie médicale</option>', html=True)
    assert messages_of(answer) == ["L'étiquette « Imagerie médicale » est ajoutée à 1 entrée."]
    assert [list(entry.tags.names()) for entry in reload(gleamer, owkin)] == [
        ["Imagerie médicale"],
        ["Imagerie médicale"],
    ]
    assert [entry.version for entry in reload(gleamer, owkin)] == [2, 1]


# --- The stale-review filter -----------------------------------------------------------


def test_entry_review_filter_lists_entries_reviewed_long_ago_or_never(editor_client):
    now = timezone.now()
    recent = factories.make_actor(name="Relue ce mois", reviewed_at=now - timedelta(days=20))
    seven = factories.make_actor(name="Relue il y a 7 mois", reviewed_at=now - timedelta(days=213))
    thirteen = factories.make_actor(
        name="Relue il y a 13 mois", reviewed_at=now - timedelta(days=396)
    )
    never = factories.make_actor(name="Jamais relue", reviewed_at=None)

    def listed(value):
        response = editor_client.get("/admin/ecosystem/actor/", {"a_revoir": value})
        return set(changelist_column(response))

    assert listed("6") == {seven.name, thirteen.name}
    assert listed("12") == {thirteen.name}
    assert listed("jamais") == {never.name}
    assert recent.name not in listed("6") | listed("12") | listed("jamais")


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 11, 28, 9, 30), 6, datetime(2026, 5, 28, 9, 30)),
        (datetime(2026, 3, 31), 1, datetime(2026, 2, 28)),
        (datetime(2028, 3, 31), 1, datetime(2028, 2, 29)),
        (datetime(2026, 1, 15), 12, datetime(2025, 1, 15)),
        (datetime(2026, 1, 15), 13, datetime(2024, 12, 15)),
    ],
)
def test_months_before_keeps_the_day_within_the_month(moment, months, expected):
    assert months_before(moment, months) == expected


# --- What the public sees ------------------------------------------------------------


@pytest.mark.parametrize("status", [DRAFT, REVIEW, ARCHIVED])
def test_entry_not_published_is_nowhere_on_the_public_site(client, status):
    tag = factories.make_tag("Imagerie médicale")
    factories.make_actor(name="Visible", slug="visible", tags=[tag])
    factories.make_actor(name="Invisible", slug="invisible", tags=[tag], status=status)
    pages = [
        "/",
        "/acteurs/",
        f"/tags/{tag.slug}/",
        "/recherche/?q=invisible",
        "/sitemap-actor.xml",
        "/flux/rss/",
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Invisible" not in response.text and "/acteurs/invisible/" not in response.text, url
    assert client.get("/acteurs/invisible/").status_code == 404
    assert "Visible" in client.get("/acteurs/").text
