"""An editor's journey: from the login form to a new actor on the public site and in history.

The editor writes a draft and previews it; a reviewer publishes it; the public then sees it.
"""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests import factories

PASSWORD = "mot-de-passe-de-test"
NAME = "Radiologie Augmentée Lyon"
SLUG = "radiologie-augmentee-lyon"
ALT = "Logo de Radiologie Augmentée Lyon : un œil stylisé"
FIGURE = "12\N{NO-BREAK SPACE}M€"


def png_file(width=800, height=450):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return {"name": "logo-ral.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def log_in(browser, site, user):
    """A browser of its own for `user`, logged in through the form."""
    page = browser.new_context(locale="fr-FR").new_page()
    page.goto(site.url("/admin/"))
    expect(page).to_have_url(re.compile("/admin/login/"))
    page.get_by_label("Nom d’utilisateur").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator("#site-name")).to_have_text("Atlas IA Santé — espace éditeurs")
    return page


def inline_field(page, model, field):
    return page.locator(f'[name="core-{model}-content_type-object_id-0-{field}"]')


def choose_tag(page, typed, label):
    """Type `typed` in the tags' autocomplete and choose the suggestion `label`."""
    page.locator(".field-tags .select2-selection").click()
    page.locator(".field-tags .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=label).click()
    expect(page.locator(".field-tags .select2-selection__choice", has_text=label)).to_be_visible()


def save_and_continue(page, message):
    page.locator('[name="_continue"]').first.click()
    expect(page.locator(".messagelist .success")).to_contain_text(message)


def expect_public_page(page):
    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator(".figure dt")).to_have_text("Levée de fonds")
    expect(page.locator(".figure dd")).to_have_text(FIGURE)
    expect(
        page.get_by_role("complementary").get_by_role("list", name="Thèmes").get_by_role("link")
    ).to_have_text(["imagerie médicale", "radiologie"])
    image = page.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the image is broken"


def test_editor_writes_a_draft_previews_it_and_sees_it_published_and_in_history(site, browser):
    editor = factories.make_editor(password=PASSWORD)
    reviewer = factories.make_reviewer(password=PASSWORD)
    page = log_in(browser, site, editor)

    # The list of models, below the dashboard (which links each kind too).
    page.locator("#ecosystem-actor").get_by_role("link", name="Acteurs", exact=True).click()
    page.get_by_role("link", name=re.compile("^Ajouter acteur", re.IGNORECASE)).click()
    expect(page).to_have_url(site.url("/admin/ecosystem/actor/add/"))
    page.locator("#id_name").fill(NAME)
    page.keyboard.press("Tab")
    page.locator("#id_kind").select_option("company")
    # The address follows the name as the editor types it.
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_summary").fill("Start-up lyonnaise qui aide les radiologues à lire les IRM.")
    choose_tag(page, "imagerie medic", "imagerie médicale (Technologies)")
    choose_tag(page, "RADIO", "radiologie (Soins et parcours)")
    page.locator("#id_image").set_input_files(png_file())
    page.locator("#id_image_alt").fill(ALT)
    inline_field(page, "keyfigure", "label").fill("Levée de fonds")
    inline_field(page, "keyfigure", "value").fill(FIGURE)
    expect(page.locator("#id_status")).to_have_value("draft")
    save_and_continue(page, "a été ajouté avec succès")

    # The draft: the editor previews it at its public address; the public does not see it.
    public_url = site.url(f"/acteurs/{SLUG}/")
    visitor = browser.new_context(locale="fr-FR")
    assert visitor.request.get(public_url).status == 404
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Aperçu").click(modifiers=["Shift"])
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview).to_have_url(public_url)
    expect(preview.get_by_role("status")).to_contain_text("Brouillon — aperçu réservé à l'équipe")
    expect_public_page(preview)
    preview.close()

    page.locator("#id_status").select_option("review")
    save_and_continue(page, "a été modifié avec succès")
    assert visitor.request.get(public_url).status == 404

    # A reviewer publishes it.
    review = log_in(browser, site, reviewer)
    review.goto(site.url("/admin/ecosystem/actor/?status__exact=review"))
    review.get_by_role("link", name=NAME).click()
    review.locator("#id_status").select_option("published")
    save_and_continue(review, "a été modifié avec succès")
    review.context.close()

    public = visitor.new_page()
    public.goto(public_url)
    expect(public.get_by_role("status")).to_have_count(0)
    expect_public_page(public)
    public.goto(site.url("/acteurs/?tag=radiologie"))
    expect(public.get_by_role("link", name=NAME)).to_be_visible()
    visitor.close()

    page.get_by_role("link", name="Historique").click()
    # The revisions, newest first, each with its author and what it changed.
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(reviewer.username)
    expect(rows.nth(0)).to_contain_text("Statut de publication : En relecture → Publié")
    expect(rows.nth(1)).to_contain_text(editor.username)
    expect(rows.nth(1)).to_contain_text("Statut de publication : Brouillon → En relecture")
    expect(rows.nth(2)).to_contain_text(editor.username)
    expect(rows.nth(2)).to_contain_text("Créé")
    page.context.close()
