"""Concurrency invariants with real threads, on PostgreSQL and SQLite (R05, R12, SPEC §6).

Each thread has its own database connection and closes it at the end. On SQLite the settings
open IMMEDIATE transactions, so writers queue on the database lock; on PostgreSQL the row locks
and the CHECK/unique constraints decide.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection

from storegate.access.store_access import StoreAccess, StoreRole
from storegate.collaborators.models import CollaboratorAccess, CollaboratorRequest
from storegate.collaborators.services import (
    collaborator_request_approve,
    collaborator_request_cancel,
    collaborator_request_create,
)
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerOrganization
from storegate.stores.permissions import PermissionSet
from tests.collaborators.conftest import manager_of, request_access
from tests.factories import PartnerOrganizationFactory, StoreFactory

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 20


def run_together(jobs: list[Callable[[], str]]) -> Counter[str]:
    """Start every job at the same moment; collect what each ended with."""
    barrier = threading.Barrier(len(jobs))
    results: list[str] = []
    lock = threading.Lock()

    def work(job: Callable[[], str]) -> None:
        try:
            barrier.wait()
            try:
                outcome = job()
            except ApplicationError as exc:
                outcome = str(exc.code)
            except Exception as exc:  # anything else is a bug: recorded and asserted on
                outcome = f"crash:{type(exc).__name__}:{exc}"
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return Counter(results)


def _owner_access(store) -> StoreAccess:
    return StoreAccess(
        store_id=store.pk,
        user_id=store.owner_id,
        role=StoreRole.OWNER,
        permissions=PermissionSet.all(),
    )


def test_r05_concurrent_submissions_never_exceed_10_pending():
    org = PartnerOrganizationFactory()
    user = manager_of(org)
    for round_ in range(3):
        stores = [StoreFactory() for _ in range(THREADS)]

        def submit(store=None):
            def job() -> str:
                collaborator_request_create(
                    organization=org,
                    acting=Acting.as_user(user),
                    store_reference=store.handle,
                    code=store.request_code,
                    permissions=None,
                    preset="fulfilment",
                    message="",
                    duration_days=None,
                )
                return "created"

            return job

        outcome = run_together([submit(store) for store in stores])
        assert not [k for k in outcome if k.startswith("crash")], outcome
        assert outcome["created"] == 10, outcome
        assert outcome["pending_limit_reached"] == THREADS - 10
        pending = CollaboratorRequest.objects.filter(organization=org, status="pending")
        assert pending.count() == 10
        assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == 10
        # make room for the next round
        for request in pending:
            collaborator_request_cancel(request=request, acting=Acting.as_user(user))
        assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == 0, round_


def test_r06_concurrent_requests_for_one_store_leave_one_pending():
    org = PartnerOrganizationFactory()
    users = [manager_of(org) for _ in range(THREADS)]
    store = StoreFactory()

    def submit(user):
        return lambda: request_access(org, user, store) and "created"

    outcome = run_together([submit(u) for u in users])
    assert outcome["created"] == 1, outcome
    assert outcome["request_already_pending"] == THREADS - 1, outcome
    assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == 1


def test_r12_double_approval_creates_one_access():
    for _ in range(3):
        org = PartnerOrganizationFactory()
        store = StoreFactory()
        request = request_access(org, manager_of(org), store)

        def approve():
            collaborator_request_approve(
                request=request, acting=Acting(user=store.owner, access=_owner_access(store))
            )
            return "approved"

        outcome = run_together([approve for _ in range(THREADS)])
        assert outcome["approved"] == 1, outcome
        assert outcome["invalid_state"] == THREADS - 1, outcome
        assert CollaboratorAccess.objects.filter(store=store).count() == 1
        assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == 0


def test_r08_r12_approve_racing_cancel_has_exactly_one_winner():
    for _ in range(3):
        org = PartnerOrganizationFactory()
        user = manager_of(org)
        store = StoreFactory()
        request = request_access(org, user, store)

        def approve():
            collaborator_request_approve(
                request=request, acting=Acting(user=store.owner, access=_owner_access(store))
            )
            return "approved"

        def cancel():
            collaborator_request_cancel(request=request, acting=Acting.as_user(user))
            return "cancelled"

        jobs = [approve, cancel] * (THREADS // 2)
        outcome = run_together(jobs)
        assert outcome["approved"] + outcome["cancelled"] == 1, outcome
        assert outcome["invalid_state"] == THREADS - 1, outcome
        request.refresh_from_db()
        accesses = CollaboratorAccess.objects.filter(store=store).count()
        assert accesses == (1 if request.status == "approved" else 0)
        assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == 0
