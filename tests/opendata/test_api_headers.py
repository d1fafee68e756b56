"""What the API says in its headers: validators and 304, CORS, the rate limit, bounded queries."""

import secrets

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from tests import factories

pytestmark = pytest.mark.django_db

# Redis database 15 is this branch's own (see the brief); keys are prefixed per test run.
REDIS = "redis://127.0.0.1:6379/15"


def redis_cache():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": f"test-opendata-{secrets.token_hex(4)}",
        },
        "content_version": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def test_detail_and_list_answer_a_conditional_get_with_304(client):
    actor = factories.make_actor(name="Gleamer")
    detail = client.get("/api/v1/actors/gleamer/")
    assert detail["Last-Modified"] == http_date(actor.updated_at.timestamp())
    assert (
        client.get("/api/v1/actors/gleamer/", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    )
    assert (
        client.get(
            "/api/v1/actors/gleamer/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]
        ).status_code
        == 304
    )
    listing = client.get("/api/v1/actors/")
    assert client.get("/api/v1/actors/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304

    actor.summary = "Un autre résumé."
    actor.save()
    assert client.get("/api/v1/actors/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 200


def test_any_origin_may_read_the_api_but_not_the_site(client):
    factories.make_actor(name="Gleamer")
    response = client.get("/api/v1/actors/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]

    preflight = client.options(
        "/api/v1/actors/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"

    problem = client.get("/api/v1/actors/?kind=robot", HTTP_ORIGIN="https://example.org")
    assert problem["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/acteurs/")


def test_a_client_past_the_rate_limit_gets_429_with_retry_after(client):
    with override_settings(ATLAS_API_RATE_LIMIT="3/minute", CACHES=redis_cache()):
        statuses = [client.get("/api/v1/tags/").status_code for _ in range(4)]
        refused = client.get("/api/v1/tags/", HTTP_ACCEPT_LANGUAGE="en")
        other_client = client.get("/api/v1/tags/", REMOTE_ADDR="192.0.2.7")

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["title"] == "Too many requests"
    assert other_client.status_code == 200


def test_the_api_still_answers_when_the_cache_fails(client):
    factories.make_actor(name="Gleamer")
    # Nothing listens on port 1: every cache call fails.
    broken = {
        **redis_cache(),
        "default": {**redis_cache()["default"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    with override_settings(ATLAS_API_RATE_LIMIT="1/minute", CACHES=broken):
        statuses = [client.get("/api/v1/actors/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def make_atlas():
    """One hub actor, one plan and one tag that every added entry relates to, and a draft."""
    shared = factories.make_tag("Commun")
    hub = factories.make_actor(name="Hub", tags=[shared])
    plan = factories.make_scheme(name="Plan", operators=[hub], tags=[shared])
    factories.make_actor(status="draft", parent=hub)
    return shared, hub, plan


def grow(atlas, count):
    """`count` entries of each kind, each with tags, a source, a figure and relations."""
    shared, hub, plan = atlas
    for _ in range(count):
        actor = factories.make_actor(parent=hub, tags=[shared, factories.make_tag()])
        hub.members.add(actor)
        factories.make_source(actor)
        factories.make_key_figure(actor)
        scheme = factories.make_scheme(parent=plan, operators=[actor, hub], tags=[shared])
        factories.make_source(scheme)
        factories.make_award(scheme=scheme, actor=actor, amount_eur=10)
        factories.make_programme(providers=[hub, actor], tags=[shared])


API_URLS = [
    "/api/v1/actors/",
    "/api/v1/actors/?tag=commun&sort=updated&q=acteur",
    "/api/v1/actors/hub/",
    "/api/v1/funding-schemes/",
    "/api/v1/funding-schemes/plan/",
    "/api/v1/awards/",
    "/api/v1/training-programmes/",
    "/api/v1/tags/",
    "/api/v1/tags/commun/",
]


def count_queries(client):
    for url in API_URLS:
        # Once first, so that the content types are in Django's own cache for both counts.
        client.get(url)
    counts = {}
    for url in API_URLS:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_every_endpoint_runs_as_many_queries_for_5_as_for_50_entries(
    client, django_assert_max_num_queries
):
    atlas = make_atlas()
    grow(atlas, 5)
    small = count_queries(client)
    grow(atlas, 45)
    assert count_queries(client) == small
    for url in API_URLS:
        with django_assert_max_num_queries(8):
            client.get(url)
