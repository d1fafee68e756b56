"""The summary and description fields as an editor's browser receives them, before any script."""

from pytest_django.asserts import assertContains

from tests import factories


def test_summary_is_a_short_textarea_held_to_what_cards_show(editor_client):
    form = editor_client.get("/admin/ecosystem/actor/add/")

    assertContains(
        form,
        '<textarea name="summary" cols="40" rows="3" maxlength="300" data-character-limit="300" '
        'data-counter-text="{count} / {limit} caractères" class="vLargeTextField" required '
        'aria-describedby="id_summary_helptext" id="id_summary"></textarea>',
        html=True,
    )
    assertContains(form, '<script src="/static/js/admin_entry_form.js"></script>', html=True)


def test_description_textarea_carries_the_label_of_its_preview(editor_client):
    actor = factories.make_actor(name="Gleamer", description="Premier.\n\nSecond.")

    form = editor_client.get(f"/admin/ecosystem/actor/{actor.pk}/change/")

    assertContains(
        form,
        '<textarea name="description" cols="40" rows="8" '
        'data-preview-label="Aperçu : la description telle qu\'elle se lira" '
        'class="vLargeTextField" aria-describedby="id_description_helptext" '
        'id="id_description">\nPremier.\n\nSecond.</textarea>',
        html=True,
    )
