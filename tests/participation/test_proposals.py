"""Visitors propose corrections and entries: the forms, what they refuse, what they keep."""

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from participation.models import Proposal, ProposalKind, ProposalStatus
from tests import factories, html_page
from tests.participation.conftest import correction_data, new_entry_data, started_ago

# Entry and list pages must link to the forms when served from the page cache too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


def correction_url(entry):
    return reverse("participation:propose-correction", args=[entry._meta.label_lower, entry.slug])


NEW_URL = "/participer/proposer/"


def errors(response):
    """The error messages the page shows, in order."""
    page = html_page.page(response)
    return [item.text for item in page.select(".errorlist li, p.form-errors")]


def test_entry_page_links_to_its_correction_form_and_its_alert(client):
    actor = factories.make_actor(name="Nabla")

    page = html_page.page(client.get(actor.get_absolute_url()))

    links = [(html_page.text(link), link["href"]) for link in page.select(".entry-actions a")]
    assert links == [
        ("Proposer une correction", "/participer/corriger/ecosystem.actor/nabla/"),
        ("Suivre cette fiche par e-mail", "/participer/suivre/fiche/ecosystem.actor/nabla/"),
    ]


def test_list_page_links_to_the_new_entry_form_and_to_follow_its_filters(client):
    page = html_page.page(client.get("/financements/?page=1&utm_source=lettre&q=cancer"))

    links = [(html_page.text(link), link["href"]) for link in page.select(".list-actions a")]
    assert links == [
        (
            "Suivre cette recherche par e-mail",
            "/participer/suivre/liste/funding.fundingscheme/?q=cancer",
        ),
        ("Proposer une fiche", "/participer/proposer/?type=funding.fundingscheme"),
    ]


def test_correction_of_a_published_entry_is_kept_for_the_reviewers(client):
    actor = factories.make_actor(name="Nabla")

    response = client.post(
        correction_url(actor), correction_data(email="ada@example.org", consent="on")
    )

    assert response.status_code == 200
    assert html_page.texts(response, "h1") == ["Merci, votre proposition est reçue"]
    proposal = Proposal.objects.get()
    assert (proposal.kind, proposal.entry, proposal.website, proposal.status, proposal.email) == (
        ProposalKind.CORRECTION,
        actor,
        "https://nouveau.example.org/",
        ProposalStatus.NEW,
        "ada@example.org",
    )


def test_correction_form_of_a_draft_is_not_found(client):
    draft = factories.make_actor(status=PublicationStatus.DRAFT)

    assert client.get(correction_url(draft)).status_code == 404
    assert client.post(correction_url(draft), correction_data()).status_code == 404


def test_new_entry_proposal_keeps_its_kind_and_facts(client):
    response = client.post(NEW_URL, new_entry_data())

    assert response.status_code == 200
    proposal = Proposal.objects.get()
    assert (
        proposal.kind,
        proposal.content_type.model,
        proposal.name,
        proposal.tag_names,
        proposal.region,
        proposal.object_id,
    ) == (
        ProposalKind.NEW_ENTRY,
        "actor",
        "Radiologie Augmentée",
        ["imagerie médicale", "radiologie"],
        "HDF",
        None,
    )


def test_new_entry_form_preselects_the_kind_of_the_list_it_came_from(client):
    page = html_page.page(client.get(f"{NEW_URL}?type=trainings.trainingprogramme"))

    assert (
        page.select_one("#id_entry_kind option[selected]")["value"] == "trainings.trainingprogramme"
    )


def test_proposal_without_a_source_is_refused_with_a_message(client):
    actor = factories.make_actor()

    response = client.post(correction_url(actor), correction_data(source=""))

    assert response.status_code == 400
    assert errors(response) == [
        "Le formulaire contient des erreurs : corrigez les champs signalés.",
        "Ce champ est obligatoire.",
    ]
    assert not Proposal.objects.exists()


def test_address_without_consent_is_refused(client):
    response = client.post(NEW_URL, new_entry_data(email="ada@example.org"))

    assert response.status_code == 400
    assert "Cochez cette case pour que nous utilisions votre adresse." in errors(response)
    assert not Proposal.objects.exists()


def test_filled_honeypot_is_refused(client):
    response = client.post(NEW_URL, new_entry_data(homepage="http://spam.example.com"))

    assert response.status_code == 400
    assert errors(response) == ["Ce formulaire semble rempli par un robot : il n'a pas été envoyé."]
    assert not Proposal.objects.exists()


def test_honeypot_is_hidden_from_people(client):
    page = html_page.page(client.get(NEW_URL))

    assert page.select_one("#id_homepage").find_parent("div", attrs={"hidden": True}) is not None


@pytest.mark.parametrize(
    ("started", "message"),
    [
        (1, "Formulaire envoyé trop vite : relisez-le puis envoyez-le à nouveau."),
        (3 * 60 * 60, "Ce formulaire a expiré : vérifiez-le et envoyez-le à nouveau."),
        ("1700000000:forged", "Ce formulaire a expiré : vérifiez-le et envoyez-le à nouveau."),
        ("", "Ce formulaire a expiré : vérifiez-le et envoyez-le à nouveau."),
    ],
)
def test_form_sent_too_fast_or_too_late_is_refused(client, started, message):
    if isinstance(started, int):
        started = started_ago(started)
    response = client.post(NEW_URL, new_entry_data(started=started))

    assert response.status_code == 400
    assert errors(response) == [message]
    assert not Proposal.objects.exists()


def test_form_refused_for_its_timing_offers_a_fresh_start_time(client):
    response = client.post(NEW_URL, new_entry_data(started=started_ago(1)))
    fresh = html_page.page(response).select_one("[name=started]")["value"]

    assert client.post(NEW_URL, new_entry_data(started=fresh)).status_code == 400
    assert client.post(NEW_URL, new_entry_data()).status_code == 200


def test_text_with_too_many_links_is_refused(client):
    links = " ".join(f"https://spam{number}.example.com" for number in range(4))

    response = client.post(NEW_URL, new_entry_data(description=links))

    assert response.status_code == 400
    assert errors(response) == ["Trop de liens : 3 au plus, en plus de la source et du site web."]


def test_three_links_are_accepted(client):
    links = "https://a.example.com www.b.example.com http://c.example.com"

    assert client.post(NEW_URL, new_entry_data(description=links)).status_code == 200


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [
        ("name", 201, 200),
        ("summary", 301, 300),
        ("description", 4001, 4000),
        ("message", 4001, 4000),
        ("source", 501, 500),
        ("tags", 301, 300),
        ("city", 101, 100),
    ],
)
def test_every_field_has_a_size_limit(client, field, length, limit):
    response = client.post(NEW_URL, new_entry_data(**{field: "a" * length}))

    assert response.status_code == 400
    assert errors(response)[-1] == (
        f"Assurez-vous que cette valeur comporte au plus {limit} caractères "
        f"(actuellement {length})."
    )
    assert not Proposal.objects.exists()


def test_script_typed_by_a_visitor_stays_text(client, reviewer_client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    actor = factories.make_actor()

    refused = client.post(correction_url(actor), correction_data(message=attack, source=""))
    client.post(correction_url(actor), correction_data(message=attack, name=attack))
    proposal = Proposal.objects.get()
    review = reviewer_client.get(reverse("admin:participation_proposal_change", args=[proposal.pk]))

    for response in (refused, review):
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_english_form_speaks_english(client):
    actor = factories.make_actor(name="Nabla")

    response = client.get(f"/en/participate/correct/ecosystem.actor/{actor.slug}/")

    page = html_page.page(response)
    assert html_page.text(page.select_one("h1")) == "Suggest a correction: Nabla"
    assert html_page.text(page.select_one("label[for=id_source]")) == "Source:"
