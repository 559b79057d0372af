"""Shared windowed counters (storegate/core/ratelimit.py) and the log-in throttle built on them
(S4, NIST SP 800-63B §5.2.2): per (account, source), per account, per source; the e-mailed
reset unlocks. Runs on SQLite and on PostgreSQL (whichever DATABASE_URL names); the Redis store
runs against a throw-away redis-server when the binary is installed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from django.test import Client
from django.utils import timezone

from storegate.accounts.throttle import login_attempt_allowed, login_lock_clear
from storegate.core import ratelimit
from storegate.core.models import RateCounter
from storegate.core.ratelimit import counter_add, counter_clear, counter_totals, counters_prune
from storegate.housekeeping import prune_old_records
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(email: str, password: str, ip: str) -> int:
    response = Client(REMOTE_ADDR=ip).post(
        "/api/v1/auth/tokens",
        data={"email": email, "password": password},
        content_type="application/json",
    )
    return response.status_code


# --- the counters ---------------------------------------------------------------------------


def test_counter_adds_atomically_and_sums_the_window():
    # given two keys hit in three different minutes
    assert counter_add(["a", "b"], window_minutes=15, bucket=1000) == {"a": 1, "b": 1}
    assert counter_add(["a"], window_minutes=15, bucket=1000) == {"a": 2}
    assert counter_add(["a"], window_minutes=15, bucket=1010, amount=3) == {"a": 5}
    # then one row per key and minute, updated in place
    assert RateCounter.objects.filter(key="a").count() == 2
    # and the moving window forgets the minute 1000 once 15 minutes have passed
    assert counter_totals(["a", "b"], window_minutes=15, bucket=1014) == {"a": 5, "b": 1}
    assert counter_totals(["a", "b"], window_minutes=15, bucket=1015) == {"a": 3, "b": 0}
    assert counter_totals(["a"], window_minutes=15, bucket=1025) == {"a": 0}


def test_counter_negative_amount_gives_a_reservation_back():
    counter_add(["k"], window_minutes=5, bucket=7)
    assert counter_add(["k"], window_minutes=5, bucket=7, amount=-1) == {"k": 0}


def test_counter_clear_by_prefix_and_housekeeping_prunes_old_buckets():
    now = ratelimit.current_bucket()
    counter_add(["login:x:1", "login:x:2", "other"], window_minutes=15, bucket=now)
    counter_add(["old"], window_minutes=15, bucket=now - 600)
    counter_clear(prefix="login:x:")
    assert set(RateCounter.objects.values_list("key", flat=True)) == {"other", "old"}
    assert prune_old_records.call()["rate_counters"] == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["other"]
    assert counters_prune(keep_minutes=60) == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(settings):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
        yield settings.REDIS_URL
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_counters_live_in_redis_when_it_is_configured(redis_url):
    store = ratelimit.counter_store()
    assert isinstance(store, ratelimit.RedisCounters)
    assert counter_add(["a"], window_minutes=15, bucket=1000) == {"a": 1}
    assert counter_add(["a"], window_minutes=15, bucket=1005, amount=2) == {"a": 3}
    assert counter_totals(["a"], window_minutes=15, bucket=1015) == {"a": 2}
    counter_clear(prefix="a")
    assert counter_totals(["a"], window_minutes=15, bucket=1005) == {"a": 0}
    assert not RateCounter.objects.exists()  # nothing went to the database


# --- the log-in throttle (S4) ---------------------------------------------------------------


def test_s4_eleventh_attempt_from_one_source_is_refused_even_with_the_right_password(
    owner, settings
):
    settings.STOREGATE_LOGIN_ATTEMPTS = 10
    # given ten wrong passwords from one address
    for _ in range(10):
        assert _log_in(owner.email, "wrong-password", "10.0.0.1") == 401
    # then the eleventh attempt from there is refused without checking the password
    assert _log_in(owner.email, PASSWORD, "10.0.0.1") == 429
    assert _log_in(owner.email, "wrong-password", "10.0.0.1") == 429
    # and the owner still logs in from another address (lock per account and source)
    assert _log_in(owner.email, PASSWORD, "10.0.0.2") == 201


def test_s4_refused_attempts_do_not_extend_the_lock(owner, settings):
    settings.STOREGATE_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        _log_in(owner.email, "wrong-password", "10.0.0.1")
    for _ in range(20):
        assert _log_in(owner.email, "wrong-password", "10.0.0.1") == 429
    bounds_key = RateCounter.objects.filter(key__startswith="login:pair:")
    assert sum(bounds_key.values_list("count", flat=True)) == 3


def test_s4_a_success_clears_the_failures_from_its_source(owner, settings):
    settings.STOREGATE_LOGIN_ATTEMPTS = 3
    for _ in range(2):
        _log_in(owner.email, "wrong-password", "10.0.0.1")
    assert _log_in(owner.email, PASSWORD, "10.0.0.1") == 201
    for _ in range(2):
        assert _log_in(owner.email, "wrong-password", "10.0.0.1") == 401
    assert login_attempt_allowed(email=owner.email, ip="10.0.0.1")


def test_s4_guessing_from_many_sources_locks_the_account_until_the_emailed_reset(owner, settings):
    settings.STOREGATE_LOGIN_ATTEMPTS = 2
    # given 2 × 10 wrong passwords spread over ten addresses (two each)
    for n in range(10):
        for _ in range(2):
            assert _log_in(owner.email, "wrong-password", f"10.0.1.{n}") == 401
    # then the account is locked from everywhere, a fresh address included
    assert _log_in(owner.email, PASSWORD, "10.0.9.9") == 429
    # when the owner resets the password from the e-mailed link
    login_lock_clear(user=owner)
    # then they log in again, from any address
    assert _log_in(owner.email, PASSWORD, "10.0.9.9") == 201
    assert _log_in(owner.email, PASSWORD, "10.0.1.0") == 201


def test_s4_one_source_guessing_many_accounts_is_bounded(settings, db):
    from tests.factories import UserFactory

    settings.STOREGATE_LOGIN_ATTEMPTS = 1
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        assert _log_in(user.email, "wrong-password", "10.0.0.7") == 401
    # ten failures from one address over ten accounts: the address bound (10 × 1) is reached
    assert _log_in(users[10].email, PASSWORD, "10.0.0.7") == 429
    assert _log_in(users[10].email, PASSWORD, "10.0.0.8") == 201


def test_s4_right_password_without_its_second_factor_is_not_a_failure(owner, settings):
    settings.STOREGATE_LOGIN_ATTEMPTS = 2
    owner.totp_confirmed_at = timezone.now()
    owner.save(update_fields=["totp_confirmed_at"])
    # the password is right, the code is missing: asked for it, never locked out for it
    for _ in range(5):
        assert _log_in(owner.email, PASSWORD, "10.0.0.1") != 429
    assert login_attempt_allowed(email=owner.email, ip="10.0.0.1")
