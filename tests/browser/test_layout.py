"""Every page type on a phone (375 px) and a desktop (1280 px), and with text at 200 %.

Full-page screenshots of each go to test-artifacts/screenshots/ so that anyone can look at them.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import pages
from tests.browser.conftest import DESKTOP, PHONE

# Text cut off by its box: an element that hides its overflow, yet holds more than it shows.
CLIPPED_TEXT = """() => [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    const hides = [style.overflowX, style.overflowY].some(v => v === 'hidden' || v === 'clip');
    if (!hides || el.closest('.visually-hidden') || !(el.innerText ?? '').trim()) return false;
    return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}).map(el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className : ''))"""


def survey(page, site, *, shots=None, viewport_name=""):
    """Visit every page type, screenshot it into `shots`; {page type: problem} where it
    overflows or clips."""
    problems = {}
    for name, path in pages.page_types().items():
        page.goto(site.url(path))
        if shots:
            page.screenshot(path=shots / f"{name}-{viewport_name}.png", full_page=True)
        if pages.has_horizontal_overflow(page):
            width = page.evaluate("document.documentElement.scrollWidth")
            problems[name] = f"{width} px wide in a {page.viewport_size['width']} px window"
        elif clipped := page.evaluate(CLIPPED_TEXT):
            problems[name] = f"text clipped in {clipped}"
    return problems


@pytest.fixture
def screenshots(artifacts):
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize(("viewport_name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_no_page_overflows_the_screen(site, browser, screenshots, viewport_name, viewport):
    context = browser.new_context(viewport=viewport, locale="fr-FR")

    problems = survey(context.new_page(), site, shots=screenshots, viewport_name=viewport_name)
    context.close()

    assert not problems, problems


def test_text_resized_to_200_percent_loses_nothing(site, browser):
    # The default font size doubled, as a browser's text-only zoom does; the test adds a style
    # sheet of its own, which the site's content security policy would otherwise refuse.
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", bypass_csp=True)
    context.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => {"
        " const style = document.createElement('style');"
        " style.textContent = 'html { font-size: 200% !important; }';"
        " document.head.append(style); });"
    )
    page = context.new_page()
    page.goto(site.url("/"))
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"

    problems = survey(page, site)
    context.close()

    assert not problems, problems


def test_phone_menus_reach_every_section_language_and_search(site, browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(site.url("/"))
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("link")).to_have_count(5)
    for link in nav.get_by_role("link").all():
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
        assert box["height"] >= 24, f"{link.inner_text()}: too small a target"

    nav.get_by_role("link", name="Financements").click()
    expect(page.locator("h1")).to_have_text("Financements")
    expect(nav.get_by_role("link", name="Financements")).to_have_attribute("aria-current", "page")

    page.get_by_role("navigation", name="Choix de la langue").get_by_role(
        "link", name="English"
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.startswith(site.url("/en/"))

    search = page.get_by_role("banner").get_by_role("searchbox")
    expect(search).to_be_in_viewport()
    search.fill("diabète")
    search.press("Enter")
    expect(page.get_by_role("link", name="Diabeloop")).to_be_visible()
    context.close()
