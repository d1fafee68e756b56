"""A page served from Redis: one round trip, and never stale, whoever stored it last."""

import pytest
from django.core.cache import caches
from redis.connection import Connection

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_trips(monkeypatch):
    """How many times the site has written to Redis and waited for its answer."""
    sent = []
    send = Connection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return send(self, command, check_health)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent


def test_a_page_served_from_redis_costs_one_round_trip(redis_db_10, client, round_trips):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/")  # rendered and stored
    client.get("/acteurs/")  # served; this process learns what the page depends on
    round_trips.clear()

    served = client.get("/acteurs/")

    assert "Owkin" in served.text
    assert len(round_trips) == 1


def test_a_page_stored_again_with_more_entries_is_checked_against_all_of_them(redis_db_10, client):
    factories.make_actor(name="Owkin")
    client.get("/acteurs/")
    client.get("/acteurs/")
    # The list is stored again with an entry more than this process knew it to show …
    second = factories.make_actor(name="Gleamer")
    assert "Gleamer" in client.get("/acteurs/").text
    assert "Gleamer" in client.get("/acteurs/").text

    # … and a change to that entry alone is seen on the next visit.
    second.name = "Gleamer SAS"
    second.save()

    assert "Gleamer SAS" in client.get("/acteurs/").text


def test_values_of_every_kind_come_back_as_they_were_stored(redis_db_10):
    store = caches["default"]
    values = {
        "count": 12,
        "negative": -3,
        "large": 2**70,
        "token": "3f2a9c",
        "digits": "12",
        "flag": True,
        "bytes": b"\x80 not a pickle",
        "page": (b"<html></html>", [("Vary", "Cookie")], {"entry:ecosystem.Actor:1": 2**62 + 1}),
    }
    store.set_many(values)

    assert store.get_many(list(values)) == values
    assert type(store.get("digits")) is str
    # Numbers are kept as Redis integers, which Redis itself can count on.
    assert store.incr("count") == 13


def test_keys_in_redis_are_those_django_makes(redis_db_10, settings):
    redis_store, prefix = redis_db_10
    caches["default"].set("count", 1)
    caches["default"].set("count", 2, version=3)

    assert sorted(redis_store.scan_iter(f"{prefix}:*")) == [
        f"{prefix}:1:count".encode(),
        f"{prefix}:3:count".encode(),
    ]

    # A key function of the project's own is used as Django would.
    settings.CACHES = {
        alias: {**backend, "KEY_FUNCTION": "tests.core.caching.test_redis_hits.key_upside_down"}
        for alias, backend in settings.CACHES.items()
    }
    caches["default"].set("count", 4)

    assert redis_store.getdel(f"COUNT:1:{prefix}") == b"4"


def key_upside_down(key, key_prefix, version):
    return f"{key.upper()}:{version}:{key_prefix}"
