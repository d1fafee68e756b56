"""The header and footer, rendered once per language: each page still gets its own."""

import pytest

from tests.html_page import page, text

pytestmark = pytest.mark.django_db


def navigation(response):
    """Each link of the main navigation as (text, address, whether it is the current page)."""
    return [
        (text(link), link["href"], link.get("aria-current") == "page")
        for link in page(response).select(".main-nav a")
    ]


def test_header_marks_the_section_of_each_page_in_its_language(client):
    pages = {
        "/acteurs/": [
            ("Acteurs", "/acteurs/", True),
            ("Financements", "/financements/", False),
            ("Formations", "/formations/", False),
            ("Thèmes", "/tags/", False),
            ("Panorama", "/panorama/", False),
        ],
        "/financements/": [
            ("Acteurs", "/acteurs/", False),
            ("Financements", "/financements/", True),
            ("Formations", "/formations/", False),
            ("Thèmes", "/tags/", False),
            ("Panorama", "/panorama/", False),
        ],
        "/en/topics/": [
            ("Actors", "/en/actors/", False),
            ("Funding", "/en/funding/", False),
            ("Training", "/en/training/", False),
            ("Topics", "/en/topics/", True),
            ("Overview", "/en/overview/", False),
        ],
        "/": [
            ("Acteurs", "/acteurs/", False),
            ("Financements", "/financements/", False),
            ("Formations", "/formations/", False),
            ("Thèmes", "/tags/", False),
            ("Panorama", "/panorama/", False),
        ],
    }

    # Twice: the second round is served from what the first kept.
    for _round in range(2):
        for path, expected in pages.items():
            assert navigation(client.get(path)) == expected, path
