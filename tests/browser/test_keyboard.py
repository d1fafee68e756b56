"""Keyboard only: the skip link, a visible focus on every control, no trap, and real use."""

import re

import pytest
from playwright.sync_api import expect

# Every element that Tab should reach, in the page's order. What a closed <details> hides keeps
# its boxes (content-visibility: hidden): checkVisibility() leaves it out, not getClientRects().
FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, details > summary:first-of-type, [tabindex]'
)].filter(el => el.tabIndex >= 0 && el.getClientRects().length > 0
    && el.checkVisibility())"""

# How an element looks where a focus indicator would show: itself and its pseudo-elements.
FOCUS_LOOK = """el => ['', '::before', '::after'].map(pseudo => {
    const style = getComputedStyle(el, pseudo || null);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
            style.backgroundColor, style.textDecorationLine].join(' ');
}).join(' | ')"""

DESCRIBE = """el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} «${
    (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40)}»`"""


def tab_through(page):
    """Press Tab until focus leaves the page. Return how many controls the page has, how each
    looks unfocused, and for each stop: which control, how it looked, what it says."""
    page.evaluate("document.activeElement.blur()")
    focusables = page.evaluate_handle(FOCUSABLE)
    count = focusables.evaluate("list => list.length")
    unfocused = focusables.evaluate(f"list => list.map({FOCUS_LOOK})")
    visited = []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(
            f"""list => {{
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                return {{index: list.indexOf(el), look: ({FOCUS_LOOK})(el),
                         text: ({DESCRIBE})(el)}};
            }}""",
            focusables,
        )
        if state is None:  # focus went on to the browser's own interface: no trap
            break
        visited.append(state)
    return count, unfocused, visited


@pytest.mark.parametrize(
    "path",
    ["/", "/acteurs/", "/acteurs/gleamer/", "/tags/", "/recherche/?q=imagerie", "/accessibilite/"],
)
def test_keyboard_reaches_every_control_with_a_visible_focus_and_no_trap(site, page, path):
    page.goto(site.url(path))

    count, unfocused, visited = tab_through(page)

    assert len(visited) < count + 5, "Tab never leaves the page: a keyboard trap"
    indexes = [stop["index"] for stop in visited]
    assert -1 not in indexes, [stop["text"] for stop in visited if stop["index"] == -1]
    assert indexes == list(range(count)), "Tab order skips or repeats a control"
    invisible = [stop["text"] for stop in visited if stop["look"] == unfocused[stop["index"]]]
    assert not invisible, f"No visible focus on: {invisible}"


def test_keyboard_skip_link_shows_on_focus_and_moves_to_the_content(site, page):
    page.goto(site.url("/acteurs/"))
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#contenu$"))
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is in the content, not back in the header.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def tab_until(page, locator, limit=15):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab do not reach {locator}")


def test_keyboard_filters_a_list_and_opens_an_entry(site, page):
    """Each control works from the keyboard (the test above shows that Tab reaches each one)."""
    page.goto(site.url("/acteurs/"))
    form = page.get_by_role("search", name="Filtrer la liste")

    radiology = form.get_by_role("checkbox", name=re.compile(r"^radiologie "))
    radiology.focus()
    page.keyboard.press("Space")
    expect(radiology).to_be_checked()

    kind = form.get_by_label("Type d'acteur")
    kind.focus()
    # A closed select changes its value with the arrow keys.
    for _ in range(20):
        if kind.input_value() == "company":
            break
        page.keyboard.press("ArrowDown")
    expect(kind).to_have_value("company")
    tab_until(page, form.get_by_role("button", name="Appliquer"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"tag=radiologie.*kind=company"))
    expect(page.locator("#results-title")).to_have_text("3 résultats")

    page.get_by_role("link", name=re.compile("^Type d'acteur : ")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=re.compile("^Type d'acteur : "))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Thèmes : radiologie"))).to_have_count(1)

    page.get_by_role("link", name="GLEAMER", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("GLEAMER")


def test_keyboard_searches_from_the_header(site, page):
    page.goto(site.url("/"))
    tab_until(page, page.get_by_role("banner").get_by_role("searchbox"))
    page.keyboard.type("diabète")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Résultats pour « diabète »")
    expect(page.get_by_role("link", name="Diabeloop")).to_be_visible()
