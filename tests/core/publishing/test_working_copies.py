"""An editor's change to a published entry waits, as a working copy, for a reviewer."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.models import PublicationStatus
from core.publishing.models import PendingChange
from ecosystem.models import Actor
from tests import factories
from tests.core.publishing.test_workflow import KEY_FIGURES, SOURCES, actor_form_data

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def change_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/change/"


def review_url(actor):
    return f"/admin/ecosystem/actor/{actor.pk}/modification-proposee/"


def public_page(client, actor):
    client.logout()
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    return response


def test_editor_change_to_a_published_entry_leaves_the_public_page_unchanged(client, editor):
    actor = factories.make_actor(name="Gleamer", summary="Imagerie augmentée.")
    client.force_login(editor)

    response = client.post(
        change_url(actor), actor_form_data(actor, name="Gleamer Santé", summary="Nouveau.")
    )

    assertRedirects(response, "/admin/ecosystem/actor/")
    page = public_page(client, actor)
    assertContains(page, "<h1>Gleamer</h1>", html=True)
    assertNotContains(page, "Gleamer Santé")
    assertNotContains(page, "Nouveau.")
    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.name, stored.summary, stored.version) == ("Gleamer", "Imagerie augmentée.", 1)
    pending = PendingChange.objects.get()
    assert pending.proposed_by == editor
    assert pending.proposed_values == {"fields": {"name": "Gleamer Santé", "summary": "Nouveau."}}


def propose(client, actor, **changes):
    response = client.post(change_url(actor), actor_form_data(actor, **changes))
    assertRedirects(response, "/admin/ecosystem/actor/")


def test_reviewer_sees_the_diff_publishes_and_the_public_page_shows_it(client, editor, reviewer):
    actor = factories.make_actor(name="Gleamer", summary="Imagerie augmentée.")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé", summary="Nouveau résumé.")
    client.force_login(reviewer)

    review = client.get(review_url(actor))

    assertContains(
        review,
        '<tr><th scope="row">Nom</th><td>Gleamer</td><td>Gleamer Santé</td></tr>',
        html=True,
    )
    assertContains(
        review,
        '<tr><th scope="row">Résumé</th><td>Imagerie augmentée.</td><td>Nouveau résumé.</td></tr>',
        html=True,
    )
    assertContains(review, f"Proposée par {editor.username} le ")
    response = client.post(review_url(actor), {"_publish": "1"}, follow=True)
    assertContains(response, "La modification de « Gleamer » est publiée.")
    page = public_page(client, actor)
    assertContains(page, "<h1>Gleamer Santé</h1>", html=True)
    assertContains(page, "Nouveau résumé.")
    assert PendingChange.objects.count() == 0


def test_published_working_copy_makes_one_revision_naming_who_proposed_and_who_approved(
    client, editor, reviewer
):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")
    client.force_login(reviewer)
    client.post(review_url(actor), {"_publish": "1"})

    revisions = list(Actor.history.filter(id=actor.pk).order_by("-history_date"))
    history = client.get(f"/admin/ecosystem/actor/{actor.pk}/history/")

    assert [(revision.name, revision.history_user) for revision in revisions] == [
        ("Gleamer Santé", reviewer),
        ("Gleamer", None),
    ]
    assert revisions[0].history_change_reason.startswith(
        f"Modification proposée par {editor.username} le "
    )
    assert revisions[0].history_change_reason.endswith(f", publiée par {reviewer.username}")
    assertContains(history, f", publiée par {reviewer.username}")


def test_discarded_working_copy_leaves_the_public_page_unchanged(client, editor, reviewer):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")
    client.force_login(reviewer)

    response = client.post(review_url(actor), {"_discard": "1"}, follow=True)

    assertContains(response, "La modification proposée de « Gleamer » est abandonnée.")
    assert PendingChange.objects.count() == 0
    page = public_page(client, actor)
    assertContains(page, "<h1>Gleamer</h1>", html=True)
    assert Actor.objects.get(pk=actor.pk).version == 1


def test_editor_cannot_publish_a_working_copy_with_a_crafted_post(client, editor):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")

    assert client.post(review_url(actor), {"_publish": "1"}).status_code == 403
    assert Actor.objects.get(pk=actor.pk).name == "Gleamer"


def test_editor_cannot_unpublish_or_publish_directly_with_a_forged_status(client, editor):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)

    propose(client, actor, name="Gleamer Santé", status=PublicationStatus.DRAFT)

    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.name, stored.status) == ("Gleamer", PUBLISHED)
    assert PendingChange.objects.get().proposed_values == {"fields": {"name": "Gleamer Santé"}}


def test_reviewer_edits_to_a_published_entry_go_live_directly(client, reviewer):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(reviewer)

    propose(client, actor, name="Gleamer Santé")

    assert PendingChange.objects.count() == 0
    assertContains(public_page(client, actor), "<h1>Gleamer Santé</h1>", html=True)


def test_editing_again_updates_the_one_working_copy_from_where_it_stands(client, editor):
    actor = factories.make_actor(name="Gleamer", summary="Imagerie augmentée.")
    tag = factories.make_tag("Radiologie")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé", tags=[tag.pk])

    form = client.get(change_url(actor))
    assertContains(form, 'value="Gleamer Santé"')
    assertContains(form, "Une modification proposée par")
    propose(client, actor, name="Gleamer Santé", tags=[tag.pk], summary="Nouveau.")

    assert PendingChange.objects.get().proposed_values == {
        "fields": {"name": "Gleamer Santé", "summary": "Nouveau."},
        "tags": ["Radiologie"],
    }


def test_working_copy_carries_tags_sources_and_key_figures_until_published(
    client, editor, reviewer
):
    actor = factories.make_actor(name="Gleamer")
    factories.make_source(actor, title="Ancienne source", url="https://example.org/a")
    client.force_login(editor)
    old = actor.sources.get()
    data = actor_form_data(
        actor,
        tags=[factories.make_tag("Imagerie médicale").pk],
        **factories.formset_management_data(SOURCES, total=2, initial=1),
        **factories.formset_management_data(KEY_FIGURES, total=1),
    )
    # The live source is kept as it is; a new source and a new key figure are added.
    data.update(
        {
            f"{SOURCES}-0-id": str(old.pk),
            f"{SOURCES}-0-position": "0",
            f"{SOURCES}-0-title": "Ancienne source",
            f"{SOURCES}-0-url": "https://example.org/a",
            f"{SOURCES}-0-publisher": "",
            f"{SOURCES}-1-position": "1",
            f"{SOURCES}-1-title": "Nouvelle source",
            f"{SOURCES}-1-url": "https://example.org/n",
            f"{SOURCES}-1-publisher": "",
            f"{KEY_FIGURES}-0-position": "0",
            f"{KEY_FIGURES}-0-label": "Levée",
            f"{KEY_FIGURES}-0-value": "20 M€",
            f"{KEY_FIGURES}-0-source_url": "",
        }
    )
    assertRedirects(client.post(change_url(actor), data), "/admin/ecosystem/actor/")
    before = public_page(client, actor)
    assertNotContains(before, "Nouvelle source")
    assertNotContains(before, "20 M€")
    client.force_login(reviewer)
    review = client.get(review_url(actor))
    assertContains(
        review,
        '<tr><th scope="row">Sources</th><td>Ancienne source</td>'
        "<td>Ancienne source, Nouvelle source</td></tr>",
        html=True,
    )
    client.post(review_url(actor), {"_publish": "1"})

    after = public_page(client, actor)
    assertContains(after, "Nouvelle source")
    assertContains(after, "Ancienne source")
    assertContains(after, "20 M€")
    assertContains(after, "Imagerie médicale")
    assert list(actor.sources.values_list("pk", "title")) == [
        (old.pk, "Ancienne source"),
        (old.pk + 1, "Nouvelle source"),
    ]


def test_editor_tag_action_on_a_published_entry_makes_a_working_copy(client, editor):
    tag = factories.make_tag("Imagerie médicale")
    actor = factories.make_actor(name="Gleamer", tags=[factories.make_tag("Diabète")])
    client.force_login(editor)

    answer = client.post(
        "/admin/ecosystem/actor/",
        {"action": "add_tag", "_selected_action": [actor.pk], "tag": tag.pk, "apply": "1"},
        follow=True,
    )

    assertContains(answer, "Sur 1 entrée publiée, l&#x27;ajout attend la relecture.")
    assert list(Actor.objects.get(pk=actor.pk).tags.names()) == ["Diabète"]
    assert PendingChange.objects.get().proposed_values == {"tags": ["Diabète", "Imagerie médicale"]}


def test_editor_cannot_revert_a_published_entry_with_a_crafted_post(client, editor):
    actor = factories.make_actor(name="Gleamer")
    first = Actor.history.get(id=actor.pk)
    actor.name = "Gleamer Santé"
    actor.save()
    client.force_login(editor)
    url = f"/admin/ecosystem/actor/{actor.pk}/history/{first.history_id}/"

    response = client.post(url, actor_form_data(Actor.objects.get(pk=actor.pk), name="Gleamer"))

    assert response.status_code == 403
    assert Actor.objects.get(pk=actor.pk).name == "Gleamer Santé"
    assert PendingChange.objects.count() == 0


def test_editing_again_starts_from_the_proposed_sources_and_keeps_them(client, editor):
    actor = factories.make_actor(name="Gleamer")
    factories.make_source(actor, title="Ancienne source", url="https://example.org/a")
    client.force_login(editor)
    data = actor_form_data(actor, **factories.formset_management_data(SOURCES, total=1))
    data.update(
        {
            f"{SOURCES}-0-position": "0",
            f"{SOURCES}-0-title": "Nouvelle source",
            f"{SOURCES}-0-url": "https://example.org/n",
            f"{SOURCES}-0-publisher": "",
        }
    )
    # The live source is not posted back: the proposal replaces it with the new one.
    client.post(change_url(actor), data)
    assert PendingChange.objects.get().proposed_values["sources"] == [
        {
            "position": 0,
            "title": "Nouvelle source",
            "title_en": "",
            "url": "https://example.org/n",
            "publisher": "",
        }
    ]

    form = client.get(change_url(actor))
    assertContains(form, 'value="Nouvelle source"')
    assertNotContains(form, 'value="Ancienne source"')
    again = factories.posted_form(form, "actor_form", name="Gleamer Santé", _propose="1")
    assertRedirects(client.post(change_url(actor), again), "/admin/ecosystem/actor/")

    assert PendingChange.objects.get().proposed_values == {
        "fields": {"name": "Gleamer Santé"},
        "sources": [
            {
                "position": 0,
                "title": "Nouvelle source",
                "title_en": "",
                "url": "https://example.org/n",
                "publisher": "",
            }
        ],
    }


def test_awards_edited_inline_are_saved_as_from_their_own_form_while_the_rest_waits(client, editor):
    scheme = factories.make_scheme(name="France 2030")
    gleamer = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    form = client.get(f"/admin/funding/fundingscheme/{scheme.pk}/change/")
    data = factories.posted_form(
        form,
        "fundingscheme_form",
        name="France 2030 bis",
        **{
            "awards-TOTAL_FORMS": "1",
            "awards-0-actor": str(gleamer.pk),
            "awards-0-amount_eur": "4500000",
            "awards-0-year": "2023",
            "awards-0-note": "",
        },
    )

    client.post(f"/admin/funding/fundingscheme/{scheme.pk}/change/", data)

    assert [award.actor for award in scheme.awards.all()] == [gleamer]
    assert type(scheme).objects.get(pk=scheme.pk).name == "France 2030"
    assert scheme.pending_changes.get().proposed_values == {"fields": {"name": "France 2030 bis"}}


def test_publishing_keeps_what_a_reviewer_changed_in_the_live_entry_meanwhile(
    client, editor, reviewer
):
    actor = factories.make_actor(name="Gleamer", summary="Imagerie.")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")
    client.force_login(reviewer)
    propose(client, Actor.objects.get(pk=actor.pk), summary="Résumé du relecteur.")

    review = client.get(review_url(actor))
    client.post(review_url(actor), {"_publish": "1"})

    assertContains(review, "La fiche publiée a été modifiée depuis cette proposition")
    stored = Actor.objects.get(pk=actor.pk)
    assert (stored.name, stored.summary) == ("Gleamer Santé", "Résumé du relecteur.")


def test_publishing_a_working_copy_whose_slug_was_taken_meanwhile_says_why(
    client, editor, reviewer
):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    client.force_login(editor)
    propose(client, actor, slug="gleamer-sante")
    factories.make_actor(name="Autre", slug="gleamer-sante")
    client.force_login(reviewer)

    response = client.post(review_url(actor), {"_publish": "1"}, follow=True)

    assert response.status_code == 200
    assertContains(
        response, "Un objet Acteur avec ce champ Identifiant d&#x27;adresse existe déjà."
    )
    assert Actor.objects.get(pk=actor.pk).slug == "gleamer"
    assert PendingChange.objects.count() == 1


def test_reviewer_change_form_links_the_working_copy_awaiting_review(client, editor, reviewer):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")
    client.force_login(reviewer)

    form = client.get(change_url(actor))

    assertContains(form, f"Une modification proposée par {editor.username} le ")
    assertContains(
        form, f'<a href="{review_url(actor)}">Voir la modification proposée</a>', html=True
    )
    assertContains(form, 'value="Gleamer"')
    assertNotContains(form, "votre modification attendra la relecture")


def test_editing_again_starts_from_the_proposed_tags_and_keeps_them(client, editor):
    diabetes = factories.make_tag("Diabète")
    imaging = factories.make_tag("Imagerie médicale")
    actor = factories.make_actor(name="Gleamer", tags=[diabetes])
    client.force_login(editor)
    propose(client, actor, tags=[imaging.pk, diabetes.pk])

    form = client.get(change_url(actor))
    again = factories.posted_form(form, "actor_form", name="Gleamer Santé", _propose="1")
    client.post(change_url(actor), again)

    assert sorted(again["tags"]) == sorted([str(diabetes.pk), str(imaging.pk)])
    assert PendingChange.objects.get().proposed_values == {
        "fields": {"name": "Gleamer Santé"},
        "tags": ["Diabète", "Imagerie médicale"],
    }


def test_only_the_author_or_a_reviewer_may_discard_a_working_copy(client, editor):
    actor = factories.make_actor(name="Gleamer")
    client.force_login(editor)
    propose(client, actor, name="Gleamer Santé")
    client.force_login(factories.make_editor())

    refused = client.post(review_url(actor), {"_discard": "1"})
    client.force_login(editor)
    withdrawn = client.post(review_url(actor), {"_discard": "1"})

    assert (refused.status_code, withdrawn.status_code) == (403, 302)
    assert PendingChange.objects.count() == 0
