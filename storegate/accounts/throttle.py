"""Log-in throttling (S4), shared by every web process (``storegate.core.ratelimit``: the
database, or Redis when ``REDIS_URL`` is set).

Failed log-ins are counted in a 15-minute moving window, as NIST SP 800-63B §5.2.2 describes:

- per (account, source address): ``STOREGATE_LOGIN_ATTEMPTS`` (10). This is the lock a person
  meets: an attacker guessing from one address locks *that address* out of the account, while
  the owner still logs in from anywhere else;
- per account over every source: ten times as many (100, NIST's ceiling), so guessing from many
  addresses is bounded too;
- per source address over every account: ten times as many, since one address may serve a
  whole office.

A successful log-in clears its (account, source) counter (the failures were not consecutive any
more); the e-mailed password reset clears every counter of the account (``login_lock_clear``),
so an owner locked out everywhere gets back in by proving they hold the mailbox.

An attempt is *reserved* before the password is checked (``login_attempt_reserve``): the
counters are incremented first and the attempt is refused if a bound is exceeded, so concurrent
guesses on several processes cannot all slip under the bound. The reservation is given back
when the attempt is refused or turns out not to be a failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from storegate.accounts.models import User
from storegate.core.ratelimit import (
    counter_add,
    counter_clear,
    counter_totals,
    current_bucket,
    hashed,
)

WINDOW_MINUTES = 15
PREFIX = "login:"


def _pair_prefix(email: str) -> str:
    return f"{PREFIX}pair:{hashed(email)}:"


def _bounds(email: str, ip: str | None) -> dict[str, int]:
    attempts = settings.STOREGATE_LOGIN_ATTEMPTS
    source = ip or "-"
    bounds = {
        f"{_pair_prefix(email)}{hashed(source)}": attempts,
        f"{PREFIX}account:{hashed(email)}": attempts * 10,
    }
    if ip:
        bounds[f"{PREFIX}ip:{hashed(ip)}"] = attempts * 10
    return bounds


@dataclass(frozen=True)
class LoginReservation:
    email: str
    ip: str | None
    bucket: int


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def login_attempt_reserve(*, email: str, ip: str | None) -> LoginReservation | None:
    """Count one attempt from ``ip`` at ``email``; None (and nothing counted) if a bound is hit."""
    email = _normal(email)
    bounds = _bounds(email, ip)
    bucket = current_bucket()
    totals = counter_add(list(bounds), window_minutes=WINDOW_MINUTES, bucket=bucket)
    reservation = LoginReservation(email=email, ip=ip, bucket=bucket)
    if any(totals[key] > bound for key, bound in bounds.items()):
        # A refused attempt does not extend the lock: only evaluated failures count.
        login_attempt_release(reservation)
        return None
    return reservation


def login_attempt_release(reservation: LoginReservation) -> None:
    """The reserved attempt is not a failure (right password awaiting its second factor, or a
    refusal): give it back."""
    bounds = _bounds(reservation.email, reservation.ip)
    counter_add(list(bounds), window_minutes=WINDOW_MINUTES, amount=-1, bucket=reservation.bucket)


def login_attempt_succeeded(reservation: LoginReservation) -> None:
    """A successful log-in: give the attempt back and forget the failures from this source."""
    login_attempt_release(reservation)
    source = reservation.ip or "-"
    counter_clear(prefix=f"{_pair_prefix(reservation.email)}{hashed(source)}")


def login_attempt_allowed(*, email: str, ip: str | None) -> bool:
    """Whether an attempt from ``ip`` at ``email`` would be evaluated now (counts nothing)."""
    bounds = _bounds(_normal(email), ip)
    totals = counter_totals(list(bounds), window_minutes=WINDOW_MINUTES)
    return all(totals[key] < bound for key, bound in bounds.items())


def login_lock_clear(*, user: User) -> None:
    """Unlock the account of ``user`` from every source: called by the e-mailed password reset,
    which proves the person holds the account's mailbox (counters per address stay)."""
    email = _normal(user.email)
    if not email:
        return
    counter_clear(prefix=_pair_prefix(email))
    counter_clear(prefix=f"{PREFIX}account:{hashed(email)}")


def reset_login_throttle() -> None:
    """For operators: forget every log-in counter."""
    counter_clear(prefix=PREFIX)
