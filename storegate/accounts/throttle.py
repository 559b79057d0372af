"""Log-in throttling (S4) with the `limits` library: moving windows per e-mail and per IP.

Counters live in Redis when REDIS_URL is set (shared by every web process), else in memory.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from limits import RateLimitItemPerMinute, storage, strategies

WINDOW_MINUTES = 15


@lru_cache(maxsize=1)
def _limiter() -> strategies.MovingWindowRateLimiter:
    uri = settings.REDIS_URL or "memory://"
    return strategies.MovingWindowRateLimiter(storage.storage_from_string(uri))


def _items(email: str, ip: str | None) -> list[tuple[RateLimitItemPerMinute, str]]:
    attempts = settings.STOREGATE_LOGIN_ATTEMPTS
    items = [(RateLimitItemPerMinute(attempts, WINDOW_MINUTES), f"login:email:{email.lower()}")]
    if ip:
        # One address may serve a whole office: a wider bound per IP than per account.
        items.append((RateLimitItemPerMinute(attempts * 10, WINDOW_MINUTES), f"login:ip:{ip}"))
    return items


def login_attempt_allowed(*, email: str, ip: str | None) -> bool:
    limiter = _limiter()
    return all(limiter.test(item, key) for item, key in _items(email, ip))


def login_attempt_failed(*, email: str, ip: str | None) -> None:
    limiter = _limiter()
    for item, key in _items(email, ip):
        limiter.hit(item, key)


def reset_login_throttle() -> None:
    """For tests and operators: forget every counter."""
    _limiter().storage.reset()
