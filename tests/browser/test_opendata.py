"""The open data pages in a real browser: WCAG 2.1 AA (axe) and valid HTML (vnu), both languages.

The whole-suite tests cover them too (tests/browser/pages.py); this one checks them alone.
"""

from tests.browser import pages
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import WCAG_21_AA, report, violations_by_page
from tests.browser.test_layout import CLIPPED_TEXT
from tests.browser.test_validity import vnu_errors

NAMES = ("data", "api-docs", "actor-list")


def open_data_paths():
    french, english = pages.page_types(), pages.english_page_types()
    return {
        **{name: french[name] for name in NAMES},
        **{f"en-{name}": english[name] for name in NAMES},
    }


def test_open_data_pages_pass_axe(site, page):
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    found = violations_by_page(page, site, open_data_paths(), options)
    assert not found, "axe-core (WCAG 2.1 A/AA):\n" + report(found)


def test_open_data_pages_are_valid_html(site, page, artifacts):
    folder = artifacts / "html-opendata"
    folder.mkdir(exist_ok=True)
    files = []
    for name, path in open_data_paths().items():
        files.append(folder / f"{name}.html")
        files[-1].write_bytes(page.request.get(site.url(path)).body())
    assert vnu_errors(files) == []


def test_open_data_pages_fit_a_phone(site, browser, artifacts):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    problems = {}
    for name, path in open_data_paths().items():
        page.goto(site.url(path))
        page.screenshot(path=artifacts / f"opendata-{name}-phone.png", full_page=True)
        if pages.has_horizontal_overflow(page) or page.evaluate(CLIPPED_TEXT):
            problems[name] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert problems == {}
