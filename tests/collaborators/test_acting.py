"""The acting context the services receive (R10, R25): the reviewer's access is read from it, and
the audit trail names the person and the organization it carries."""

from __future__ import annotations

import pytest

from storegate.access.store_access import resolve_store_access
from storegate.audit.actions import AuditAction
from storegate.audit.models import AuditEvent
from storegate.collaborators.services import request_code_regenerate, request_code_set_required
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting, RequestMeta
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerMember
from storegate.stores.permissions import PermissionSet, StorePermission
from tests.collaborators.conftest import grant
from tests.factories import member_acting

pytestmark = pytest.mark.django_db


def test_r10_a_service_refuses_a_context_without_a_store_access(store, owner):
    for acting in (Acting.system(), Acting.as_user(owner)):
        with pytest.raises(ApplicationError) as refused:
            request_code_regenerate(store=store, acting=acting)
        assert refused.value.code == "store_not_found"


def test_r25_the_audit_event_carries_the_person_and_origin_of_the_context(store, owner):
    meta = RequestMeta(ip="198.51.100.7", user_agent="merchant-browser")
    access = resolve_store_access(user=owner, store_id=store.pk)
    acting = Acting(user=owner, access=access, meta=meta)
    request_code_set_required(store=store, required=False, acting=acting)
    event = AuditEvent.objects.get(action=AuditAction.STORE_REQUEST_CODE_SETTING_CHANGED)
    assert (event.actor_id, event.store_id, event.organization_id) == (owner.pk, store.pk, None)
    assert (event.ip, event.user_agent) == ("198.51.100.7", "merchant-browser")


def test_r25_a_collaborator_reviewers_act_is_recorded_under_its_organization(
    store, partner_org, collaborator
):
    grant(
        partner_org,
        collaborator,
        store,
        permissions=PermissionSet.of([StorePermission.COLLABORATORS_MANAGE]),
    )
    member = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        member=member, store_id=store.pk, two_factor=True, acting=member_acting(member)
    )
    access = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token=session.raw
    )
    request_code_regenerate(store=store, acting=Acting(user=collaborator, access=access))
    event = AuditEvent.objects.get(action=AuditAction.STORE_REQUEST_CODE_REGENERATED)
    assert (event.actor_id, event.store_id) == (collaborator.pk, store.pk)
    assert event.organization_id == partner_org.pk
