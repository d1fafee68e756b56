"""The RGAA 4.1 criteria a browser can check, on the audit's sample of pages (docs/rgaa/).

Each test names the criteria it covers; docs/rgaa/audit.csv cites the test as its evidence.
axe-core, the Nu checker and the keyboard journeys (test_accessibility, test_validity,
test_keyboard, test_layout) cover the others that can be automated.
"""

import itertools
import re

import pytest
from playwright.sync_api import expect

from tests.browser import pages

# The audit's sample (docs/rgaa/README.md): every page type, the landscape's map and charts.
SAMPLE = {
    "home": "/",
    "actor-list": "/acteurs/",
    "actor-detail": "/acteurs/gleamer/",
    "search": "/recherche/?q=imagerie",
    "tag-list": "/tags/",
    "tag-detail": "/tags/imagerie-medicale/",
    "map": "/carte/",
    "panorama": "/panorama/",
    "network": "/reseau/",
    "statement": "/accessibilite/",
    "not-found": "/acteurs/fiche-inexistante/",
    "admin-login": "/admin/login/",
}
# The word for each shape of the relation graphs (landscape/drawing/graph.py).
KIND_WORDS = {"actor": "acteur", "scheme": "dispositif", "programme": "formation"}
# WCAG 1.4.12's values, which a visitor's style sheet may impose.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
# Boxes that cut their text off: overflow hidden with content larger than the box, the
# visually hidden texts for screen readers aside.
CLIPPED = """() => [...document.querySelectorAll("body *")].filter((element) => {
    const style = getComputedStyle(element);
    if (!["hidden", "clip"].includes(style.overflowX) && !["hidden", "clip"].includes(style.overflowY)) return false;
    if (element.getBoundingClientRect().width <= 1) return false;
    return element.scrollHeight > element.clientHeight + 2 || element.scrollWidth > element.clientWidth + 2;
}).map((element) => element.tagName + "." + element.className)"""
HEADINGS = "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => +h.tagName[1])"


def each_page(page, site):
    for name, path in SAMPLE.items():
        page.goto(site.url(path))
        yield name


def test_sample_has_no_frame_media_new_window_or_single_key_shortcut(site, page):
    """2.1, 2.2, 4.1 to 4.13, 12.10, 13.2: no content they apply to, on any page."""
    found = {}
    for name in each_page(page, site):
        count = page.evaluate(
            "() => document.querySelectorAll('iframe, frame, video, audio, object, embed, "
            "canvas, a[target], form[target], [accesskey]').length"
        )
        if count:
            found[name] = count
    assert found == {}


def test_every_page_has_one_h1_and_headings_that_skip_no_level(site, page):
    """9.1: a title of level 1, and each heading at most one level below the one before."""
    wrong = {}
    for name in each_page(page, site):
        levels = page.evaluate(HEADINGS)
        skipped = [b for a, b in itertools.pairwise(levels) if b > a + 1]
        if levels.count(1) != 1 or levels[0] != 1 or skipped:
            wrong[name] = levels
    assert wrong == {}


def test_every_page_has_a_distinct_title_naming_the_site(site, page):
    """8.5, 8.6: a title, different on each page, that ends with the site's name."""
    titles = {name: page.title() for name in each_page(page, site)}
    assert all(title.endswith("Atlas IA Santé") for title in titles.values()), titles
    assert len(set(titles.values())) == len(titles), titles


@pytest.mark.parametrize("name", ["home", "actor-list", "actor-detail", "map", "panorama"])
def test_content_reflows_at_320_px_without_scrolling_sideways(site, browser, name):
    """10.11: at 320 CSS px (1 280 px zoomed to 400 %), nothing scrolls horizontally."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site.url(SAMPLE[name]))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_text_spacing_set_by_the_visitor_cuts_no_text(site, browser):
    """10.12: WCAG's line, letter, word and paragraph spacing lose no content."""
    # A visitor's own style sheet is not the site's: the policy does not apply to it.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    clipped = {}
    for name in each_page(page, site):
        page.add_style_tag(content=TEXT_SPACING)
        if found := page.evaluate(CLIPPED):
            clipped[name] = found
    context.close()
    assert clipped == {}


def test_skip_link_is_the_first_stop_and_leads_to_the_main_content(site, page):
    """12.7: the first element the keyboard reaches skips to <main>."""
    for path in (pages.page_types()["actor-list"], SAMPLE["map"]):
        page.goto(site.url(path))
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        expect(focused).to_have_text("Aller au contenu")
        target = focused.get_attribute("href")
        assert page.locator(f"main{target}").count() == 1


# Visible fields whose label's box is more than 40 px away from the field's box.
FAR_LABELS = """() => [...document.querySelectorAll("input, select, textarea")].filter((field) => {
    const box = field.getBoundingClientRect();
    if (!box.width || !field.labels || !field.labels.length) return false;
    const label = field.labels[0].getBoundingClientRect();
    if (!label.width) return false;
    const gapX = Math.max(label.left - box.right, box.left - label.right, 0);
    const gapY = Math.max(label.top - box.bottom, box.top - label.bottom, 0);
    return Math.hypot(gapX, gapY) > 40;
}).map((field) => field.name)"""


@pytest.mark.parametrize(
    "name", ["actor-list", "search", "map", "panorama", "network", "admin-login"]
)
def test_every_label_stands_next_to_its_field(site, page, name):
    """11.4: each visible field's label is beside or just above it."""
    page.goto(site.url(SAMPLE[name]))
    assert page.evaluate(FAR_LABELS) == []


@pytest.mark.parametrize("name", ["actor-detail", "network"])
def test_graph_nodes_say_their_kind_in_words_and_a_legend_names_each_shape(site, page, name):
    """10.9, 10.10: the shape of a node is never the only sign of its kind."""
    page.goto(site.url(SAMPLE[name]))
    nodes = page.locator("svg.graph a")
    assert nodes.count() > 1
    for index in range(nodes.count()):
        node = nodes.nth(index)
        shape = node.get_attribute("class").rpartition("--")[2]
        expect(node).to_have_accessible_name(re.compile(rf", {KIND_WORDS[shape]}\b"))
    drawn = set(nodes.evaluate_all("(links) => links.map((link) => link.classList[1])"))
    legend = page.locator(".graph-legend li")
    expect(legend.first).to_be_visible()
    shown = {
        item.locator("g").get_attribute("class").split()[1]: item.inner_text().strip()
        for item in legend.all()
    }
    assert shown == {
        f"graph__node--{shape}": word.capitalize()
        for shape, word in KIND_WORDS.items()
        if f"graph__node--{shape}" in drawn
    }
