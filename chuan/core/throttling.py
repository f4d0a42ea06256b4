"""Rate limits counted in the shared cache, so that every worker and every restart sees the
same count (the database cache by default, Redis when `CHUAN_REDIS_URL` is set).

A limit is "at most `limit` in any `window` seconds", estimated with two fixed buckets: the
current one counts exactly, the previous one is weighed by how much of it still lies inside
the window. That holds a guesser to the limit across bucket boundaries without storing every
hit, and costs one atomic increment and one read per hit. Each hit is counted before it is
judged, so that requests arriving together each see the others.
"""

import time
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache

from rest_framework.throttling import BaseThrottle

from chuan.core.client import client_address, counted_address

KEY_PREFIX = "chuan:rate"


@dataclass(frozen=True)
class Limit:
    """At most `limit` events in any `window` seconds."""

    limit: int
    window: int

    @classmethod
    def parse(cls, rate: str) -> "Limit":
        """Read DRF's rate notation, e.g. "120/minute"."""
        count, _slash, period = rate.partition("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[:1]]
        return cls(int(count), seconds)


def _buckets(name: str, window: int, now: float) -> tuple[str, str, float]:
    bucket = int(now // window)
    weight = 1 - (now - bucket * window) / window
    return (
        f"{KEY_PREFIX}:{name}:{window}:{bucket}",
        f"{KEY_PREFIX}:{name}:{window}:{bucket - 1}",
        weight,
    )


def _increment(key: str, delta: int, window: int) -> int:
    # Two windows of life: the bucket is still read, weighed, during the next one.
    if delta > 0 and cache.add(key, delta, timeout=2 * window):
        return delta
    try:
        return int(cache.incr(key, delta))
    except ValueError:  # expired between the two calls
        if delta > 0 and cache.add(key, delta, timeout=2 * window):
            return delta
        return 0


def rate_count(name: str, limit: Limit, *, now: float | None = None) -> float:
    """How many events `name` had in the last window (estimated)."""
    current, previous, weight = _buckets(name, limit.window, time.time() if now is None else now)
    counts = cache.get_many([current, previous])
    return counts.get(current, 0) + counts.get(previous, 0) * weight


def rate_hit(name: str, limit: Limit, *, now: float | None = None) -> bool:
    """Count one event for `name`; True while it stays within the limit."""
    moment = time.time() if now is None else now
    current, previous, weight = _buckets(name, limit.window, moment)
    in_bucket = _increment(current, 1, limit.window)
    return in_bucket + (cache.get(previous) or 0) * weight <= limit.limit


def rate_refund(name: str, limit: Limit, *, now: float | None = None) -> None:
    """Take back the event just counted (it turned out not to be one, e.g. a lookup that
    found its dossier)."""
    current, _previous, _weight = _buckets(name, limit.window, time.time() if now is None else now)
    _increment(current, -1, limit.window)


def address_key(request: Any) -> str:
    """The name an address is counted under (see `core.client`)."""
    return counted_address(client_address(request))


class AddressRateThrottle(BaseThrottle):
    """DRF throttle for public endpoints: the view's `throttle_scope` names a rate in
    `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, counted per client address in the shared
    cache. Replaces DRF's own, which counts per worker's cache with a non-atomic history
    and believes any `X-Forwarded-For`."""

    def allow_request(self, request: Any, view: Any) -> bool:
        scope = getattr(view, "throttle_scope", None)
        if not scope:
            return True
        rates = cast(dict[str, dict[str, str]], settings.REST_FRAMEWORK)["DEFAULT_THROTTLE_RATES"]
        self.limit = Limit.parse(rates[scope])
        return rate_hit(f"{scope}:{address_key(request)}", self.limit)

    def wait(self) -> float | None:
        window = self.limit.window
        return window - time.time() % window
