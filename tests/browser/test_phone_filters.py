"""Results first on a phone: the list filters fold above the results, open beside them on a desktop."""

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

IMAGING_ACTORS = "/acteurs/?tag=imagerie-medicale"


def test_phone_shows_the_first_result_above_the_fold_with_filters_folded(site, browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(site.url(IMAGING_ACTORS))

    disclosure = page.locator("details.filters-disclosure")
    expect(disclosure).not_to_have_attribute("open", "")
    expect(disclosure.locator("summary")).to_have_text("Filtrer (1 actif)")
    expect(page.get_by_role("button", name="Appliquer")).to_be_hidden()
    expect(
        page.get_by_role("link", name="Thèmes : imagerie médicale (retirer ce filtre)")
    ).to_be_visible()
    first_card = page.locator(".results .card").first
    assert first_card.bounding_box()["y"] < 800
    context.close()


def test_folded_filters_open_and_filter_without_javascript(site, browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/acteurs/"))

    page.locator("details.filters-disclosure > summary").click()
    page.get_by_role("combobox", name="Type d'acteur").select_option(value="company")
    page.get_by_role("button", name="Appliquer").click()

    expect(page.locator(".results__count")).to_have_text("9 résultats")
    expect(page.locator("details.filters-disclosure > summary")).to_have_text("Filtrer (1 actif)")
    context.close()


def test_desktop_keeps_the_filters_open_beside_the_results(site, browser):
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    page = context.new_page()
    page.goto(site.url("/acteurs/"))

    expect(page.locator("details.filters-disclosure > summary")).to_be_hidden()
    expect(page.get_by_role("button", name="Appliquer")).to_be_visible()
    form = page.get_by_role("search", name="Filtrer la liste").bounding_box()
    results = page.locator(".results").bounding_box()
    assert form["x"] + form["width"] <= results["x"]
    context.close()
