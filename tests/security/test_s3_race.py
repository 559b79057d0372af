"""S3: a revoked, suspended, expired or narrowed access is denied on the very next request.

Real threads race real requests (the whole stack: token, resolver, view) against changes to the
access committed by another connection. Every request is stamped when it starts, every change
when its commit has returned; no request that started after the commit may be allowed.
On PostgreSQL the race runs 1,000 rounds; SQLite (one writer at a time) runs a shorter one.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone

from storegate.collaborators.models import CollaboratorAccess
from storegate.collaborators.sessions import store_session_open
from storegate.partners.models import PartnerMember
from storegate.stores.permissions import PermissionSet, StorePermission
from tests.factories import CollaboratorAccessFactory, member_acting

P = StorePermission
WORKERS = 3
REQUESTS_PER_ROUND = 2
GRANTED = PermissionSet.of([P.ORDERS_VIEW, P.PRODUCTS_VIEW]).mask


def _changes() -> dict[str, dict[str, object]]:
    return {
        "revoke": {"status": "removed"},
        "suspend": {"status": "suspended"},
        "expire": {"expires_at": timezone.now() - timedelta(seconds=1)},
        "narrow": {"permissions_mask": PermissionSet.of([P.PRODUCTS_VIEW]).mask},
    }


@dataclass
class Attempt:
    round: int
    started_ns: int
    status: int


@pytest.mark.django_db(transaction=True)
def test_s3_no_request_that_starts_after_a_change_commits_is_allowed(
    store, partner_org, collaborator, settings
):
    # given a collaborator with a live store session
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    rounds = 1000 if connection.vendor == "postgresql" else 120
    access = CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions_mask=GRANTED
    )
    member = PartnerMember.objects.get(user=collaborator)
    raw = store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
    ).raw
    url = f"/api/v1/stores/{store.pk}/orders"
    kinds = list(_changes())
    committed_ns: list[int] = [0] * rounds
    attempts: list[Attempt] = []
    lock = threading.Lock()
    start_round = threading.Barrier(WORKERS + 1)
    end_round = threading.Barrier(WORKERS + 1)
    errors: list[BaseException] = []

    def worker() -> None:
        client = Client()
        mine: list[Attempt] = []
        try:
            for n in range(rounds):
                start_round.wait()
                for _ in range(REQUESTS_PER_ROUND):
                    started = time.perf_counter_ns()
                    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
                    mine.append(Attempt(n, started, response.status_code))
                end_round.wait()
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)
            start_round.abort()
            end_round.abort()
        finally:
            connections.close_all()
            with lock:
                attempts.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    rng = random.Random(20261122)
    # when, every round: restore the access, let the requests go, and commit one change among them
    try:
        for n in range(rounds):
            CollaboratorAccess.objects.filter(pk=access.pk).update(
                status="active", expires_at=None, permissions_mask=GRANTED
            )
            change = _changes()[kinds[n % len(kinds)]]
            start_round.wait()
            time.sleep(rng.random() * 0.003)
            with transaction.atomic():
                CollaboratorAccess.objects.filter(pk=access.pk).update(**change)
            committed_ns[n] = time.perf_counter_ns()
            end_round.wait()
    finally:
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors

    # then no request that started after its round's change committed was allowed
    assert len(attempts) == rounds * WORKERS * REQUESTS_PER_ROUND
    after = [a for a in attempts if a.started_ns > committed_ns[a.round]]
    allowed_after = [a for a in after if a.status == 200]
    assert not allowed_after, f"{len(allowed_after)} requests allowed after the change committed"
    assert all(a.status in (200, 403, 404) for a in attempts)
    # and the race was real: requests landed on both sides of the commits
    assert after, "no request started after a commit"
    assert any(a.status == 200 for a in attempts), "no request was allowed before a commit"
