"""French counts agree with French rules: « 0 résultat », « 1 fiche », « 2 fiches ».

French is the source language, so gettext would use the source's own rule: singular for 1 only,
English-style. locale/fr gives French its rule (0 and 1 take the singular) for the strings that
have a plural, and nothing else.
"""

import polib
import pytest
from django.conf import settings
from pytest_django.asserts import assertContains

from tests import factories

CATALOGUE = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def po():
    return polib.pofile(CATALOGUE / "django.po")


def test_french_catalogue_declares_the_french_plural_rule(po):
    assert not po.metadata_is_fuzzy
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


def test_french_catalogue_gives_every_plural_its_source_forms_and_translates_nothing_else(po):
    plurals = [entry for entry in po if entry.msgid_plural and not entry.obsolete]
    singulars = [entry for entry in po if not entry.msgid_plural and not entry.obsolete]

    assert plurals
    assert [(e.msgstr_plural[0], e.msgstr_plural[1]) for e in plurals] == [
        (e.msgid, e.msgid_plural) for e in plurals
    ]
    assert [entry.msgid for entry in singulars if entry.msgstr] == []


def test_french_mo_matches_po(po):
    mo = polib.mofile(CATALOGUE / "django.mo")

    assert {(e.msgctxt, e.msgid): dict(e.msgstr_plural) for e in mo} == {
        (e.msgctxt, e.msgid): dict(e.msgstr_plural) for e in po if e.msgid_plural
    }
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actors", "french", "english"),
    [
        (0, "0 résultat", "0 results"),
        (1, "1 résultat", "1 result"),
        (2, "2 résultats", "2 results"),
    ],
)
def test_list_counts_its_results_by_each_languages_rule(client, actors, french, english):
    for number in range(actors):
        factories.make_actor(name=f"Acteur {number}")

    heading = '<h2 id="results-title" class="results__count">{}</h2>'
    assertContains(client.get("/acteurs/"), heading.format(french), html=True)
    assertContains(client.get("/en/actors/"), heading.format(english), html=True)
