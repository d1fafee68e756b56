"""Read a page as a visitor sees it: the cards listed, the choices offered, the words shown.

Tests assert on these rather than on the view's context: a bug in a template, a cached page or
a middleware shows in the HTML and nowhere else.
"""

import re

from bs4 import BeautifulSoup, Tag

# White space as HTML collapses it: the no-break spaces of French typography stay.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def page(response):
    """The parsed HTML of `response` (a test client's response, a tests.servers.Page, a part)."""
    if isinstance(response, Tag):
        return response
    body = response.text if hasattr(response, "text") else response.content.decode()
    return BeautifulSoup(body, "html.parser")


def text(element):
    """The text of `element` as shown, its runs of white space made single spaces."""
    return HTML_SPACE.sub(" ", element.get_text()).strip()


def texts(response, selector):
    """The text of each element that `selector` (CSS) finds, in the page's order."""
    return [text(element) for element in page(response).select(selector)]


def card_names(response):
    """The names of the entries listed as cards, in the order shown."""
    return texts(response, ".card__title a")


def facet(response, name):
    """The choices the filter form offers for `name`, as {value: label}, blank choice aside."""
    html = page(response)
    select = html.select_one(f'select[name="{name}"]')
    if select is not None:
        return {
            option["value"]: text(option) for option in select.select("option") if option["value"]
        }
    return {
        box["value"]: text(box.find_parent("label"))
        for box in html.select(f'input[type="checkbox"][name="{name}"]')
    }


def chosen(response, name):
    """The values of `name` the filter form shows as chosen (selected or checked)."""
    html = page(response)
    options = html.select(f'select[name="{name}"] option[selected]')
    boxes = html.select(f'input[type="checkbox"][name="{name}"][checked]')
    return [element["value"] for element in [*options, *boxes]]


def chips(response):
    """The active filters shown as chips: (their text, the query they link to)."""
    return [
        (text(chip), chip["href"])
        for chip in page(response).select(".chips a.chip:not(.chip--reset)")
    ]
