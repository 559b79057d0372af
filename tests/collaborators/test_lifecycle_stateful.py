"""A Hypothesis state machine over the whole lifecycle (SPEC §4, §6 invariants).

Random sequences of requests (right and wrong codes), cancellations, approvals, declines,
suspensions, resumptions, removals by either side, expiry and end dates; after every step:

- R05: an organization has at most 10 pending requests, and its counter equals their number;
- at most one live (active or suspended) access per (store, organization);
- at most one pending request per (store, organization);
- an access that is not active grants nothing: its store sessions no longer resolve.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from storegate.access.store_access import StoreAccess, StoreRole, resolve_store_access
from storegate.collaborators.models import CollaboratorAccess, CollaboratorRequest
from storegate.collaborators.services import (
    collaborator_access_remove,
    collaborator_access_remove_by_partner,
    collaborator_access_resume,
    collaborator_access_suspend,
    collaborator_request_approve,
    collaborator_request_cancel,
    collaborator_request_create,
    collaborator_request_decline,
    expire_pending_requests,
    process_end_dates,
)
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole
from storegate.stores.permissions import PermissionSet, Preset
from tests.factories import PartnerOrganizationFactory, StoreFactory, UserFactory, member_acting

N_STORES = 12
N_ORGS = 2


class Lifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.stores = [StoreFactory() for _ in range(N_STORES)]
        self.orgs = [PartnerOrganizationFactory() for _ in range(N_ORGS)]
        self.members = [
            PartnerMember.objects.create(organization=o, user=UserFactory(), role=PartnerRole.ADMIN)
            for o in self.orgs
        ]
        self.sessions: list[tuple[int, int, str]] = []  # (access id, user id, raw token)
        self.clock = timezone.now()

    def _owner(self, store) -> StoreAccess:
        return StoreAccess(
            store_id=store.pk,
            user_id=store.owner_id,
            role=StoreRole.OWNER,
            permissions=PermissionSet.all(),
        )

    def _requests(self, status="pending"):
        return list(CollaboratorRequest.objects.filter(store__in=self.stores, status=status))

    def _accesses(self, *statuses):
        return list(CollaboratorAccess.objects.filter(store__in=self.stores, status__in=statuses))

    @rule(s=st.integers(0, N_STORES - 1), o=st.integers(0, N_ORGS - 1), right=st.booleans())
    def request(self, s, o, right):
        store = self.stores[s]
        store.refresh_from_db()
        code = store.request_code if right else f"{(int(store.request_code) + 1) % 10000:04d}"
        with contextlib.suppress(ApplicationError):
            collaborator_request_create(
                organization=self.orgs[o],
                acting=Acting.as_user(self.members[o].user),
                store_reference=store.handle,
                code=code,
                permissions=None,
                preset=Preset.FULFILMENT.key,
                message="",
                duration_days=None,
            )

    @rule(
        i=st.integers(0, 50),
        action=st.sampled_from(["cancel", "approve", "decline"]),
        days=st.none() | st.integers(1, 40),
    )
    def decide(self, i, action, days):
        pending = self._requests()
        if not pending:
            return
        request = pending[i % len(pending)]
        store = request.store
        try:
            if action == "cancel":
                collaborator_request_cancel(
                    request=request, acting=Acting.as_user(request.requested_by)
                )
            elif action == "approve":
                end = timezone.now() + timedelta(days=days) if days else None
                collaborator_request_approve(
                    request=request,
                    acting=Acting(user=store.owner, access=self._owner(store)),
                    expires_at=end,
                )
            else:
                collaborator_request_decline(
                    request=request, acting=Acting(user=store.owner, access=self._owner(store))
                )
        except ApplicationError:
            pass

    @rule(
        i=st.integers(0, 50),
        action=st.sampled_from(["suspend", "resume", "remove", "partner_remove"]),
    )
    def change_access(self, i, action):
        accesses = self._accesses("active", "suspended")
        if not accesses:
            return
        access = accesses[i % len(accesses)]
        store = access.store
        try:
            if action == "partner_remove":
                member = next(
                    m for m in self.members if m.organization_id == access.organization_id
                )
                collaborator_access_remove_by_partner(access=access, acting=member_acting(member))
            else:
                service = {
                    "suspend": collaborator_access_suspend,
                    "resume": collaborator_access_resume,
                    "remove": collaborator_access_remove,
                }[action]
                service(access=access, acting=Acting(user=store.owner, access=self._owner(store)))
        except ApplicationError:
            pass

    @rule(i=st.integers(0, 50))
    def log_in(self, i):
        accesses = self._accesses("active")
        if not accesses:
            return
        access = accesses[i % len(accesses)]
        member = next(m for m in self.members if m.organization_id == access.organization_id)
        try:
            issued = store_session_open(
                acting=member_acting(member),
                member=member,
                store_id=access.store_id,
                two_factor=True,
            )
        except ApplicationError:
            return
        self.sessions.append((access.pk, member.user_id, issued.raw))

    @rule(days=st.integers(1, 45))
    def time_passes(self, days):
        self.clock += timedelta(days=days)
        expire_pending_requests(now=self.clock)
        process_end_dates(now=self.clock)

    @invariant()
    def r05_pending_limit_and_counter(self):
        for org in self.orgs:
            pending = CollaboratorRequest.objects.filter(organization=org, status="pending").count()
            assert pending <= 10
            assert PartnerOrganization.objects.get(pk=org.pk).pending_requests == pending

    @invariant()
    def one_live_access_and_one_pending_request_per_pair(self):
        live = (
            CollaboratorAccess.objects.filter(
                store__in=self.stores, status__in=["active", "suspended"]
            )
            .values("organization", "store")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        pending = (
            CollaboratorRequest.objects.filter(store__in=self.stores, status="pending")
            .values("organization", "store")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        assert not live.exists() and not pending.exists()

    @invariant()
    def access_that_is_not_active_grants_nothing(self):
        statuses = dict(
            CollaboratorAccess.objects.filter(pk__in=[a for a, _, _ in self.sessions]).values_list(
                "pk", "status"
            )
        )
        for access_id, user_id, raw in self.sessions:
            if statuses[access_id] == "active":
                continue
            access = CollaboratorAccess.objects.get(pk=access_id)
            user = PartnerMember.objects.get(user_id=user_id, organization=access.organization).user
            with pytest.raises(ApplicationError):
                resolve_store_access(user=user, store_id=access.store_id, store_session_token=raw)


@pytest.mark.django_db
def test_lifecycle_state_machine_keeps_the_invariants():
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=12,
            stateful_step_count=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
