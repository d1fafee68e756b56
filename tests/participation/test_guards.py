"""The per-visitor rate limit, behind proxies too, and what happens when the cache fails."""

import pytest
from django.core.cache import cache
from django.test import Client

from participation.models import Proposal, Subscription
from tests import factories
from tests.participation.conftest import correction_data, new_entry_data, started_ago
from tests.servers import free_port

pytestmark = pytest.mark.django_db

NEW_URL = "/participer/proposer/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def post_from(client, address, forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(NEW_URL, new_entry_data(), **headers)


def test_address_over_its_hourly_share_is_refused_with_429(client, settings):
    settings.ATLAS_PARTICIPATION_PER_HOUR = 3

    statuses = [post_from(client, "203.0.113.7").status_code for _ in range(4)]
    other = post_from(client, "203.0.113.8").status_code

    assert statuses == [200, 200, 200, 429]
    assert other == 200
    assert Proposal.objects.count() == 4


def test_refused_forms_do_not_use_up_the_share(client, settings):
    settings.ATLAS_PARTICIPATION_PER_HOUR = 1

    refused = client.post(NEW_URL, new_entry_data(source=""), REMOTE_ADDR="203.0.113.7")
    accepted = post_from(client, "203.0.113.7")

    assert (refused.status_code, accepted.status_code) == (400, 200)


def test_behind_proxies_the_limit_counts_the_address_the_proxy_saw(client, settings):
    settings.ATLAS_PARTICIPATION_PER_HOUR = 2
    settings.ATLAS_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"

    # A visitor who forges the leftmost X-Forwarded-For entry gains nothing.
    same_visitor = [
        post_from(client, proxy, f"198.51.100.{number}, 203.0.113.7").status_code
        for number in range(3)
    ]
    other_visitor = post_from(client, proxy, "203.0.113.9").status_code

    assert same_visitor == [200, 200, 429]
    assert other_visitor == 200


def test_cache_that_does_not_answer_lets_proposals_through(client, settings):
    # A real Redis client pointed at a port where nothing listens: every call fails.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/6",
        },
    }

    response = post_from(client, "203.0.113.7")

    assert response.status_code == 200
    assert Proposal.objects.count() == 1


def test_proposal_pages_are_never_kept_by_the_page_cache(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600

    first = client.get(NEW_URL)
    second = client.get(NEW_URL)
    posts = [post_from(client, "203.0.113.7").status_code for _ in range(2)]

    assert ["no-store" in response["Cache-Control"] for response in (first, second)] == [True] * 2
    assert posts == [200, 200]
    assert Proposal.objects.count() == 2


def test_a_flood_of_proposals_leaves_the_cached_pages_alone(client, settings):
    settings.ATLAS_PAGE_CACHE_SECONDS = 600
    actor = factories.make_actor(name="Nabla")
    visitor = Client()
    pages = [actor.get_absolute_url(), "/acteurs/", "/"]
    for url in pages:
        visitor.get(url)

    for address in ("203.0.113.7", "203.0.113.8", "203.0.113.9"):
        client.post(
            f"/participer/corriger/ecosystem.actor/{actor.slug}/",
            correction_data(),
            REMOTE_ADDR=address,
        )
    post_from(client, "203.0.113.10")

    assert Proposal.objects.count() == 4
    assert [visitor.get(url).wsgi_request.page_cache for url in pages] == ["hit"] * 3


def test_alert_requests_are_rate_limited_too(client, settings):
    settings.ATLAS_PARTICIPATION_PER_HOUR = 1
    url = "/participer/suivre/liste/ecosystem.actor/"
    data = {"email": "ada@example.org", "frequency": "daily", "started": started_ago()}

    statuses = [client.post(url, data, REMOTE_ADDR="203.0.113.7").status_code for _ in range(2)]

    assert statuses == [200, 429]
    assert Subscription.objects.count() == 1
