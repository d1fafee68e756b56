"""The landscape pages in a real browser: journeys through the map and the charts, checks, looks."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ecosystem.models import Actor
from tests.browser.conftest import PHONE
from tests.browser.pages import has_horizontal_overflow
from tests.browser.test_validity import vnu_errors

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANDSCAPE_PAGES = {
    "map": "/carte/",
    "map-filtered": "/carte/?tag=imagerie-medicale&measure=funding",
    "map-invalid": "/carte/?founding_year_min=2020&founding_year_max=2000",
    "map-empty": "/carte/?q=zzzzqqq",
    "en-map": "/en/map/",
    "panorama": "/panorama/",
    "panorama-tag": "/panorama/?tag=imagerie-medicale",
    "panorama-unknown-tag": "/panorama/?tag=theme-inexistant",
    "en-panorama": "/en/overview/",
    "actor-graph": "/acteurs/gleamer/",
    "network": "/reseau/",
    "network-empty": "/reseau/?kind=investor",
    "en-network": "/en/network/",
    "scheme-graph": "/financements/france-2030/",
}


def test_visitor_goes_from_the_list_to_the_map_and_back_to_a_region(site, page):
    page.goto(site.url("/acteurs/?kind=company"))
    page.get_by_role("link", name="Voir ces acteurs sur la carte").click()
    expect(page).to_have_url(site.url("/carte/?kind=company"))
    expect(page.locator("h1")).to_have_text("Carte des acteurs")

    in_paris = Actor.objects.published().filter(kind="company", region="IDF").count()
    region = page.get_by_role("link", name=f"Île-de-France : {in_paris} acteurs")
    region.click()

    expect(page).to_have_url(site.url("/acteurs/?kind=company&region=IDF"))
    expect(page.locator("#results-title")).to_have_text(f"{in_paris} résultats")


def test_keyboard_reaches_every_region_of_the_map(site, page):
    page.goto(site.url("/carte/"))
    regions = page.locator(".choropleth__region")
    expect(regions).to_have_count(18)

    page.locator(".switch a").last.focus()
    names = []
    for _ in range(18):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))

    assert names[0].startswith("Auvergne-Rhône-Alpes\u00a0: ")
    assert names[-1].startswith("Mayotte\u00a0: ")
    assert len(set(names)) == 18


def test_visitor_follows_a_bar_of_the_panorama_to_its_entries(site, page):
    page.goto(site.url("/"))
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Panorama"
    ).click()
    expect(page.locator("h1")).to_have_text("Panorama de l'atlas")

    hospitals = Actor.objects.published().filter(kind="hospital").count()
    chart = page.get_by_role("group", name="Acteurs par type")
    chart.get_by_role("link", name=f"Établissement de santé\u00a0: {hospitals} acteurs").click()

    expect(page).to_have_url(site.url("/acteurs/?kind=hospital"))
    expect(page.locator("#results-title")).to_have_text(f"{hospitals} résultats")


def test_keyboard_goes_through_a_chart_bar_by_bar(site, page):
    page.goto(site.url("/panorama/"))
    chart = page.locator("#actors-by-kind")
    bars = chart.locator(".bars__mark")
    expected = [bars.nth(index).get_attribute("aria-label") for index in range(bars.count())]

    # Start from the chart itself, as a visitor who followed the page's index of charts.
    chart.evaluate("figure => { figure.tabIndex = -1; figure.focus(); }")
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))

    assert reached == expected
    assert len(expected) >= 3


def test_landscape_pages_have_no_wcag_violation_in_either_scheme(site, browser):
    axe = Axe()
    found = {}
    for scheme in ["light", "dark"]:
        context = browser.new_context(color_scheme=scheme, locale="fr-FR")
        page = context.new_page()
        for name, path in LANDSCAPE_PAGES.items():
            page.goto(site.url(path))
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
            for violation in results.response["violations"]:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
                found.setdefault(f"{scheme}:{name}", []).append(f"{violation['id']}: {targets}")
        context.close()

    assert found == {}


def test_landscape_pages_are_valid_html(site, page, artifacts):
    folder = artifacts / "landscape-html"
    folder.mkdir(exist_ok=True)
    files = []
    for name, path in LANDSCAPE_PAGES.items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(page.request.get(site.url(path)).body())

    assert vnu_errors(files) == []


def test_landscape_pages_look_right_on_a_phone_and_a_desktop(site, browser, artifacts):
    for label, viewport in [("phone", PHONE), ("desktop", {"width": 1280, "height": 800})]:
        context = browser.new_context(viewport=viewport, locale="fr-FR")
        page = context.new_page()
        for name in ["map", "map-filtered", "panorama", "scheme-graph", "network"]:
            page.goto(site.url(LANDSCAPE_PAGES[name]))
            assert not has_horizontal_overflow(page), f"{name} at {label}"
            page.screenshot(path=artifacts / f"landscape-{name}-{label}.png", full_page=True)
        context.close()
