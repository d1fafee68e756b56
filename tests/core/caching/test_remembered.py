"""Counts and filter forms kept until the content changes, outside the tests' transactions.

Everywhere else the tests run inside a transaction, where nothing is kept (core.public.selectors
.remembered): here each request commits, as on a server.
"""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import PublicationStatus
from ecosystem.models import ActorKind
from tests import factories, html_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in caches.all():
        cache.clear()


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.text, len(queries)


def test_a_list_keeps_its_counts_and_form_until_the_content_changes(client):
    for name in ("Gleamer", "Owkin"):
        factories.make_actor(name=name, kind=ActorKind.COMPANY)

    first, first_queries = visit(client, "/acteurs/")
    again, again_queries = visit(client, "/acteurs/")
    factories.make_actor(name="Doctolib", kind=ActorKind.COMPANY)
    changed, _ = visit(client, "/acteurs/")

    assert again == first
    assert again_queries < first_queries
    assert "Start-up ou entreprise (2)" in first
    assert "Start-up ou entreprise (3)" in changed


def test_a_kept_filter_form_shows_each_visitors_sort_order_and_language(client):
    factories.make_actor(name="Gleamer", kind=ActorKind.COMPANY)
    visit(client, "/acteurs/")

    newest, _ = visit(client, "/acteurs/?sort=newest")
    english, _ = visit(client, "/en/actors/")

    assert '<option value="newest" selected>Ajouts les plus récents</option>' in newest
    assert "Start-up or company (1)" in english
    assert "Start-up ou entreprise" not in english


def test_a_filter_form_with_errors_is_never_kept(client):
    factories.make_actor(name="Gleamer", kind=ActorKind.COMPANY)

    wrong, _ = visit(client, "/acteurs/?founding_year_min=abc")
    right, _ = visit(client, "/acteurs/")

    assert "Saisissez un nombre." in wrong
    assert "Saisissez un nombre." not in right


def test_a_new_name_keeps_the_counts_and_a_new_kind_counts_again(client):
    gleamer = factories.make_actor(name="Gleamer", kind=ActorKind.COMPANY)
    factories.make_actor(name="Owkin", kind=ActorKind.COMPANY)
    _, first_queries = visit(client, "/acteurs/")

    gleamer.name = "Gleamer Santé"
    gleamer.save()
    renamed, renamed_queries = visit(client, "/acteurs/")
    gleamer.kind = ActorKind.HOSPITAL
    gleamer.save()
    moved, _ = visit(client, "/acteurs/")

    assert "Gleamer Santé" in renamed
    assert renamed_queries < first_queries
    assert "Start-up ou entreprise (2)" in renamed
    assert "Start-up ou entreprise (1)" in moved


def test_a_renamed_operator_is_renamed_in_the_kept_filter_form(client):
    owkin = factories.make_actor(name="Owkin", slug="owkin")
    factories.make_scheme(name="PIA", operators=[owkin])
    visit(client, "/financements/")

    owkin.name = "Owkin France"
    owkin.save()
    page, _ = visit(client, "/financements/")

    form = page[page.index('<form class="filters"') :]
    assert "Owkin France (1)" in form[: form.index("</form>")]


def test_data_page_recounts_on_a_new_award_or_tag_and_not_on_a_renaming(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    actor = factories.make_actor(name="Gleamer")
    scheme = factories.make_scheme(name="France 2030")
    page = client.get("/donnees/").content.decode()
    assert "<li>Financements attribués : 0</li>" in page
    assert "<li>Thèmes : 0</li>" in page

    factories.make_award(scheme=scheme, actor=actor, year=2024)
    actor.tags.add("Imagerie")
    page = client.get("/donnees/").content.decode()
    assert "<li>Financements attribués : 1</li>" in page
    assert "<li>Thèmes : 1</li>" in page

    actor.name = "Gleamer SAS"
    actor.save()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/donnees/")
    assert again.wsgi_request.page_cache == "miss"  # the package may have changed
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def related_tags_of(page):
    section = page[page.index('id="related-title"') :]
    return section[: section.index("</section>")]


def test_a_tag_page_keeps_its_related_tags_on_a_renaming_not_on_a_new_tagging(client):
    actor = factories.make_actor(name="Gleamer", tags=["Imagerie", "Oncologie"])
    page, _ = visit(client, "/tags/imagerie/")
    assert "Oncologie" in related_tags_of(page)

    actor.name = "Gleamer SAS"
    actor.save()
    with CaptureQueriesContext(connection) as queries:
        page, _ = visit(client, "/tags/imagerie/")
    assert "Gleamer SAS" in page
    # Counting the tags carried together is the page's costliest query: not run again.
    assert not [q for q in queries if 'FROM "core_tag"' in q["sql"] and "COUNT(" in q["sql"]]

    actor.tags.add("Radiologie")
    page, _ = visit(client, "/tags/imagerie/")
    assert "Radiologie" in related_tags_of(page)


def test_a_tag_is_reachable_only_while_a_published_entry_carries_it(client):
    gleamer = factories.make_actor(
        name="Gleamer", status=PublicationStatus.DRAFT, tags=["Génomique"]
    )
    factories.make_actor(name="Owkin", tags=["Imagerie"])
    visit(client, "/tags/imagerie/")  # which tags are published is kept from here on

    drafts_only = client.get("/tags/genomique/")
    drafts_only_list = client.get("/acteurs/?tag=genomique")
    gleamer.status = PublicationStatus.PUBLISHED
    gleamer.save()
    published = client.get("/tags/genomique/")
    published_list = client.get("/acteurs/?tag=genomique")
    gleamer.status = PublicationStatus.DRAFT
    gleamer.save()
    withdrawn = client.get("/tags/genomique/")

    assert (drafts_only.status_code, withdrawn.status_code) == (404, 404)
    assert "Génomique" not in drafts_only_list.text
    assert html_page.texts(drafts_only_list, ".card__title a") == []
    assert html_page.text(html_page.page(published).h1) == "Génomique"
    assert html_page.texts(published_list, ".card__title a") == ["Gleamer"]


def test_a_tag_given_to_a_published_entry_becomes_reachable(client):
    owkin = factories.make_actor(name="Owkin", tags=["Imagerie"])
    factories.make_actor(name="Gleamer", status=PublicationStatus.DRAFT, tags=["Génomique"])
    before = client.get("/acteurs/?tag=genomique")

    owkin.tags.add("Génomique")
    after = client.get("/acteurs/?tag=genomique")

    assert html_page.texts(before, ".card__title a") == []
    assert html_page.texts(after, ".card__title a") == ["Owkin"]


def test_search_finds_a_tag_once_a_published_entry_carries_it(client):
    gleamer = factories.make_actor(
        name="Gleamer", status=PublicationStatus.DRAFT, tags=["Génomique"]
    )
    factories.make_actor(name="Owkin", tags=["Imagerie"])
    before = client.get("/recherche/?q=genomique")

    gleamer.status = PublicationStatus.PUBLISHED
    gleamer.save()
    after = client.get("/recherche/?q=genomique")

    assert html_page.texts(before, "h2") == ["Que chercher\xa0?"]
    assert html_page.texts(after, "h2") == ["Étiquettes (1)"]
    assert 'href="/tags/genomique/"' in after.text


def test_kept_counts_count_an_entry_once_its_scheduled_publication_comes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    factories.make_actor(name="Gleamer", kind=ActorKind.COMPANY)
    factories.make_actor(
        name="Futur", kind=ActorKind.COMPANY, publish_at=timezone.now() + timedelta(minutes=10)
    )
    visit(client, "/acteurs/")
    # Read again: the process now knows what the counts depend on, and reads all in one go.
    before, _ = visit(client, "/acteurs/")

    time_machine.shift(timedelta(minutes=10, seconds=1))
    after, _ = visit(client, "/acteurs/")

    assert "Start-up ou entreprise (1)" in before
    assert "Start-up ou entreprise (2)" in after
    assert "Futur" in after


def test_the_network_keeps_its_figure_until_an_entry_it_shows_changes(client):
    hub = factories.make_actor(name="Hub", kind=ActorKind.CONSORTIUM)
    hub.members.add(factories.make_actor(name="Alpha"))
    factories.make_actor(name="Isolé")
    visit(client, "/reseau/")

    kept, kept_queries = visit(client, "/reseau/")
    hub.name = "Hub renommé"
    hub.save()
    renamed, _ = visit(client, "/reseau/")
    factories.make_actor(name="Beta").members.add(hub)
    linked, _ = visit(client, "/reseau/")

    assert kept_queries == 0
    assert ">Hub</a>" in kept
    assert ">Hub renommé</a>" in renamed
    assert ">Beta</a>" not in renamed
    assert ">Beta</a>" in linked


def test_theme_menus_offer_a_theme_once_a_published_entry_carries_it(client):
    factories.make_actor(name="Gleamer", tags=["Imagerie"])
    visit(client, "/panorama/")
    before, _ = visit(client, "/panorama/")

    factories.make_actor(name="Owkin", tags=["Oncologie"])
    after, _ = visit(client, "/panorama/")

    assert '<option value="oncologie">' not in before
    assert '<option value="oncologie">Oncologie (1)</option>' in after
