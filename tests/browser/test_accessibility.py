"""WCAG 2.1 A and AA on every page type, as axe-core finds it, in the light and dark schemes."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import pages

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
axe = Axe()

# axe checks that images have an alt attribute; it cannot tell a file name from a description.
UNHELPFUL_ALT = """() => [...document.images]
    .filter(img => img.alt && img.src.split('/').pop().startsWith(img.alt.trim()))
    .map(img => `image-alt-is-file-name: ${img.src}`)"""


def axe_violations(page, options):
    """« rule (impact): target, target… » for each rule the page breaks."""
    results = axe.run(page, options={"resultTypes": ["violations"], **options})
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def violations_by_page(page, site, paths, options):
    found = {}
    for name, path in paths.items():
        page.goto(site.url(path))
        if violations := axe_violations(page, options) + page.evaluate(UNHELPFUL_ALT):
            found[name] = violations
    return found


def report(found):
    return "\n".join(f"{name}: {violation}" for name, items in found.items() for violation in items)


def test_axe_finds_no_wcag_violation_on_any_page_type(site, page):
    paths = {
        **pages.page_types(),
        "list-with-invalid-filter": "/acteurs/?founding_year_min=2020&founding_year_max=2000",
        "search-without-result": "/recherche/?q=zzzzqqq",
    }

    found = violations_by_page(
        page, site, paths, {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )

    assert not found, "axe-core (WCAG 2.1 A/AA):\n" + report(found)


def test_colours_contrast_enough_in_the_dark_scheme(site, browser):
    context = browser.new_context(color_scheme="dark", locale="fr-FR")
    page = context.new_page()
    page.goto(site.url("/"))
    # The dark scheme is really applied: the page background is dark.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(12, 24, 29)"

    found = violations_by_page(
        page,
        site,
        {**pages.page_types(), "list-with-invalid-filter": "/acteurs/?founding_year_max=1"},
        {"runOnly": {"type": "rule", "values": ["color-contrast"]}},
    )
    context.close()

    assert not found, "axe-core, dark scheme:\n" + report(found)


def test_every_page_says_its_language(site, page):
    for language, paths in [("fr", pages.page_types()), ("en", pages.english_page_types())]:
        for name, path in paths.items():
            if name == "admin-login":
                continue
            html = page.request.get(site.url(path)).text()
            assert f'<html lang="{language}">' in html, f"{language}:{name}"
            # Each language's own name is marked up in that language.
            for code in ["fr", "en"]:
                assert re.search(f'<a [^>]*hreflang="{code}" lang="{code}"', html), (
                    f"{language}:{name}: link to {code}"
                )


def test_filter_form_labels_every_field_and_ties_errors_to_them(site, page):
    page.goto(site.url("/acteurs/?founding_year_min=2020&founding_year_max=2000"))
    form = page.get_by_role("search", name="Filtrer la liste")

    fields = form.locator("input, select")
    for index in range(fields.count()):
        expect(fields.nth(index)).not_to_have_accessible_name("")
    expect(form.get_by_role("group", name=re.compile("^Thèmes"))).to_be_visible()

    invalid = form.get_by_label("Créé jusqu'en")
    expect(invalid).to_have_attribute("aria-invalid", "true")
    expect(invalid).to_have_accessible_description(
        "Le maximum doit être supérieur ou égal au minimum."
    )
    expect(form.get_by_role("alert")).to_have_text(
        "Certains critères ne sont pas valides : corrigez-les pour voir des résultats."
    )
    expect(form.get_by_label("Créé à partir de")).not_to_have_attribute("aria-invalid", "true")
