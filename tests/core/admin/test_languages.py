"""The back-office edits French and English side by side and finds what lacks its English."""

import pytest
from pytest_django.asserts import assertRedirects

from core.models import KeyFigure, PublicationStatus, Tag
from ecosystem.models import Actor
from tests import factories
from tests.html_page import page, text, texts

pytestmark = pytest.mark.django_db

FORM = "actor_form"
DRAFT = PublicationStatus.DRAFT
KEY_FIGURES = "core-keyfigure-content_type-object_id"


def row_of(response, field_name):
    """The names of the inputs on the same line of the form as `field_name`."""
    row = page(response).select_one(f".form-row.field-{field_name}")
    return [field["name"] for field in row.select("input, textarea")]


def test_the_actor_form_puts_each_text_beside_its_english(editor_client):
    actor = factories.make_actor(name="Gleamer")

    response = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/")

    assert row_of(response, "name") == ["name", "name_en"]
    assert row_of(response, "summary") == ["summary", "summary_en"]
    assert row_of(response, "description") == ["description", "description_en"]
    assert [text(label) for label in page(response).select(".field-name label")] == [
        "Nom\N{NO-BREAK SPACE}:",
        "Nom [en]\N{NO-BREAK SPACE}:",
    ]
    headers = texts(response, f"#{KEY_FIGURES}-group thead th")
    assert headers[1:6] == ["Ordre", "Libellé", "Libellé [en]", "Valeur", "Valeur [en]"]


@pytest.mark.parametrize("back_office_language", ["fr", "en"])
def test_saving_the_form_keeps_each_language_in_its_place(editor_client, back_office_language):
    # A draft: an editor's change to a published entry waits for a reviewer.
    actor = factories.make_actor(name="Gleamer", summary="Ancien résumé.", status=DRAFT)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"
    form = editor_client.get(url, HTTP_ACCEPT_LANGUAGE=back_office_language)
    data = factories.posted_form(
        form,
        FORM,
        summary="Lit les radiographies.",
        summary_en="Reads X-rays.",
        **factories.formset_management_data(KEY_FIGURES, total=1),
        **{
            f"{KEY_FIGURES}-0-position": "0",
            f"{KEY_FIGURES}-0-label": "Levée",
            f"{KEY_FIGURES}-0-label_en": "Raised",
            f"{KEY_FIGURES}-0-value": "4,5 M€",
            f"{KEY_FIGURES}-0-value_en": "€4.5m",
        },
    )

    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE=back_office_language)

    assertRedirects(response, "/admin/ecosystem/actor/")
    saved = Actor.objects.get(pk=actor.pk)
    assert (saved.summary_fr, saved.summary_en) == ("Lit les radiographies.", "Reads X-rays.")
    # The column queries read holds the French, whatever the editor's language.
    assert Actor.objects.filter(summary="Lit les radiographies.").count() == 1
    assert list(KeyFigure.objects.values_list("label_fr", "label_en", "value_fr", "value_en")) == [
        ("Levée", "Raised", "4,5 M€", "€4.5m")
    ]


def test_the_english_is_optional_and_the_french_required(editor_client):
    actor = factories.make_actor(name="Gleamer", status=DRAFT)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"
    data = factories.posted_form(editor_client.get(url), FORM, summary="", summary_en="Reads.")

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert texts(response, ".field-summary .errorlist") == ["Ce champ est obligatoire."]


def test_the_missing_translation_filter_lists_what_lacks_its_english(editor_client):
    factories.make_actor(name="Traduit", name_en="Translated", summary="Résumé.", summary_en="Sum.")
    factories.make_actor(name="Sans anglais", summary="Résumé.")
    factories.make_actor(
        name="Description seule",
        name_en="Description only",
        summary="R.",
        summary_en="S.",
        description="Une description.",
    )

    listed = editor_client.get("/admin/ecosystem/actor/", {"traduction_manquante": "en"})
    everything = editor_client.get("/admin/ecosystem/actor/")

    assert texts(listed, "#result_list .field-name") == ["Description seule", "Sans anglais"]
    assert len(texts(everything, "#result_list .field-name")) == 3
    assert "Par traduction manquante" in texts(everything, "#changelist-filter summary")


def test_the_tag_form_edits_both_languages(editor_client):
    tag = factories.make_tag("imagerie médicale")
    url = f"/admin/core/tag/{tag.pk}/change/"
    data = factories.posted_form(
        editor_client.get(url), "tag_form", name_en="medical imaging", description_en="Images."
    )

    assertRedirects(editor_client.post(url, data), "/admin/core/tag/")

    saved = Tag.objects.get(pk=tag.pk)
    assert (saved.name_fr, saved.name_en, saved.description_en) == (
        "imagerie médicale",
        "medical imaging",
        "Images.",
    )


def test_the_history_shows_what_changed_in_english(editor_client):
    actor = factories.make_actor(name="Gleamer", summary="Résumé.", status=DRAFT)
    url = f"/admin/ecosystem/actor/{actor.pk}/change/"
    editor_client.post(url, factories.posted_form(editor_client.get(url), FORM, summary_en="Sum."))

    history = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/history/")

    assert texts(history, ".history-changes li") == ["Résumé [en] : — → Sum."]
