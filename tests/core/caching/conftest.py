"""Real Redis servers for the cache tests: the machine's, one of our own with a tiny memory cap,
and none."""

import secrets
import shutil
import subprocess
import time

import pytest
import redis

from tests.servers import free_port

REDIS_DB_10 = "redis://127.0.0.1:6379/10"


def redis_cache(url):
    """The site's Redis cache settings (config/settings/base.py) pointed at `url`."""
    backend = {
        "BACKEND": "core.caching.backends.ForgivingRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    return {"default": backend, "generations": backend}


@pytest.fixture
def full_redis(tmp_path):
    """A redis-server of our own, 1 MB at most and `noeviction`, filled up: yields its URL."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: the full-Redis test needs one to start.")
    port = free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "1mb",
            "--maxmemory-policy",
            "noeviction",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        filled = 0
        while True:
            try:
                client.set(f"ballast:{filled}", b"x" * 10_000)
            except redis.exceptions.OutOfMemoryError:
                break
            filled += 1
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def stopped_redis():
    """The URL of a Redis where nothing listens."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def redis_db_10(page_cache):
    """The caches in Redis database 10 under a prefix of their own, removed afterwards."""
    store = redis.Redis.from_url(REDIS_DB_10, socket_connect_timeout=2)
    try:
        store.ping()
    except redis.ConnectionError:
        pytest.skip("This test needs Redis at 127.0.0.1:6379, which did not answer.")
    prefix = f"atlas-test-{secrets.token_hex(4)}"
    caches = redis_cache(REDIS_DB_10)
    for backend in caches.values():
        backend["KEY_PREFIX"] = prefix
    page_cache.CACHES = caches
    yield store, prefix
    for key in store.scan_iter(f"{prefix}:*"):
        store.delete(key)
