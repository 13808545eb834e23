"""A fixed-window counter in the cache, for the public forms' rate limits.

Keys are hashed, so neither e-mail addresses nor client addresses sit in the cache in clear.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

HOUR = 60 * 60


def within_limit(key: str, limit: int, *, window_seconds: int = HOUR) -> bool:
    """Count one attempt against `key`; False once more than `limit` fall in the window."""
    cache_key = f"brygga:rate:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        attempts = int(cache.incr(cache_key))
    except ValueError:  # the entry expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        attempts = 1
    return attempts <= limit
