"""A change to a published entry, in a real browser: proposed, previewed, then published.

An editor proposes the change; the public still sees the published page; a reviewer finds it on
the dashboard, reads the differences, previews the page and publishes it.
"""

from playwright.sync_api import expect

from ecosystem.models import Actor
from tests import factories
from tests.browser.test_editor import PASSWORD, log_in

NEW_SUMMARY = "Prise de rendez-vous et téléconsultation, relue avant publication."


def test_editor_proposes_a_change_that_a_reviewer_previews_and_publishes(site, browser):
    editor = factories.make_editor(password=PASSWORD)
    reviewer = factories.make_reviewer(password=PASSWORD)
    actor = Actor.objects.get(slug="doctolib")
    public_url = site.url("/acteurs/doctolib/")
    visitor = browser.new_context(locale="fr-FR").new_page()

    page = log_in(browser, site, editor)
    page.goto(site.url(f"/admin/ecosystem/actor/{actor.pk}/change/"))
    expect(page.get_by_text("votre modification attendra la relecture")).to_be_visible()
    page.locator("#id_summary").fill(NEW_SUMMARY)
    page.get_by_role("button", name="Proposer la modification").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("attend la relecture")
    visitor.goto(public_url)
    expect(visitor.get_by_text(NEW_SUMMARY)).to_have_count(0)

    review = log_in(browser, site, reviewer)
    proposals = review.locator("#dashboard-proposals")
    proposals.get_by_role("link", name="Doctolib").click()
    expect(review.locator("#working-copy-changes")).to_contain_text(NEW_SUMMARY)
    with review.context.expect_page() as opened:
        review.get_by_role("link", name="Aperçu de la page modifiée").click(modifiers=["Shift"])
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.get_by_role("status")).to_contain_text("Modification proposée")
    expect(preview.get_by_text(NEW_SUMMARY).first).to_be_visible()
    preview.close()
    review.get_by_role("button", name="Publier la modification").click()
    expect(review.locator(".messagelist .success")).to_contain_text("est publiée")

    visitor.goto(public_url)
    expect(visitor.get_by_text(NEW_SUMMARY).first).to_be_visible()
    expect(visitor.get_by_role("status")).to_have_count(0)
