"""Windowed counters shared by every process: in the database, or in Redis when it is configured.

A counter is a key and a window of whole minutes. Each hit adds to the bucket of the current
minute; the count of a key is the sum of its buckets inside the window (a moving window with a
granularity of one minute). Hits are atomic upserts (``INSERT … ON CONFLICT DO UPDATE``, the same
statement on SQLite and PostgreSQL; ``INCRBY`` on Redis), so N web processes count as one, and a
restart forgets nothing.

``counter_add`` returns the totals *after* its own hit: a caller that reserves an attempt this
way, refuses when a total is over its bound and gives the reservation back when the attempt is
not to be counted (``counter_add`` with a negative amount on the same bucket), cannot be
overtaken by concurrent callers — each of them sees every hit committed before it.

The database counters write in their own short transaction (autocommit): call them outside any
transaction that may roll back, or a refused attempt would be forgotten with it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import redis
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum

from storegate.core.models import RateCounter

BUCKET_SECONDS = 60


def current_bucket(now: float | None = None) -> int:
    """The minute (since the epoch) a hit at ``now`` (a POSIX time) lands in."""
    return int((time.time() if now is None else now) // BUCKET_SECONDS)


def hashed(value: str) -> str:
    """A key part that neither grows with the input nor stores it (e-mail addresses, IPs)."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class CounterStore(Protocol):
    def add(
        self, keys: Sequence[str], *, amount: int, bucket: int, window_minutes: int
    ) -> dict[str, int]: ...

    def totals(
        self, keys: Sequence[str], *, bucket: int, window_minutes: int
    ) -> dict[str, int]: ...

    def clear(self, *, prefix: str) -> None: ...

    def prune(self, *, before_bucket: int) -> int: ...


class DatabaseCounters:
    """``RateCounter`` rows, one per key and minute."""

    def _table(self) -> str:
        return connection.ops.quote_name(RateCounter._meta.db_table)

    def add(
        self, keys: Sequence[str], *, amount: int, bucket: int, window_minutes: int
    ) -> dict[str, int]:
        if not keys:
            return {}
        table = self._table()
        values = ", ".join(["(%s, %s, %s)"] * len(keys))
        # Sorted keys: concurrent upserts of the same keys lock their rows in the same order.
        params_sorted: list[Any] = []
        for key in sorted(keys):
            params_sorted += [key, bucket, amount]
        with transaction.atomic(), connection.cursor() as cursor:
            # Django's bulk_create can only overwrite on conflict, not add.
            # The table name comes from the model; every value is a bound parameter.
            sql = (
                f"INSERT INTO {table} (key, bucket, count) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (key, bucket) DO UPDATE SET count = {table}.count + excluded.count"
            )
            cursor.execute(sql, params_sorted)
        return self.totals(keys, bucket=bucket, window_minutes=window_minutes)

    def totals(self, keys: Sequence[str], *, bucket: int, window_minutes: int) -> dict[str, int]:
        if not keys:
            return {}
        rows = (
            RateCounter.objects.filter(
                key__in=keys, bucket__gt=bucket - window_minutes, bucket__lte=bucket
            )
            .order_by()
            .values_list("key")
            .annotate(total=Sum("count"))
        )
        found = {key: int(total) for key, total in rows}
        return {key: found.get(key, 0) for key in keys}

    def clear(self, *, prefix: str) -> None:
        RateCounter.objects.filter(key__startswith=prefix).delete()

    def prune(self, *, before_bucket: int) -> int:
        deleted, _ = RateCounter.objects.filter(bucket__lt=before_bucket).delete()
        return deleted


class RedisCounters:
    """One Redis key per key and minute, expiring once its window has passed."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url)

    @staticmethod
    def _name(key: str, bucket: int) -> str:
        return f"storegate:rate:{key}:{bucket}"

    def add(
        self, keys: Sequence[str], *, amount: int, bucket: int, window_minutes: int
    ) -> dict[str, int]:
        pipe = self.client.pipeline(transaction=True)
        for key in keys:
            name = self._name(key, bucket)
            pipe.incrby(name, amount)
            pipe.expire(name, (window_minutes + 1) * BUCKET_SECONDS)
        pipe.execute()
        return self.totals(keys, bucket=bucket, window_minutes=window_minutes)

    def totals(self, keys: Sequence[str], *, bucket: int, window_minutes: int) -> dict[str, int]:
        result: dict[str, int] = {}
        for key in keys:
            names = [self._name(key, b) for b in range(bucket - window_minutes + 1, bucket + 1)]
            result[key] = sum(int(v) for v in self.client.mget(names) if v is not None)
        return result

    def clear(self, *, prefix: str) -> None:
        for name in self.client.scan_iter(match=f"storegate:rate:{prefix}*", count=500):
            self.client.delete(name)

    def prune(self, *, before_bucket: int) -> int:
        return 0  # Redis expires the keys itself


@lru_cache(maxsize=4)
def _store_for(url: str) -> CounterStore:
    return RedisCounters(url) if url else DatabaseCounters()


def counter_store() -> CounterStore:
    """Redis when ``REDIS_URL`` is set, else the database; both are shared by every process."""
    return _store_for(settings.REDIS_URL or "")


def counter_add(
    keys: Sequence[str], *, window_minutes: int, amount: int = 1, bucket: int | None = None
) -> dict[str, int]:
    """Add ``amount`` to each key's current bucket; the totals in the window, this hit included."""
    return counter_store().add(
        keys,
        amount=amount,
        bucket=current_bucket() if bucket is None else bucket,
        window_minutes=window_minutes,
    )


def counter_totals(
    keys: Sequence[str], *, window_minutes: int, bucket: int | None = None
) -> dict[str, int]:
    return counter_store().totals(
        keys, bucket=current_bucket() if bucket is None else bucket, window_minutes=window_minutes
    )


def counter_clear(*, prefix: str) -> None:
    """Forget every key starting with ``prefix`` (all its buckets)."""
    counter_store().clear(prefix=prefix)


def counters_prune(*, keep_minutes: int) -> int:
    """Delete the buckets older than ``keep_minutes`` (housekeeping); returns how many."""
    return counter_store().prune(before_bucket=current_bucket() - keep_minutes)
