"""Each text in the visitor's language, the French marked lang="fr" where the English is missing."""

import pytest
from django.utils import translation

from core.models import Tag
from tests import factories
from tests.html_page import page, text, texts

pytestmark = pytest.mark.django_db

NOTE = "Not yet translated: part of this page is shown in French."


def languages_of(response, selector):
    """(text, lang attribute or None) of each element `selector` finds."""
    return [(text(element), element.get("lang")) for element in page(response).select(selector)]


def test_an_actor_translated_is_shown_in_english_and_the_french_stays_french(client):
    gleamer = factories.make_actor(
        name="GLEAMER",
        name_en="GLEAMER",
        summary="IA pour la radiographie.",
        summary_en="AI that reads X-rays.",
        description="Texte français.",
        description_en="English text.",
        image_alt="",
    )
    factories.make_key_figure(
        gleamer, label="Abondement France 2030", label_en="France 2030 funding", value="4,5 M€"
    )
    factories.make_source(
        gleamer, title="Article de presse", title_en="Press article", url="https://example.org/a"
    )
    gleamer.tags.add(factories.make_tag("imagerie médicale", name_en="medical imaging"))

    english = client.get("/en/actors/gleamer/")
    french = client.get("/acteurs/gleamer/")

    assert languages_of(english, "h1, .entry-header__summary, .prose") == [
        ("GLEAMER", None),
        ("AI that reads X-rays.", None),
        ("English text.", None),
    ]
    assert languages_of(english, ".figure dt, .figure dd span") == [
        ("France 2030 funding", None),
        # No English written for the value: its French is marked.
        ("4,5 M€", "fr"),
    ]
    assert languages_of(english, ".sources a") == [("Press article", None)]
    assert languages_of(english, ".entry-aside .tag") == [("medical imaging", None)]
    assert texts(english, ".entry-header__untranslated") == [NOTE]
    assert texts(french, "h1, .entry-header__summary, .prose, .figure dt, .sources a") == [
        "GLEAMER",
        "IA pour la radiographie.",
        "Abondement France 2030",
        "Texte français.",
        "Article de presse",
    ]
    assert texts(french, ".entry-header__untranslated") == []


def test_an_actor_fully_translated_has_no_note(client):
    factories.make_actor(name="Owkin", name_en="Owkin", summary="Résumé.", summary_en="Summary.")

    english = client.get("/en/actors/owkin/")

    assert texts(english, ".entry-header__untranslated") == []


def test_an_untranslated_actor_shows_its_french_marked_and_a_note(client):
    factories.make_actor(name="Diabeloop", summary="Pancréas artificiel.", description="Texte.")

    english = client.get("/en/actors/diabeloop/")

    assert languages_of(english, "h1, .entry-header__summary, .prose") == [
        ("Diabeloop", "fr"),
        ("Pancréas artificiel.", "fr"),
        ("Texte.", "fr"),
    ]
    assert texts(english, ".entry-header__untranslated") == [NOTE]


def test_cards_and_tag_pages_follow_the_language(client):
    tag = factories.make_tag(
        "imagerie médicale",
        name_en="medical imaging",
        description="Lire les images.",
        description_en="Reading images.",
    )
    translated = factories.make_actor(
        name="Gleamer", summary="Radiographie.", summary_en="X-rays.", tags=[tag]
    )
    factories.make_key_figure(translated, label="Levée", label_en="Raised", value="4,5 M€")
    factories.make_actor(name="Azmed", summary="Fractures.", tags=[tag])

    listing = client.get("/en/actors/")
    tag_page = client.get("/en/topics/imagerie-medicale/")

    assert languages_of(listing, ".card__title") == [("Azmed", "fr"), ("Gleamer", "fr")]
    assert languages_of(listing, ".card__summary") == [("Fractures.", "fr"), ("X-rays.", None)]
    assert languages_of(listing, ".card__figure span") == [("Raised", None)]
    assert languages_of(listing, ".card .tag") == [("medical imaging", None)] * 2
    assert languages_of(tag_page, "h1, .lead") == [
        ("medical imaging", None),
        ("Reading images.", None),
    ]


def test_a_card_links_each_tag_in_the_page_language_or_marks_its_french(client):
    translated = factories.make_tag("imagerie médicale", name_en="medical imaging")
    untranslated = factories.make_tag("diabète")
    factories.make_actor(name="Gleamer", tags=[translated, untranslated])

    english = client.get("/en/actors/")
    french = client.get("/acteurs/")

    def links(response):
        return [
            (text(link), link.get("lang"), link["href"])
            for link in page(response).select(".card .tag")
        ]

    assert links(english) == [
        ("diabète", "fr", "/en/topics/diabete/"),
        ("medical imaging", None, "/en/topics/imagerie-medicale/"),
    ]
    assert links(french) == [
        ("diabète", None, "/tags/diabete/"),
        ("imagerie médicale", None, "/tags/imagerie-medicale/"),
    ]


def test_a_scheme_and_its_awards_follow_the_language(client):
    actor = factories.make_actor(name="Gleamer")
    scheme = factories.make_scheme(
        name="France 2030",
        eligibility="Entreprises innovantes.",
        eligibility_en="Innovative companies.",
        sectors="Santé\nNumérique",
        sectors_en="Health\nDigital",
    )
    factories.make_award(scheme=scheme, actor=actor, note="Lauréat", note_en="Winner")

    english = client.get("/en/funding/france-2030/")
    actor_page = client.get("/en/actors/gleamer/")

    assert texts(english, "#eligibility-title + .prose") == ["Innovative companies."]
    assert texts(english, "#sectors-title + ul li") == ["Health", "Digital"]
    assert texts(english, ".table--awards td:last-child") == ["Winner"]
    assert "Winner" in texts(actor_page, ".relations .muted")


def test_a_programme_follows_the_language(client):
    factories.make_programme(
        name="DU IA en santé",
        name_en="University diploma in AI for health",
        audience="Médecins.",
        audience_en="Doctors.",
        objectives="Comprendre l'IA\nL'utiliser",
        objectives_en="Understand AI\nUse it",
        prerequisites="Aucun.",
        prerequisites_en="None.",
    )

    english = client.get("/en/training/du-ia-en-sante/")

    assert texts(english, "h1") == ["University diploma in AI for health"]
    assert texts(english, "#objectives-title + ul li") == ["Understand AI", "Use it"]
    assert texts(english, "#audience-title + .prose, #prerequisites-title + .prose") == [
        "Doctors.",
        "None.",
    ]


def test_an_entry_built_while_english_is_active_gets_its_french():
    with translation.override("en"):
        actor = factories.make_actor(name="Owkin", summary="Recherche.")
        tag = Tag(name="radiologie")
        imaging = factories.make_tag("imagerie médicale", name_en="medical imaging")

    assert (actor.name_fr, actor.name_en, actor.summary_fr, actor.summary_en) == (
        "Owkin",
        None,
        "Recherche.",
        None,
    )
    assert (tag.name_fr, tag.name_en) == ("radiologie", None)
    # The slug is made from the French name.
    assert imaging.slug == "imagerie-medicale"
