"""Two app servers on one PostgreSQL and one Redis: what an editor changes through one server,
visitors of the other see on their next request."""

import re
import secrets

import pytest
import redis

from tests.servers import (
    Browser,
    form_fields,
    gunicorn,
    manage,
    postgres_answers,
    production_env,
    service_missing,
    throwaway_postgres_database,
)

REDIS_URL = "redis://127.0.0.1:6379/9"
EDITOR_PASSWORD = "mot-de-passe-de-test-assez-long"
CREATE_CONTENT = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from core.publishing.permissions import REVIEWERS_GROUP
from ecosystem.models import Actor
from funding.models import FundingScheme
editor = get_user_model().objects.create_user("editeur", password="{EDITOR_PASSWORD}", is_staff=True)
# A reviewer: unpublishing is theirs to do.
editor.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
actor = Actor.objects.create(
    name="Gleamer", slug="gleamer", kind="company", summary="IA pour la radiographie.",
    status="published",
)
scheme = FundingScheme.objects.create(
    name="France 2030", slug="france-2030", kind="programme", summary="Plan.", status="published",
)
scheme.operators.add(actor)
print(actor.pk)
"""


def _redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture(scope="module")
def shared_services():
    """A new PostgreSQL database and a key prefix of its own in Redis, removed afterwards."""
    missing = [
        name
        for name, answers in [
            ("PostgreSQL at TEST_DATABASE_URL", postgres_answers),
            ("Redis at 127.0.0.1:6379", _redis_answers),
        ]
        if not answers()
    ]
    if missing:
        service_missing(
            f"The shared-cache test needs {' and '.join(missing)}, which did not answer."
        )
    prefix = f"atlas-test-{secrets.token_hex(4)}"
    with throwaway_postgres_database("atlas_shared_cache") as database_url:
        yield {"DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)


@pytest.fixture(scope="module")
def two_servers(shared_services, tmp_path_factory):
    """Servers A and B, two gunicorn workers each, on the same database and cache."""
    folder = tmp_path_factory.mktemp("shared-cache")
    env = production_env(**shared_services, STATIC_ROOT=str(folder / "static"))
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    actor_pk = int(manage("shell", "-c", CREATE_CONTENT, env=env).split()[-1])
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(gunicorn(env=env, log_path=folder / f"{name}.log"))
        yield (*servers, actor_pk)
    finally:
        for server in servers:
            server.stop()


def cache_outcomes(server, path):
    """What the page cache did for each GET of `path` on `server`, in order."""
    return re.findall(rf"atlas\.requests GET {re.escape(path)} \d+ \S+ cache=(\w+)", server.log())


def only_new_name(page):
    """The page names the actor, and every mention of it is the new name."""
    return "Gleamer Santé" in page.text and page.text.count("Gleamer") == page.text.count(
        "Gleamer Santé"
    )


def test_an_edit_through_server_a_shows_through_server_b_at_once(two_servers):
    server_a, server_b, actor_pk = two_servers
    visitor = Browser(server_b.url)
    pages = ["/acteurs/gleamer/", "/acteurs/", "/financements/france-2030/"]
    # Each page twice per worker of B at most: by then both workers have served it from Redis.
    for path in pages:
        for _ in range(3):
            assert "Gleamer" in visitor.get(path).text
        assert "hit" in cache_outcomes(server_b, path)

    editor = Browser(server_a.url)
    editor.log_in("editeur", EDITOR_PASSWORD)
    change_path = f"/admin/ecosystem/actor/{actor_pk}/change/"
    fields = [
        (name, "Gleamer Santé" if name == "name" else value)
        for name, value in form_fields(editor.get(change_path).text, "actor_form")
    ]
    saved = editor.post(change_path, fields)

    assert (saved.status, saved.headers["Location"]) == (302, "/admin/ecosystem/actor/")
    for path in pages:
        page = visitor.get(path)
        assert page.status == 200
        assert only_new_name(page), path
        assert cache_outcomes(server_b, path)[-1] == "miss"


def test_unpublishing_through_server_a_hides_the_entry_on_server_b_at_once(two_servers):
    server_a, server_b, actor_pk = two_servers
    visitor = Browser(server_b.url)
    for _ in range(3):
        assert visitor.get("/acteurs/").status == 200
    assert "hit" in cache_outcomes(server_b, "/acteurs/")

    editor = Browser(server_a.url)
    editor.log_in("editeur", EDITOR_PASSWORD)
    changelist = form_fields(editor.get("/admin/ecosystem/actor/").text, "changelist-form")
    done = editor.post(
        "/admin/ecosystem/actor/",
        {
            "csrfmiddlewaretoken": dict(changelist)["csrfmiddlewaretoken"],
            "action": "unpublish",
            "_selected_action": [actor_pk],
        },
    )

    assert done.status == 302
    assert "Gleamer" not in visitor.get("/acteurs/").text
    assert visitor.get("/acteurs/gleamer/").status == 404
