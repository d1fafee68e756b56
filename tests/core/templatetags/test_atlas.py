"""Counts read the way each language writes them: « 4 314 fiches », « 4,314 entries »."""

import pytest
from django.utils import translation

from core.templatetags.atlas import entry_count, grouped


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [("fr", 4314, "4\N{NO-BREAK SPACE}314"), ("en", 4314, "4,314"), ("fr", 12, "12")],
)
def test_grouped_writes_thousands_as_the_language_does(language, count, expected):
    with translation.override(language):
        assert grouped(count) == expected


def test_entry_count_agrees_in_number_and_groups_thousands():
    with translation.override("fr"):
        assert [entry_count(n) for n in (0, 1, 4314)] == [
            "0 fiche",
            "1 fiche",
            "4\N{NO-BREAK SPACE}314 fiches",
        ]
    with translation.override("en"):
        assert [entry_count(n) for n in (0, 1, 4314)] == ["0 entries", "1 entry", "4,314 entries"]
