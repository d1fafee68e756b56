"""A Redis cache that fails soft: a Redis that is full, down or slow is a miss, never an error.

Every cache of the site (pages, counts, the generations that keep them correct) lives in Redis
in production. Django's own backend raises whatever redis-py raises, so a Redis at its memory
cap with `noeviction` turned every uncached page into a 500. Here a read that fails returns the
default, a write that fails does nothing, and the error is logged. After an error the backend
leaves Redis alone for a few seconds, so that a Redis that times out costs one timeout per
pause, not one per cache call.
"""

import logging
import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, default_key_func
from django.core.cache.backends.redis import RedisCache, RedisCacheClient, RedisSerializer
from redis.exceptions import RedisError

logger = logging.getLogger("atlas.cache")
F = TypeVar("F", bound=Callable[..., Any])

# How long to serve without Redis after it failed, before trying it again.
PAUSE_SECONDS = 5.0


def _forgiving(fallback: Callable[..., Any]) -> Callable[[F], F]:
    """Make a cache method return `fallback(*args)` instead of raising a Redis error."""

    def decorate(method: F) -> F:
        @wraps(method)
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self.paused_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self.paused_until = time.monotonic() + PAUSE_SECONDS
                logger.warning(
                    "Cache %s failed, served without the cache for %.0f s: %r",
                    method.__name__,
                    PAUSE_SECONDS,
                    error,
                )
                return fallback(*args, **kwargs)

        return cast(F, call)

    return decorate


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _default(key: str, default: Any = None, version: int | None = None) -> Any:
    return default


def _no_values(keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
    return {}


def _none_failed(
    data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
) -> list[str]:
    return []


def _nothing_found(
    key: str, keys: Sequence[str], version: int | None = None
) -> tuple[None, list[None]]:
    return None, [None] * len(keys)


class QuickSerializer(RedisSerializer):
    """Django's serializer, reading a pickle without first trying it as a number.

    Django's loads() tries int() on every value and unpickles after the ValueError: ~1.6 µs lost
    on each value but a number, and a page served from the cache reads one per key it depends
    on (some 70 for a page of the API). A pickle of protocol 2 or later, as Django writes them,
    starts with the PROTO opcode; what it stores unpickled is an integer's digits.
    """

    def loads(self, data: Any) -> Any:
        if data[:1] == pickle.PROTO:
            return pickle.loads(data)
        return int(data)


class ReusedRedisClient(RedisCacheClient):
    """Django's Redis client, making one redis-py client per connection pool, not per call, and
    reading values with QuickSerializer.

    Django makes a `redis.Redis` for every cache call; redis-py 8 fills some 170 response
    callbacks for each, ~0.15 ms, three times over for every page the cache serves. A Redis
    client is safe to share between threads: its pool hands each call a connection.
    """

    if TYPE_CHECKING:  # Django's, which django-stubs does not declare.
        _serializer: Any
        _client: type[redis.Redis]

        def _get_connection_pool_index(self, write: bool) -> int: ...
        def _get_connection_pool(self, write: bool) -> redis.ConnectionPool: ...

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("serializer", QuickSerializer)
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key: object = None, *, write: bool = False) -> redis.Redis:
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            pool = self._get_connection_pool(write)
            self._clients[index] = self._client(connection_pool=pool)
        return self._clients[index]

    def get_with_many(self, key: str, keys: list[str]) -> tuple[Any, list[Any]]:
        """get(key) and the values of `keys` in their order (None where absent), in one round
        trip: a pipeline."""
        pipeline = self.get_client(key).pipeline(transaction=False)
        pipeline.get(key)
        if keys:
            pipeline.mget(keys)
        value, *rest = pipeline.execute()
        loads = self._serializer.loads
        values = [None if raw is None else loads(raw) for raw in rest[0]] if keys else []
        return None if value is None else loads(value), values


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, where every Redis error is logged and treated as a miss."""

    if TYPE_CHECKING:
        _cache: ReusedRedisClient

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisClient
        self.paused_until = 0.0

    def validate_key(self, key: str) -> None:
        """Accept every key: Redis has none of the limits that Django warns of for memcached
        (checking them cost ~3 µs a key, twenty keys for each page served from the cache)."""

    def make_and_validate_key(self, key: str, version: int | None = None) -> str:
        """Django's `<prefix>:<version>:<key>`, in one call rather than three when the key
        function is Django's: a page served from the cache makes one for each key it depends
        on, some 70 for a page of the API."""
        if self.key_func is not default_key_func:
            return super().make_and_validate_key(key, version)
        return f"{self.key_prefix}:{self.version if version is None else version}:{key}"

    @_forgiving(_nothing_found)
    def get_with_many(
        self, key: str, keys: Sequence[str], version: int | None = None
    ) -> tuple[Any, list[Any]]:
        """(get(key), the values of `keys` in their order, None where absent), in one round trip
        to Redis."""
        if self.key_func is default_key_func:
            # Each key with the same head: a page served from the cache reads some 70 to 100.
            head = self.make_and_validate_key("", version)
            names = [head + name for name in keys]
        else:
            names = [self.make_and_validate_key(name, version) for name in keys]
        return self._cache.get_with_many(self.make_and_validate_key(key, version), names)

    @_forgiving(_false)
    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return super().add(key, value, timeout, version)

    @_forgiving(_default)
    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return super().get(key, default, version)

    @_forgiving(_nothing)
    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        return super().set(key, value, timeout, version)

    @_forgiving(_false)
    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return super().touch(key, timeout, version)

    @_forgiving(_false)
    def delete(self, key: str, version: int | None = None) -> bool:
        return super().delete(key, version)

    @_forgiving(_no_values)
    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        return super().get_many(keys, version)

    @_forgiving(_false)
    def has_key(self, key: str, version: int | None = None) -> bool:
        return super().has_key(key, version)

    @_forgiving(_none_failed)
    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        return super().set_many(data, timeout, version)

    @_forgiving(_nothing)
    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        return super().delete_many(keys, version)

    @_forgiving(_false)
    def clear(self) -> None:
        return super().clear()
