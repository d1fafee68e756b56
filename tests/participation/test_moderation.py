"""Reviewers moderate proposals: beside the entry, into a draft or a working copy, then public."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.models import PublicationStatus, Tag
from core.publishing import working_copies
from ecosystem.models import Actor
from participation.models import Proposal, ProposalKind, ProposalStatus
from tests import factories, html_page

pytestmark = pytest.mark.django_db


def make_proposal(*, entry=None, model=Actor, **fields):
    defaults = {
        "kind": ProposalKind.CORRECTION if entry else ProposalKind.NEW_ENTRY,
        "content_type": ContentType.objects.get_for_model(model),
        "object_id": entry.pk if entry else None,
        "source": "https://example.org/source",
    }
    return Proposal.objects.create(**{**defaults, **fields})


def change_url(proposal):
    return reverse("admin:participation_proposal_change", args=[proposal.pk])


def test_queue_lists_new_proposals_for_reviewers(reviewer_client):
    actor = factories.make_actor(name="Nabla")
    make_proposal(entry=actor, message="Le site a changé.")
    make_proposal(name="Radiologie Augmentée", status=ProposalStatus.REJECTED)

    response = reviewer_client.get("/admin/participation/proposal/?status__exact=new")

    assert html_page.texts(response, "#result_list tbody td.field-subject") == ["Le site a changé."]


def test_editors_do_not_moderate(editor_client):
    proposal = make_proposal(name="Radiologie Augmentée")

    assert editor_client.get(change_url(proposal)).status_code == 403


def test_reviewer_sees_the_proposal_beside_the_entry_field_by_field(reviewer_client):
    actor = factories.make_actor(name="Nabla", website="https://nabla.example.com", tags=["ia"])
    proposal = make_proposal(
        entry=actor, website="https://nabla.example.org", tags="ia, dictée", message="Nouveau site."
    )

    response = reviewer_client.get(change_url(proposal))

    rows = [
        html_page.texts(row, "th, td")
        for row in html_page.page(response).select(".proposal-comparison tbody tr")
    ]
    assert rows == [
        ["Nom", "Nabla", "—"],
        ["Résumé", "Résumé de nabla.", "—"],
        ["Site web", "https://nabla.example.com", "https://nabla.example.org"],
        ["Description", "—", "—"],
        ["Ville", "—", "—"],
        ["Région", "—", "—"],
        ["Thèmes", "ia", "ia, dictée"],
    ]
    assert html_page.texts(response, ".proposal-comparison__changed th") == ["Site web", "Thèmes"]


def test_accepted_correction_waits_in_a_working_copy_then_publishes_noting_the_proposal(
    reviewer_client, reviewer
):
    visitor = Client()
    actor = factories.make_actor(name="Nabla", summary="Ancien résumé.")
    proposal = make_proposal(entry=actor, summary="Dictée médicale par IA.", message="Résumé.")

    reviewer_client.post(change_url(proposal), {"review_note": "Vérifié.", "_accept": "1"})
    before = visitor.get(actor.get_absolute_url())
    review_url = reverse("admin:ecosystem_actor_working_copy", args=[actor.pk])
    reviewer_client.post(review_url, {"_publish": "1"})
    after = visitor.get(actor.get_absolute_url())

    proposal.refresh_from_db()
    assert (proposal.status, proposal.review_note, proposal.reviewed_by) == (
        ProposalStatus.ACCEPTED,
        "Vérifié.",
        reviewer,
    )
    assert html_page.texts(before, ".entry-header__summary") == ["Ancien résumé."]
    assert html_page.texts(after, ".entry-header__summary") == ["Dictée médicale par IA."]
    revision = actor.history.latest("history_date")
    assert revision.summary == "Dictée médicale par IA."
    assert revision.history_change_reason.startswith(f"Proposition n° {proposal.pk} — ")


def test_accepted_correction_of_an_entry_not_yet_public_changes_it_with_a_revision(
    reviewer_client, reviewer
):
    actor = factories.make_actor(name="Nabla", status=PublicationStatus.REVIEW)
    proposal = make_proposal(entry=actor, name="Nabla Santé", tags="dictée", message="Le nom.")

    reviewer_client.post(change_url(proposal), {"review_note": "", "_accept": "1"})

    actor.refresh_from_db()
    revision = actor.history.latest("history_date")
    assert (actor.name, actor.status, sorted(actor.tags.names())) == (
        "Nabla Santé",
        PublicationStatus.REVIEW,
        ["dictée"],
    )
    assert (revision.history_change_reason, revision.history_user, revision.tag_names) == (
        f"D'après la proposition n° {proposal.pk}, acceptée par {reviewer}",
        reviewer,
        "dictée",
    )


def test_accepted_themes_that_repeat_an_existing_tag_are_given_that_tag(reviewer_client):
    factories.make_tag("Imagerie médicale")
    actor = factories.make_actor(name="Nabla", status=PublicationStatus.DRAFT)
    proposal = make_proposal(entry=actor, tags="imagerie medicale, dictée", message="Thèmes.")

    shown = reviewer_client.get(change_url(proposal))
    reviewer_client.post(change_url(proposal), {"review_note": "", "_accept": "1"})

    rows = [
        html_page.texts(row, "th, td")
        for row in html_page.page(shown).select(".proposal-comparison tbody tr")
    ]
    assert rows[-1] == ["Thèmes", "—", "Imagerie médicale, dictée"]
    assert sorted(actor.tags.names(), key=str.casefold) == ["dictée", "Imagerie médicale"]
    assert sorted(Tag.objects.values_list("name", flat=True), key=str.casefold) == [
        "dictée",
        "Imagerie médicale",
    ]


def test_accepted_new_entry_becomes_a_draft_that_the_workflow_publishes(reviewer_client, reviewer):
    visitor = Client()
    proposal = make_proposal(
        name="Radiologie Augmentée",
        summary="Lit les radiographies.",
        website="https://radiologie.example.org",
        tags="imagerie médicale",
        city="Lille",
        region="HDF",
        source="https://radiologie.example.org/presse",
    )

    reviewer_client.post(change_url(proposal), {"review_note": "", "_accept": "1"})
    draft = Actor.objects.get(name="Radiologie Augmentée")
    hidden = visitor.get(draft.get_absolute_url())
    draft.kind = "company"
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    shown = visitor.get(draft.get_absolute_url())

    proposal.refresh_from_db()
    first_revision = draft.history.earliest("history_date")
    assert (proposal.status, proposal.object_id) == (ProposalStatus.ACCEPTED, draft.pk)
    assert (draft.slug, draft.city, draft.region, draft.website) == (
        "radiologie-augmentee",
        "Lille",
        "HDF",
        "https://radiologie.example.org",
    )
    assert [(source.title, source.url) for source in draft.sources.all()] == [
        (f"Source de la proposition n° {proposal.pk}", "https://radiologie.example.org/presse")
    ]
    assert (first_revision.history_type, first_revision.status, first_revision.tag_names) == (
        "+",
        PublicationStatus.DRAFT,
        "imagerie médicale",
    )
    assert first_revision.history_change_reason == (
        f"D'après la proposition n° {proposal.pk}, acceptée par {reviewer}"
    )
    assert hidden.status_code == 404
    assert html_page.texts(shown, "h1") == ["Radiologie Augmentée"]


def test_rejected_proposal_tells_its_author_in_their_language(reviewer_client):
    proposal = make_proposal(
        name="Pas de l'IA", email="ada@example.org", language="en", message="<b>Bonjour</b>"
    )

    reviewer_client.post(
        change_url(proposal), {"review_note": "Hors du champ de l'atlas.", "_reject": "1"}
    )

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["ada@example.org"], f"Your proposal no. {proposal.pk} was not accepted")
    ]
    assert "Hors du champ de l'atlas." in mail.outbox[0].body
    assert proposal.email == ""  # used for this message only, then forgotten


def test_decided_proposal_cannot_be_decided_again(reviewer_client):
    proposal = make_proposal(name="Radiologie Augmentée", status=ProposalStatus.REJECTED)

    reviewer_client.post(change_url(proposal), {"_accept": "1"})

    assert not Actor.objects.exists()
    assert Proposal.objects.get().status == ProposalStatus.REJECTED


def test_accepted_proposal_tells_its_author_through_a_real_mail_server(
    reviewer_client, smtp_server
):
    proposal = make_proposal(name="Radiologie Augmentée", email="ada@example.org")

    reviewer_client.post(change_url(proposal), {"review_note": "Merci !", "_accept": "1"})

    [(recipients, message)] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    assert (recipients, message["Subject"].strip()) == (
        ["ada@example.org"],
        f"Votre proposition n° {proposal.pk} est acceptée",
    )
    assert "Le mot de l'équipe :\r\nMerci !" in text


def test_correction_of_an_entry_deleted_meanwhile_is_not_accepted(reviewer_client):
    actor = factories.make_actor(name="Nabla")
    proposal = make_proposal(entry=actor, name="Nabla Santé")
    actor.delete()

    response = reviewer_client.post(change_url(proposal), {"_accept": "1"}, follow=True)

    assert html_page.texts(response, ".messagelist .error") == [
        "La fiche n'existe plus : refusez la proposition."
    ]
    assert Proposal.objects.get().status == ProposalStatus.NEW


def test_outcome_in_english_is_all_english(reviewer_client):
    proposal = make_proposal(name="Radiologie", email="ada@example.org", language="en")

    reviewer_client.post(change_url(proposal), {"review_note": "", "_accept": "1"})

    assert mail.outbox[0].body.split("\n") == [
        "Hello,",
        "",
        f"Thank you: your proposal no. {proposal.pk} to the Atlas IA Santé is accepted. It will "
        "appear on the site once the entry is reviewed.",
        "",
        "Your address was used only for this message: it is now erased.",
        "",
    ]


def test_accepted_correction_joins_an_editor_working_copy_without_losing_it(
    reviewer_client, reviewer, editor
):
    actor = factories.make_actor(name="Nabla", summary="Ancien résumé.")
    actor.summary = "Résumé de l'éditeur."
    working_copies.propose(entry=actor, user=editor)
    proposal = make_proposal(entry=actor, website="https://nabla.example.org", message="Site.")

    reviewer_client.post(change_url(proposal), {"review_note": "", "_accept": "1"})

    pending = working_copies.pending_change_of(actor)
    assert pending.proposed_values["fields"] == {
        "summary": "Résumé de l'éditeur.",
        "website": "https://nabla.example.org",
    }
    assert pending.origin == f"proposition n° {proposal.pk}"
