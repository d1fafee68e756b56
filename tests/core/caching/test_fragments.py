"""Cards kept apart from the pages that show them: a page made again renders only what changed.

Outside the tests' transactions, as on a server (nothing is kept inside one), with the page cache
on. Which cards a page rendered is read from Django's template_rendered signal, the one the test
client uses to list a response's templates.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from core.caching import dependencies as deps
from core.caching.fragments import kept_fragments, rendering_since
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CARD = "includes/entry_card.html"


@pytest.fixture(autouse=True)
def cached(page_cache):
    for cache in caches.all():
        cache.clear()


def visit(client, url):
    """(the page's HTML, how many cards it rendered)."""
    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(count)
    assert response.status_code == 200
    return response.text, rendered.count(CARD)


@pytest.fixture
def actors():
    return [
        factories.make_actor(name=name, summary=f"Résumé de {name}.", tags=["Imagerie"])
        for name in ("Gleamer", "Owkin", "Doctolib")
    ]


def test_another_page_with_the_same_entries_renders_none_of_their_cards(client, actors):
    _, first = visit(client, "/acteurs/")
    page, again = visit(client, "/acteurs/?sort=newest")

    assert (first, again) == (3, 0)
    assert page.count('<article class="card">') == 3
    assert "Résumé de Owkin." in page


def test_after_an_edit_only_the_changed_card_is_rendered_again(client, actors):
    visit(client, "/acteurs/")
    gleamer = actors[0]
    gleamer.summary = "Imagerie médicale assistée."
    gleamer.save()

    page, rendered = visit(client, "/acteurs/")

    assert rendered == 1
    assert "Imagerie médicale assistée." in page
    assert "Résumé de Gleamer." not in page
    assert "Résumé de Owkin." in page


def test_after_an_edit_only_the_changed_cards_tags_are_read(client, actors):
    visit(client, "/acteurs/")
    gleamer = actors[0]
    gleamer.summary = "Imagerie médicale assistée."
    gleamer.save()

    with CaptureQueriesContext(connection) as queries:
        page, _ = visit(client, "/acteurs/")

    taggings = [q["sql"] for q in queries if '"core_taggedentry"' in q["sql"]]
    assert len(taggings) == 1
    assert f"IN ({gleamer.pk}))" in taggings[0]
    assert page.count(">Imagerie</a>") == 3


def test_a_renamed_tag_is_shown_on_every_card_that_carries_it(client, actors):
    visit(client, "/acteurs/")
    imaging = actors[0].tags.get()
    imaging.name = "Imagerie médicale"
    imaging.save()

    page, rendered = visit(client, "/acteurs/?sort=newest")

    assert rendered == 3
    assert page.count(">Imagerie médicale</a>") == 3


def test_each_language_has_its_own_cards(client, actors):
    visit(client, "/acteurs/")

    page, rendered = visit(client, "/en/actors/")

    assert rendered == 3
    assert 'href="/en/actors/gleamer/"' in page


def test_a_card_rendered_while_its_entry_changed_is_not_kept(actors):
    gleamer = actors[0]
    renders = []

    def render(entry):
        renders.append(entry.pk)
        # An editor's save commits between the read of the rows and the store of the card.
        factories.make_actor(name=f"Autre {len(renders)}")
        return entry.name

    def keep(snapshot):
        with rendering_since(snapshot):
            return kept_fragments(
                [gleamer],
                name=lambda entry: f"card:{entry.pk}",
                depends_on=lambda entry: [deps.entry_key(type(entry), entry.pk)],
                render=render,
                prepare=list,
            )

    assert keep(deps.Snapshot()) == ["Gleamer"]
    assert keep(deps.Snapshot()) == ["Gleamer"]
    assert renders == [gleamer.pk, gleamer.pk]
