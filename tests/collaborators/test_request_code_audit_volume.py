"""Bounded audit volume under a guessing campaign (R25, S1): repeated refusals of one kind from
one source are one event per 15-minute window with the count of attempts, while every attempt
still counts toward the S1 bounds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from storegate.audit.models import AuditEvent
from storegate.collaborators.models import RequestCodeAttempt
from storegate.collaborators.services.requests import collaborator_request_create
from storegate.core.acting import Acting, RequestMeta
from storegate.core.errors import ApplicationError
from tests.collaborators.conftest import manager_of

pytestmark = pytest.mark.django_db

FAILED = "collaborator.request_code_failed"
THROTTLED = "collaborator.request_code_throttled"


class Clock:
    def __init__(self, monkeypatch):
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **kw):
        self.now += timedelta(**kw)


def wrong(store) -> str:
    store.refresh_from_db()
    return f"{(int(store.request_code) + 1) % 10000:04d}"


def guess(org, user, store, code, *, ip="198.51.100.7") -> str:
    acting = Acting(user=user, meta=RequestMeta(ip=ip, user_agent="guesser"))
    try:
        collaborator_request_create(
            organization=org,
            acting=acting,
            store_reference=store.handle,
            permissions=None,
            preset="fulfilment",
            code=code,
            message="",
            duration_days=None,
        )
    except ApplicationError as exc:
        return str(exc.code)
    return "created"


def trail(store, action):
    return list(AuditEvent.objects.filter(store=store, action=action).order_by("id"))


def test_r25_a_guessing_campaign_writes_a_bounded_number_of_events(
    monkeypatch, partner_org, collaborator, store
):
    clock = Clock(monkeypatch)
    # given 200 wrong guesses from one person at one address, a second apart
    outcomes = []
    for _ in range(200):
        outcomes.append(guess(partner_org, collaborator, store, wrong(store)))
        clock.advance(seconds=1)
    # then S1 still holds: five were evaluated, the other 195 refused unevaluated
    assert outcomes.count("invalid_request_code") == 5
    assert outcomes.count("request_code_attempts_exceeded") == 195
    assert RequestCodeAttempt.objects.filter(store=store).count() == 200
    # and the trail holds one event per kind (200 s is inside one window), counting them all
    failed, throttled = trail(store, FAILED), trail(store, THROTTLED)
    assert len(failed) == 1 and failed[0].after["count"] == 5
    assert len(throttled) == 1 and throttled[0].after["count"] == 195
    assert throttled[0].ip == "198.51.100.7" and throttled[0].actor == collaborator
    assert throttled[0].after["last_at"] == (clock.now - timedelta(seconds=1)).isoformat()
    # and the right code, even when throttled, is refused
    assert guess(partner_org, collaborator, store, store.request_code) == (
        "request_code_attempts_exceeded"
    )


def test_r25_a_new_window_starts_a_new_event(monkeypatch, partner_org, collaborator, store):
    clock = Clock(monkeypatch)
    for _ in range(8):
        guess(partner_org, collaborator, store, wrong(store))
    clock.advance(minutes=16)
    for _ in range(3):
        guess(partner_org, collaborator, store, wrong(store))
    throttled = trail(store, THROTTLED)
    assert [e.after["count"] for e in throttled] == [3, 3]
    # the closed window's event is frozen: the new attempts went to the new one
    assert throttled[0].created_at < throttled[1].created_at


def test_r25_each_source_gets_its_own_event(partner_org, collaborator, store):
    other_person = manager_of(partner_org)
    guess(partner_org, collaborator, store, wrong(store), ip="198.51.100.7")
    guess(partner_org, collaborator, store, wrong(store), ip="203.0.113.9")
    guess(partner_org, other_person, store, wrong(store), ip="198.51.100.7")
    guess(partner_org, collaborator, store, wrong(store), ip="198.51.100.7")
    counts = sorted(
        (e.actor_id == collaborator.pk, e.ip, e.after["count"]) for e in trail(store, FAILED)
    )
    assert counts == [
        (False, "198.51.100.7", 1),
        (True, "198.51.100.7", 2),
        (True, "203.0.113.9", 1),
    ]


def test_r25_right_codes_are_one_event_each(partner_org, collaborator, store):
    assert guess(partner_org, collaborator, store, store.request_code) == "created"
    assert AuditEvent.objects.filter(action="collaborator.request_code_accepted").count() == 1
    assert AuditEvent.objects.get(action="collaborator.request_code_accepted").after is None
