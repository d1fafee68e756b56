from decimal import Decimal

import pytest
from django.db.models.signals import post_init
from pytest_django.asserts import assertContains, assertNotContains

from ecosystem.models import Actor
from tests import factories
from tests.html_page import card_names, texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_modes")]


def test_actor_list_shows_published_actors_by_name(client):
    factories.make_actor(name="Owkin")
    factories.make_actor(name="Doctolib")
    factories.make_actor(name="Brouillon caché", status="draft")

    response = client.get("/acteurs/")

    assert response.status_code == 200
    assert card_names(response) == ["Doctolib", "Owkin"]
    assertContains(response, '<a href="/acteurs/doctolib/">Doctolib</a>', html=True)
    assertNotContains(response, "Brouillon caché")


def test_actor_list_filters_by_kind_and_tag(client):
    imaging = factories.make_tag("Imagerie médicale")
    factories.make_actor(name="GLEAMER", kind="company", tags=[imaging])
    factories.make_actor(name="AP-HP", kind="hospital", tags=[imaging])
    factories.make_actor(name="Doctolib", kind="company")

    response = client.get("/acteurs/", {"kind": "company", "tag": "imagerie-medicale"})

    assert card_names(response) == ["GLEAMER"]


def test_actor_list_paginates(client):
    # A page shows 12 (ATLAS_PAGE_SIZE): one more makes a second page.
    for number in range(13):
        factories.make_actor(name=f"Acteur {number:02d}")

    first = client.get("/acteurs/")
    second = client.get("/acteurs/", {"page": 2})

    assert card_names(first) == [f"Acteur {number:02d}" for number in range(12)]
    assert card_names(second) == ["Acteur 12"]
    assertContains(first, 'href="?page=2"')


def test_actor_detail_shows_everything_the_actor_has(client):
    tag = factories.make_tag("Imagerie médicale")
    gleamer = factories.make_actor(
        name="GLEAMER",
        summary="IA pour la radiographie.",
        description="Premier paragraphe.\n\nSecond paragraphe.",
        website="https://www.gleamer.ai",
        city="Paris",
        region="IDF",
        tags=[tag],
    )
    factories.make_key_figure(gleamer, label="Financement France 2030", value="4,5 M€")
    factories.make_source(gleamer, title="Coder pour soigner", url="")
    factories.make_award(
        actor=gleamer,
        scheme=factories.make_scheme(name="France 2030", slug="france-2030"),
        amount_eur=Decimal("4500000"),
    )

    response = client.get("/acteurs/gleamer/")

    assert response.status_code == 200
    assertContains(response, "<h1>GLEAMER</h1>", html=True)
    assertContains(response, "<p>Premier paragraphe.</p>", html=True)
    assertContains(response, "<p>Second paragraphe.</p>", html=True)
    assertContains(response, 'href="https://www.gleamer.ai"')
    assertContains(response, "Paris, Île-de-France")
    assertContains(response, "4,5\u00a0M€")
    assertContains(response, '<a href="/financements/france-2030/">France 2030</a>', html=True)
    assertContains(response, 'href="/tags/imagerie-medicale/"')
    assertContains(response, "Coder pour soigner")


def test_actor_detail_links_consortium_members_and_initiator(client):
    owkin = factories.make_actor(name="Owkin", slug="owkin")
    aphp = factories.make_actor(name="AP-HP", slug="ap-hp", kind="hospital")
    hidden = factories.make_actor(name="Membre brouillon", status="draft")
    portrait = factories.make_actor(
        name="PortrAIt", slug="portrait", kind="consortium", parent=owkin
    )
    portrait.members.add(owkin, aphp, hidden)

    consortium_page = client.get("/acteurs/portrait/")
    member_page = client.get("/acteurs/ap-hp/")
    initiator_page = client.get("/acteurs/owkin/")

    assert texts(consortium_page, "#members-title + ul a") == ["AP-HP", "Owkin"]
    # As initiator, as member, and in the table of the graph of links.
    assertContains(consortium_page, '<a href="/acteurs/owkin/">Owkin</a>', html=True, count=3)
    assertNotContains(consortium_page, "Membre brouillon")
    assertContains(member_page, '<a href="/acteurs/portrait/">PortrAIt</a>', html=True)
    assertContains(initiator_page, "A lancé ou regroupe")


def test_actor_detail_lists_programmes_and_operated_schemes(client):
    university = factories.make_actor(name="Université de Paris", slug="universite-de-paris")
    factories.make_programme(name="DU IA en santé", slug="du-ia", providers=[university])
    factories.make_programme(name="Formation brouillon", providers=[university], status="draft")
    agency = factories.make_actor(name="AIS", slug="ais")
    factories.make_scheme(name="Innovation Santé 2030", slug="is2030", operators=[agency])

    university_page = client.get("/acteurs/universite-de-paris/")
    agency_page = client.get("/acteurs/ais/")

    assertContains(university_page, '<a href="/formations/du-ia/">DU IA en santé</a>', html=True)
    assertNotContains(university_page, "Formation brouillon")
    assertContains(
        agency_page, '<a href="/financements/is2030/">Innovation Santé 2030</a>', html=True
    )


def relate(actor, relation, **fields):
    """An entry at the other end of `relation` of `actor`, with `fields`; its name."""
    if relation == "members":
        actor.members.add(factories.make_actor(**fields))
    elif relation == "memberships":
        factories.make_actor(kind="consortium", **fields).members.add(actor)
    elif relation == "children":
        factories.make_actor(parent=actor, **fields)
    elif relation == "awards":
        factories.make_award(actor=actor, scheme=factories.make_scheme(**fields))
    elif relation == "operated_schemes":
        factories.make_scheme(operators=[actor], **fields)
    else:
        factories.make_programme(providers=[actor], **fields)
    return fields["name"]


RELATION_SECTIONS = {
    "awards": "awards-title",
    "operated_schemes": "operated-title",
    "programmes": "programmes-title",
    "members": "members-title",
    "memberships": "memberships-title",
    "children": "children-title",
}


@pytest.mark.parametrize("relation", RELATION_SECTIONS)
def test_actor_detail_shows_whichever_relation_the_actor_has_alone(client, relation):
    actor = factories.make_actor(name="Seul")
    shown = relate(actor, relation, name="Publié")
    relate(actor, relation, name="Brouillon", status="draft")
    only_drafts = factories.make_actor(name="Autre")
    relate(only_drafts, relation, name="Autre brouillon", status="draft")

    page = client.get("/acteurs/seul/")
    other_page = client.get("/acteurs/autre/").text

    section = RELATION_SECTIONS[relation]
    assert [s for s in RELATION_SECTIONS.values() if f'id="{s}"' in page.text] == [section]
    assert texts(page, f"#{section} + ul a") == [shown]
    assert [s for s in RELATION_SECTIONS.values() if f'id="{s}"' in other_page] == []


def test_actor_detail_hides_a_draft_parent(client):
    parent = factories.make_actor(name="Groupe brouillon", status="draft")
    factories.make_actor(name="Campus", slug="campus", parent=parent)

    response = client.get("/acteurs/campus/")

    assertNotContains(response, "Groupe brouillon")


@pytest.mark.parametrize("slug", ["brouillon", "inconnu"])
def test_actor_detail_draft_or_unknown_is_404(client, slug):
    factories.make_actor(slug="brouillon", status="draft")

    response = client.get(f"/acteurs/{slug}/")

    assert response.status_code == 404
    assertContains(response, "Page introuvable", status_code=404)


def test_actor_list_reads_the_kind_from_its_class_without_building_an_actor(client):
    factories.make_actor(name="Owkin")
    built = []

    def record(sender, instance, **kwargs):
        if instance.pk is None:
            built.append(instance)

    post_init.connect(record, sender=Actor)
    try:
        response = client.get("/acteurs/")
    finally:
        post_init.disconnect(record, sender=Actor)

    assert texts(response, "h1") == ["Acteurs"]
    assert built == []
