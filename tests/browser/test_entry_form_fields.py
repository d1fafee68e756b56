"""The summary's live counter and the description's preview (static/js/admin_entry_form.js)."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.test_editor import PASSWORD, log_in

SUMMARY = "Start-up lyonnaise qui aide les radiologues à lire les IRM."


def test_summary_counts_its_characters_as_the_editor_types(site, browser):
    page = log_in(browser, site, factories.make_editor(password=PASSWORD))
    page.goto(site.url("/admin/ecosystem/actor/add/"))
    counter = page.locator("#id_summary_counter")

    expect(counter).to_have_text("0 / 300 caractères")
    page.locator("#id_summary").fill(SUMMARY)
    expect(counter).to_have_text(f"{len(SUMMARY)} / 300 caractères")
    page.locator("#id_summary").fill("x" * 400)
    # The field keeps what a card shows: the browser stops at the limit.
    expect(counter).to_have_text("300 / 300 caractères")
    expect(page.locator("#id_summary")).to_have_attribute(
        "aria-describedby", "id_summary_helptext id_summary_counter"
    )
    page.context.close()


def test_description_preview_sets_the_paragraphs_as_the_public_page(site, browser):
    page = log_in(browser, site, factories.make_editor(password=PASSWORD))
    page.goto(site.url("/admin/ecosystem/actor/add/"))
    preview = page.get_by_role("region", name="Aperçu : la description telle qu'elle se lira")

    expect(preview).to_be_hidden()
    page.locator("#id_description").fill("Fondée à Lyon.\nDeux associés.\n\nUne levée en 2024.")
    expect(preview.locator("p")).to_have_count(2)
    expect(preview.locator("p").nth(0)).to_have_text("Fondée à Lyon.Deux associés.")
    expect(preview.locator("p").nth(0).locator("br")).to_have_count(1)
    expect(preview.locator("p").nth(1)).to_have_text("Une levée en 2024.")
    page.context.close()
