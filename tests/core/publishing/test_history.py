"""Revisions: every change recorded with its author, shown as a readable diff, and reverted."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import KeyFigure, PublicationStatus, Source, Tag
from core.publishing.history import record_revision
from ecosystem.models import Actor
from funding.models import Award
from tests import factories
from tests.html_page import page, text, texts

pytestmark = pytest.mark.django_db

FORM = "actor_form"
# simple-history's revert page names its form after the historical model.
REVERT_FORM = "historicalactor_form"
SOURCES = "core-source-content_type-object_id"


def change_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/change/"


def revisions(actor):
    return list(Actor.history.filter(id=actor.pk).order_by("history_date"))


@pytest.fixture
def gleamer():
    actor = factories.make_actor(
        name="Gleamer",
        slug="gleamer",
        summary="Imagerie augmentée.",
        status=PublicationStatus.DRAFT,
    )
    # Only what the tests do is counted.
    actor.history.all().delete()
    return actor


def edit(client, actor, **changes):
    page = client.get(change_url(actor))
    response = client.post(change_url(actor), factories.posted_form(page, FORM, **changes))
    assertRedirects(response, "/admin/ecosystem/actor/")


def test_history_records_one_revision_per_save_with_relations_and_tags(
    editor_client, editor, gleamer
):
    owkin = factories.make_actor(name="Owkin")
    tags = [factories.make_tag("Imagerie médicale"), factories.make_tag("Radiologie")]

    edit(
        editor_client,
        gleamer,
        name="Gleamer SAS",
        members=[str(owkin.pk)],
        tags=[str(tag.pk) for tag in tags],
    )

    (revision,) = revisions(gleamer)
    assert (revision.history_type, revision.history_user, revision.name) == (
        "~",
        editor,
        "Gleamer SAS",
    )
    assert [row.to_actor for row in revision.members.all()] == [owkin]
    assert revision.tag_list == ["Imagerie médicale", "Radiologie"]


def test_history_records_an_addition_with_its_author(editor_client, editor):
    page = editor_client.get("/admin/ecosystem/actor/add/")
    ia = factories.make_tag("IA")
    data = factories.posted_form(
        page, FORM, name="Owkin", slug="owkin", kind="company", summary="Données.", tags=[ia.pk]
    )

    assertRedirects(
        editor_client.post("/admin/ecosystem/actor/add/", data), "/admin/ecosystem/actor/"
    )

    (revision,) = revisions(Actor.objects.get(slug="owkin"))
    assert (revision.history_type, revision.history_user, revision.tag_names) == ("+", editor, "IA")


def test_history_page_shows_each_change_from_what_to_what(editor_client, editor):
    gleamer = factories.make_actor(name="Gleamer", status=PublicationStatus.DRAFT)
    owkin = factories.make_actor(name="Owkin")
    radiology = factories.make_tag("Radiologie")
    edit(editor_client, gleamer, name="Gleamer SAS")
    edit(editor_client, gleamer, members=[str(owkin.pk)], tags=[radiology.pk], status="review")

    response = editor_client.get(f"/admin/ecosystem/actor/{gleamer.pk}/history/")

    rows = page(response).select("#change-history tbody tr")
    # The newest first: what each save changed, then the creation.
    assert [texts(row, "td")[1:] for row in rows] == [
        [
            "Modifié",
            editor.username,
            "",
            "Membres : — → Owkin Statut de publication : Brouillon → En relecture "
            "Étiquettes : — → Radiologie",
        ],
        ["Modifié", editor.username, "", "Nom : Gleamer → Gleamer SAS"],
        ["Créé", "—", "", "Création"],
    ]
    assertContains(response, "<li><strong>Nom</strong> : Gleamer → Gleamer SAS</li>", html=True)


def test_history_records_bulk_actions_with_their_reason(reviewer_client, reviewer, gleamer):
    reviewer_client.post(
        "/admin/ecosystem/actor/", {"action": "archive", "_selected_action": [gleamer.pk]}
    )

    (revision,) = revisions(gleamer)
    assert (revision.status, revision.history_user, revision.history_change_reason) == (
        PublicationStatus.ARCHIVED,
        reviewer,
        "Archivée",
    )


def test_history_revert_brings_back_fields_relations_and_tags(editor_client, gleamer):
    owkin, doctolib = factories.make_actor(name="Owkin"), factories.make_actor(name="Doctolib")
    radiology, oncology = factories.make_tag("Radiologie"), factories.make_tag("Oncologie")
    edit(editor_client, gleamer, members=[str(owkin.pk)], tags=[radiology.pk])
    first = revisions(gleamer)[0]
    edit(
        editor_client,
        gleamer,
        name="Gleamer SAS",
        summary="Autre chose.",
        members=[str(doctolib.pk)],
        tags=[oncology.pk],
        status="review",
    )
    revert_url = f"/admin/ecosystem/actor/{gleamer.pk}/history/{first.history_id}/"

    page = editor_client.get(revert_url)
    response = editor_client.post(revert_url, factories.posted_form(page, REVERT_FORM))

    assertRedirects(response, "/admin/ecosystem/actor/")
    actor = Actor.objects.get(pk=gleamer.pk)
    assert (actor.name, actor.summary) == ("Gleamer", "Imagerie augmentée.")
    assert (list(actor.members.all()), list(actor.tags.names())) == ([owkin], ["Radiologie"])
    # The workflow stays where it is: a revert brings back words, not a publication.
    assert actor.status == PublicationStatus.REVIEW
    latest = revisions(gleamer)[-1]
    assert latest.history_change_reason.startswith("Retour à la version du ")


def test_history_revert_is_refused_if_the_entry_moved_on_meanwhile(editor_client, gleamer):
    edit(editor_client, gleamer, name="Gleamer SAS")
    first = revisions(gleamer)[0]
    revert_url = f"/admin/ecosystem/actor/{gleamer.pk}/history/{first.history_id}/"
    page = editor_client.get(revert_url)
    edit(editor_client, gleamer, name="Gleamer France")

    response = editor_client.post(revert_url, factories.posted_form(page, REVERT_FORM))

    assert response.status_code == 200
    assert Actor.objects.get(pk=gleamer.pk).name == "Gleamer France"


def test_history_records_inline_sources_and_shows_them_on_the_entry_page(
    editor_client, editor, gleamer
):
    edit(
        editor_client,
        gleamer,
        **{f"{SOURCES}-0-title": "Communiqué", f"{SOURCES}-0-position": "1"},
    )

    (revision,) = Source.history.all()
    assert (revision.title, revision.history_user, revision.history_type) == (
        "Communiqué",
        editor,
        "+",
    )
    response = editor_client.get(f"/admin/ecosystem/actor/{gleamer.pk}/history/")
    sections = page(response).select("#content-main div.module:has(> h2)")
    assert [
        (text(section.h2), [texts(row, "td")[1:] for row in section.select("tbody tr")])
        for section in sections
    ] == [("Historique des sources", [["Créé", editor.username, "Communiqué"]])]


def test_history_records_tags_and_awards_edited_in_the_admin(editor_client, editor, reviewer):
    # Only reviewers create tags (core/admin/tags.py).
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    reviewer_client.post(
        "/admin/core/tag/add/",
        {"name": "Télésanté", "slug": "telesante", "group": "care", "description": ""},
    )
    award = factories.make_award()

    editor_client.post(
        f"/admin/funding/award/{award.pk}/change/",
        {
            "scheme": award.scheme.pk,
            "actor": award.actor.pk,
            "amount_eur": "1000",
            "year": "2024",
            "note": "",
            **factories.formset_management_data(SOURCES),
        },
    )

    assert [(r.name, r.history_user) for r in Tag.history.all()] == [("Télésanté", reviewer)]
    latest = Award.history.filter(id=award.pk).latest("history_date")
    assert (latest.history_type, latest.amount_eur, latest.history_user) == ("~", 1000, editor)


def test_history_records_a_superuser_deletion_after_confirmation(admin_client, admin_user, gleamer):
    confirmation = admin_client.get(f"/admin/ecosystem/actor/{gleamer.pk}/delete/")
    assertContains(
        confirmation, "Voulez-vous vraiment supprimer l’objet acteur «\xa0Gleamer\xa0»\xa0?"
    )

    admin_client.post(f"/admin/ecosystem/actor/{gleamer.pk}/delete/", {"post": "yes"})

    assert not Actor.objects.filter(pk=gleamer.pk).exists()
    (revision,) = revisions(gleamer)
    assert (revision.history_type, revision.history_user, revision.name) == (
        "-",
        admin_user,
        "Gleamer",
    )


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_history_deletion_is_refused_to_editors_and_reviewers(role, gleamer):
    browser = Client()
    browser.force_login(
        factories.make_reviewer() if role == "reviewer" else factories.make_editor()
    )

    page = browser.get(f"/admin/ecosystem/actor/{gleamer.pk}/delete/")
    posted = browser.post(f"/admin/ecosystem/actor/{gleamer.pk}/delete/", {"post": "yes"})

    assert (page.status_code, posted.status_code) == (403, 403)
    assert Actor.objects.filter(pk=gleamer.pk).exists()


def test_history_revert_brings_back_sources_and_key_figures(editor_client, editor, gleamer):
    figures = "core-keyfigure-content_type-object_id"
    edit(
        editor_client,
        gleamer,
        **{
            f"{SOURCES}-0-title": "Communiqué",
            f"{SOURCES}-0-position": "1",
            f"{figures}-0-label": "levée de fonds",
            f"{figures}-0-value": "4,5 M€",
            f"{figures}-0-position": "1",
        },
    )
    first = revisions(gleamer)[-1]
    (source,) = Source.objects.filter(object_id=gleamer.pk)
    (figure,) = KeyFigure.objects.filter(object_id=gleamer.pk)
    # Since that version: the source deleted, the figure changed, another source added.
    page = editor_client.get(change_url(gleamer))
    editor_client.post(
        change_url(gleamer),
        factories.posted_form(
            page,
            FORM,
            **{
                f"{SOURCES}-0-DELETE": "on",
                f"{SOURCES}-1-title": "Article de presse",
                f"{SOURCES}-1-position": "2",
                f"{figures}-0-value": "5 M€",
            },
        ),
    )
    assert [s.title for s in Source.objects.filter(object_id=gleamer.pk)] == ["Article de presse"]
    revert_url = f"/admin/ecosystem/actor/{gleamer.pk}/history/{first.history_id}/"

    page = editor_client.get(revert_url)
    response = editor_client.post(revert_url, factories.posted_form(page, REVERT_FORM))

    assertRedirects(response, "/admin/ecosystem/actor/")
    restored_sources = Source.objects.filter(object_id=gleamer.pk)
    assert [(s.pk, s.title) for s in restored_sources] == [(source.pk, "Communiqué")]
    restored_figures = KeyFigure.objects.filter(object_id=gleamer.pk)
    assert [(f.pk, f.label, f.value) for f in restored_figures] == [
        (figure.pk, "levée de fonds", "4,5 M€")
    ]
    # Each detail restored is a revision of its own, by the editor who reverted.
    assert Source.history.filter(id=source.pk).latest().history_user == editor
    public = Client().get(gleamer.get_absolute_url())
    assert public.status_code == 404  # a draft; the staff preview shows the restored details
    preview = editor_client.get(gleamer.get_absolute_url())
    assertContains(preview, "Communiqué")
    assertContains(preview, "4,5 M€")
    assertNotContains(preview, "Article de presse")


def test_history_cuts_a_reason_to_what_its_column_holds(reviewer):
    actor = factories.make_actor()

    record_revision(actor, user=reviewer, reason="Modification " + "très " * 40 + "longue")

    reason = actor.history.latest("history_date").history_change_reason
    assert (len(reason), reason.startswith("Modification très")) == (100, True)
