"""The public pages' cache: served to anonymous visitors, never to editors, never stale."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.caching import dependencies, pages
from core.models import PublicationStatus
from ecosystem.models import Actor
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def signed_in_browser(user):
    """A browser signed in as `user`, as after the sign-in form: with the signed-in cookie.

    force_login() sets the session alone; the back-office's first page adds the cookie.
    """
    browser = Client()
    browser.force_login(user)
    browser.get("/admin/")
    assert "atlas_signed_in" in browser.cookies
    return browser


@pytest.fixture
def editor_browser(editor):
    """An editor's own browser, beside the anonymous visitor's `client`."""
    return signed_in_browser(editor)


@pytest.fixture
def reviewer_browser(reviewer):
    """A reviewer's browser: only reviewers publish and unpublish."""
    return signed_in_browser(reviewer)


def get_counting_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def cached_page(client, url):
    """Visit `url` twice as an anonymous visitor; the second visit must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    second, queries = get_counting_queries(client, url)
    assert (second.status_code, queries) == (200, 0), url
    assert second.content == first.content
    return second


def fresh_page(client, url):
    """Visit `url`, which the database must have answered (the cache held nothing current)."""
    response, queries = get_counting_queries(client, url)
    assert queries > 0, url
    return response


def test_cache_serves_anonymous_visitors_without_touching_the_database(client):
    factories.make_actor(name="Owkin")

    first, first_queries = get_counting_queries(client, "/acteurs/")
    second, second_queries = get_counting_queries(client, "/acteurs/")

    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Cache-Control"] == "max-age=0, s-maxage=600"
    assert second["xkey"] == first["xkey"] == second["Surrogate-Key"]
    # Not « Cookie »: a shared cache keeps one copy for every visitor.
    assert second["Vary"] == first["Vary"] == "Accept-Language"


def test_cache_keeps_each_language_apart(client):
    factories.make_actor(name="Owkin")
    cached_page(client, "/")

    english = client.get("/en/")

    assert (english.status_code, english["Content-Language"]) == (200, "en")
    assert cached_page(client, "/en/")["Content-Language"] == "en"
    assert cached_page(client, "/")["Content-Language"] == "fr"


def test_cache_answers_if_none_match_with_304(client):
    factories.make_actor(name="Owkin")
    etag = cached_page(client, "/acteurs/")["ETag"]

    response, queries = get_counting_queries(client, "/acteurs/", if_none_match=etag)

    assert (response.status_code, queries, response.content) == (304, 0, b"")


def test_cache_answers_if_modified_since_with_304(client):
    factories.make_actor(name="Owkin")
    last_modified = cached_page(client, "/acteurs/")["Last-Modified"]

    response = client.get("/acteurs/", headers={"if_modified_since": last_modified})

    assert response.status_code == 304


def test_cache_is_bypassed_for_a_logged_in_editor(client, editor_browser):
    owkin = factories.make_actor(name="Owkin")
    cached_page(client, "/acteurs/")
    # update() sends no signal: the anonymous copy stays as it was, on purpose here. The name
    # shown is the French column's; the untranslated one is what queries read.
    Actor.objects.filter(pk=owkin.pk).update(name="Owkin France", name_fr="Owkin France")

    editor_pages = [fresh_page(editor_browser, "/acteurs/") for _ in range(2)]
    anonymous_page = client.get("/acteurs/")

    assert all("Owkin France" in page.text for page in editor_pages)
    assert {page["Cache-Control"] for page in editor_pages} == {"private, no-cache"}
    assert "Owkin France" not in anonymous_page.text


def test_cache_never_keeps_what_an_editor_sees(client, editor_browser):
    factories.make_actor(name="Owkin")
    editor_browser.get("/acteurs/")

    fresh_page(client, "/acteurs/")


def test_cache_never_keeps_the_admin_nor_the_health_check(client):
    client.get("/healthz")
    client.get("/admin/login/")

    fresh_page(client, "/healthz")
    # The login page reads no table: that it was rendered again shows it did not come from the cache.
    assert client.get("/admin/login/").templates


def test_cache_is_invalidated_by_an_actor_edit_on_every_page_that_shows_it(client):
    owkin = factories.make_actor(name="Owkin", slug="owkin")
    factories.make_scheme(name="PIA", slug="pia", operators=[owkin])
    pages = ["/acteurs/", "/acteurs/owkin/", "/financements/pia/", "/"]
    for url in pages:
        cached_page(client, url)

    owkin.name = "Owkin France"
    owkin.save()

    for url in pages:
        assert "Owkin France" in fresh_page(client, url).text, url


def test_cache_is_invalidated_by_publishing_a_draft_in_the_admin(client, reviewer_browser):
    draft = factories.make_actor(name="Brouillon devenu public", status=PublicationStatus.DRAFT)
    assert "Brouillon devenu public" not in cached_page(client, "/acteurs/").text

    reviewer_browser.post(
        "/admin/ecosystem/actor/", {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert "Brouillon devenu public" in fresh_page(client, "/acteurs/").text


def test_cache_is_invalidated_by_unpublishing_in_the_admin(client, reviewer_browser):
    actor = factories.make_actor(name="Bientôt retiré", slug="bientot-retire")
    assert "Bientôt retiré" in cached_page(client, "/acteurs/").text
    cached_page(client, "/acteurs/bientot-retire/")

    reviewer_browser.post(
        "/admin/ecosystem/actor/", {"action": "unpublish", "_selected_action": [actor.pk]}
    )

    assert "Bientôt retiré" not in fresh_page(client, "/acteurs/").text
    assert client.get("/acteurs/bientot-retire/").status_code == 404


def test_cache_is_invalidated_by_deleting_an_entry(client):
    actor = factories.make_actor(name="Bientôt supprimé")
    assert "Bientôt supprimé" in cached_page(client, "/acteurs/").text

    actor.delete()

    assert "Bientôt supprimé" not in fresh_page(client, "/acteurs/").text


def test_cache_is_invalidated_by_a_tag_added_to_an_entry(client):
    tag = factories.make_tag("Imagerie médicale")
    # A tag page is public once a published entry carries the tag.
    factories.make_actor(name="Cardiologs", tags=[tag])
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    cached_page(client, "/acteurs/gleamer/")
    cached_page(client, f"/tags/{tag.slug}/")

    actor.tags.add(tag)

    assert "Imagerie médicale" in fresh_page(client, "/acteurs/gleamer/").text
    assert "Gleamer" in fresh_page(client, f"/tags/{tag.slug}/").text


def test_cache_is_invalidated_by_a_source_added(client):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    cached_page(client, "/acteurs/gleamer/")

    factories.make_source(actor, title="Communiqué de presse du 3 mai")

    assert "Communiqué de presse du 3 mai" in fresh_page(client, "/acteurs/gleamer/").text


def test_cache_is_invalidated_by_a_key_figure_added(client):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    cached_page(client, "/acteurs/gleamer/")

    factories.make_key_figure(actor, label="Hôpitaux équipés", value="1 800")

    assert "Hôpitaux équipés" in fresh_page(client, "/acteurs/gleamer/").text


def test_cache_is_invalidated_by_an_award_created(client):
    actor = factories.make_actor(name="Gleamer", slug="gleamer")
    scheme = factories.make_scheme(name="France 2030", slug="france-2030")
    cached_page(client, "/acteurs/gleamer/")
    cached_page(client, "/financements/france-2030/")

    factories.make_award(scheme=scheme, actor=actor)

    assert "France 2030" in fresh_page(client, "/acteurs/gleamer/").text
    assert "Gleamer" in fresh_page(client, "/financements/france-2030/").text


def test_cache_is_invalidated_by_a_member_added(client):
    hub = factories.make_actor(name="Hub", slug="hub", kind="consortium")
    member = factories.make_actor(name="Membre unique")
    cached_page(client, "/acteurs/hub/")

    hub.members.add(member)

    assert "Membre unique" in fresh_page(client, "/acteurs/hub/").text


def test_cache_is_invalidated_by_a_member_removed(client):
    hub = factories.make_actor(name="Hub", slug="hub", kind="consortium")
    member = factories.make_actor(name="Membre unique")
    hub.members.add(member)
    cached_page(client, "/acteurs/hub/")

    hub.members.remove(member)

    assert "Membre unique" not in fresh_page(client, "/acteurs/hub/").text


def test_cache_is_invalidated_by_a_relation_changed_while_its_revision_is_held_back(client):
    """The admin and the import hold an entry's revision back while they save its relations.

    The revision would replace the version too: here the relation's own change must do it.
    """
    hub = factories.make_actor(name="Hub", slug="hub", kind="consortium")
    member = factories.make_actor(name="Membre unique")
    cached_page(client, "/acteurs/hub/")
    hub.skip_history_when_saving = True

    hub.members.add(member)

    assert "Membre unique" in fresh_page(client, "/acteurs/hub/").text


def test_cache_is_invalidated_by_an_operator_added(client):
    scheme = factories.make_scheme(name="Plan", slug="plan")
    operator = factories.make_actor(name="Opérateur unique")
    cached_page(client, "/financements/plan/")

    scheme.operators.add(operator)

    assert "Opérateur unique" in fresh_page(client, "/financements/plan/").text


def test_cache_is_invalidated_by_a_provider_added(client):
    programme = factories.make_programme(name="DU IA", slug="du-ia")
    provider = factories.make_actor(name="Université unique")
    cached_page(client, "/formations/du-ia/")

    programme.providers.add(provider)

    assert "Université unique" in fresh_page(client, "/formations/du-ia/").text


def test_a_change_replaces_its_generations_again_once_committed(
    django_capture_on_commit_callbacks,
):
    owkin = factories.make_actor(name="Owkin")
    key = dependencies.entry_key(Actor, owkin.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        owkin.name = "Owkin France"
        owkin.save()
        during_transaction = dependencies.generations([key])[key]

    for callback in callbacks:
        callback()

    assert callbacks
    assert dependencies.generations([key])[key] != during_transaction


def page_key_of(path):
    """The key the page cache keeps `path` under, in French, as the middleware makes it."""
    request = RequestFactory().get(path)
    request.LANGUAGE_CODE = "fr"
    query, variant = pages.page_query(request)
    pages.use_query(request, query)
    return pages.page_key(request, variant)


@pytest.fixture
def stale_page(client):
    """The address of Gleamer's page, kept, then made stale: Gleamer is now « Gleamer SAS »."""
    actor = factories.make_actor(name="Gleamer")
    url = actor.get_absolute_url()
    client.get(url)
    actor.name = "Gleamer SAS"
    actor.save()
    return url


def test_a_page_made_again_elsewhere_is_answered_by_its_last_copy_meanwhile(client, stale_page):
    # Another process has started to make the page again.
    locks = pages.start_rendering(page_key_of(stale_page))
    assert locks

    meanwhile = client.get(stale_page)

    assert "Gleamer SAS" not in meanwhile.text
    assert "<h1>Gleamer</h1>" in meanwhile.text.replace("\n", "")
    # Kept by no shared cache, and never stored in place of the page being made.
    assert "private" in meanwhile["Cache-Control"]
    pages.done_rendering(locks)
    assert "Gleamer SAS" in client.get(stale_page).text


def test_a_busy_server_answers_other_stale_pages_with_their_last_copy(client, settings, stale_page):
    settings.ATLAS_STALE_RENDERS = 1
    # Another worker of this server is making another stale page again.
    locks = pages.start_rendering(page_key_of("/acteurs/"))
    assert locks

    meanwhile = client.get(stale_page)
    # A page never kept has no copy to answer with: it is made at once.
    newcomer = factories.make_actor(name="Lifen")
    first_visit = client.get(newcomer.get_absolute_url())

    assert "Gleamer SAS" not in meanwhile.text
    assert "private" in meanwhile["Cache-Control"]
    assert "Lifen" in first_visit.text
    pages.done_rendering(locks)
    assert "Gleamer SAS" in client.get(stale_page).text


def test_a_stale_copy_answers_for_a_second_at_most(client, time_machine, stale_page):
    time_machine.move_to(timezone.now(), tick=False)
    # A process started to make the page again, and never finished (it was stopped).
    assert pages.start_rendering(page_key_of(stale_page))

    time_machine.shift(pages.RENDER_LOCK_SECONDS + 0.1)

    assert "Gleamer SAS" in client.get(stale_page).text
