"""The public takes part, in a real browser: a visitor proposes a correction, a reviewer
accepts it, publishes the working copy it made, and the public page shows it."""

import re

from playwright.sync_api import expect

from tests import factories
from tests.browser.test_editor import PASSWORD, log_in

NEW_SUMMARY = "Détection des fractures sur les radiographies, corrigée par un visiteur."


def test_visitor_proposes_a_correction_that_a_reviewer_accepts_and_publishes(site, browser, page):
    reviewer = factories.make_reviewer(password=PASSWORD)
    page.goto(site.url("/acteurs/gleamer/"))

    page.get_by_role("link", name="Proposer une correction").click()
    page.get_by_label("Ce qui doit changer").fill("Le résumé est trop vague.")
    page.get_by_label("Résumé corrigé").fill(NEW_SUMMARY)
    page.get_by_label("Source").fill("https://www.gleamer.ai/")
    # A person takes a few seconds to fill the form; faster is refused as a robot.
    page.wait_for_timeout(3000)
    page.get_by_role("button", name="Envoyer la proposition").click()
    expect(page.locator("h1")).to_have_text("Merci, votre proposition est reçue")
    number = re.search(r"numéro (\d+)", page.locator(".lead").inner_text()).group(1)

    review = log_in(browser, site, reviewer)
    review.goto(site.url("/admin/participation/proposal/"))
    review.get_by_role("link", name=f"Proposition n° {number}").click()
    expect(review.locator(".proposal-comparison__changed")).to_contain_text(NEW_SUMMARY)
    review.get_by_role("button", name="Accepter : appliquer à la fiche").click()
    expect(review.locator(".messagelist .success")).to_contain_text("copie de travail")
    page.goto(site.url("/acteurs/gleamer/"))
    expect(page.get_by_text(NEW_SUMMARY)).to_have_count(0)

    review.get_by_role("link", name="Copie de travail à relire").click()
    review.get_by_role("button", name="Publier la modification").click()
    expect(review.locator(".messagelist .success")).to_contain_text("est publiée")

    page.goto(site.url("/acteurs/gleamer/"))
    expect(page.locator(".entry-header__summary")).to_have_text(NEW_SUMMARY)
