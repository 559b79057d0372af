"""Reviewing, R07 and R10–R16 (store side)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from storegate.access.store_access import resolve_store_access
from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
    StoreSession,
)
from storegate.collaborators.services import (
    collaborator_access_remove,
    collaborator_access_resume,
    collaborator_access_suspend,
    collaborator_access_update,
    collaborator_request_approve,
    collaborator_request_cancel,
    collaborator_request_decline,
)
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.notifications.models import Notification, OutboxMessage
from storegate.partners.models import PartnerMember, PartnerOrganization
from storegate.stores.models import StaffMember
from storegate.stores.permissions import PermissionSet, Preset, StorePermission
from storegate.stores.services import staff_invite
from tests.collaborators.conftest import grant, request_access
from tests.conftest import error_code
from tests.factories import StaffMemberFactory, UserFactory, member_acting, store_acting

pytestmark = pytest.mark.django_db
P = StorePermission


def _partner_mail(org, template):
    people = {m.user.email for m in PartnerMember.objects.filter(organization=org)}
    return [
        m.payload
        for m in OutboxMessage.objects.filter(kind="email")
        if m.payload["template"] == template and m.payload["to"][0] in people
    ]


def test_r10_owner_and_collaborators_manage_staff_see_code_and_requests(
    api_client, token, store, owner, staff, pending
):
    for person in (owner, staff):
        code = api_client.get(f"/api/v1/stores/{store.pk}/collaborator-code", token=token(person))
        assert code.json() == {
            "code": store.request_code,
            "required": True,
            "generated_at": code.json()["generated_at"],
        }
        listed = api_client.get(
            f"/api/v1/stores/{store.pk}/collaborator-requests", token=token(person)
        )
        assert [r["id"] for r in listed.json()["items"]] == [str(pending.pk)]


def test_r10_others_cannot_see_or_decide(api_client, token, store, pending, collaborator, outsider):
    plain = StaffMemberFactory(store=store, permissions=[P.ORDERS_VIEW]).user
    paths = [
        ("get", f"/api/v1/stores/{store.pk}/collaborator-code"),
        ("get", f"/api/v1/stores/{store.pk}/collaborator-requests"),
        ("post", f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}/approve"),
    ]
    for method, path in paths:
        assert getattr(api_client, method)(path, token=token(plain)).status_code == 403
        assert getattr(api_client, method)(path, token=token(outsider)).status_code == 404
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_r10_review_shows_organization_member_message_and_grouped_permissions(
    api_client, token, store, owner, pending, partner_org, collaborator
):
    body = api_client.get(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}", token=token(owner)
    ).json()
    assert body["organization"]["name"] == partner_org.name
    assert body["requested_by"]["email"] == collaborator.email
    assert body["message"] == "Hi"
    sections = {s["section"]: s["permissions"] for s in body["permissions_by_section"]}
    assert sections["inventory"] == ["inventory.view", "inventory.manage"]
    assert sections["orders"] == ["orders.view", "orders.fulfill_and_ship"]


def test_r11_reviewer_changes_permissions_and_sets_an_end_date_before_approving(
    api_client, token, store, owner, pending
):
    end = (timezone.now() + timedelta(days=60)).replace(microsecond=0)
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}/approve",
        json={"permissions": ["orders.view", "reports.view"], "expires_at": end.isoformat()},
        token=token(owner),
    )
    assert response.status_code == 200, response.content
    access = CollaboratorAccess.objects.get()
    assert access.permissions == PermissionSet.of([P.ORDERS_VIEW, P.REPORTS_VIEW])
    assert access.expires_at == end


def test_r11_staff_cannot_grant_a_permission_they_do_not_hold(store, staff, pending):
    # staff holds home.view, orders.view and collaborators.manage; the request wants fulfilment
    with pytest.raises(ApplicationError) as refused:
        collaborator_request_approve(request=pending, acting=store_acting(staff, store))
    assert refused.value.code == "permission_not_grantable"
    assert not CollaboratorAccess.objects.exists()
    # within bounds it works
    access = collaborator_request_approve(
        request=pending,
        acting=store_acting(staff, store),
        permissions=PermissionSet.of([P.ORDERS_VIEW]),
    )
    assert access.permissions == PermissionSet.of([P.ORDERS_VIEW])


def test_r11_owner_only_actions_are_never_grantable(api_client, token, store, owner, pending):
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}/approve",
        json={"permissions": ["orders.view", "owner.transfer_ownership"]},
        token=token(owner),
    )
    assert response.status_code == 403
    assert error_code(response) == "permission_not_grantable"
    assert not CollaboratorAccess.objects.exists()


def test_r12_approve_creates_access_and_tells_the_partner_the_difference(
    store, owner, pending, partner_org, collaborator, partner_admin
):
    granted = PermissionSet.of([P.ORDERS_VIEW, P.PRODUCTS_VIEW, P.REPORTS_VIEW])
    access = collaborator_request_approve(
        request=pending,
        acting=store_acting(owner, store),
        permissions=granted,
    )
    assert access.status == "active" and access.permissions == granted
    pending.refresh_from_db()
    assert pending.status == "approved" and pending.access_id == access.pk
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0
    mails = _partner_mail(partner_org, "collab_request_approved")
    assert {m["to"][0] for m in mails} == {collaborator.email, partner_admin.email}
    body = mails[0]["body"]
    assert "reports.view" in body.split("Added to what was asked:")[1].splitlines()[0]
    assert "inventory.manage" in body.split("Not granted, although asked:")[1].splitlines()[0]
    assert (
        Notification.objects.filter(
            organization=partner_org, kind="collaborator.request_approved"
        ).count()
        == 2
    )
    assert PartnerStoreEntry.objects.get(organization=partner_org, store=store).status == "managed"


def test_r12_decline_closes_the_request_and_tells_the_partner(store, owner, pending, partner_org):
    collaborator_request_decline(request=pending, acting=store_acting(owner, store))
    pending.refresh_from_db()
    assert pending.status == "declined"
    assert not CollaboratorAccess.objects.exists()
    assert _partner_mail(partner_org, "collab_request_declined")
    assert PartnerStoreEntry.objects.get(organization=partner_org, store=store).status == "declined"


def test_r12_approving_a_cancelled_request_is_a_409_and_changes_nothing(
    api_client, token, store, owner, pending, collaborator
):
    collaborator_request_cancel(request=pending, acting=Acting.as_user(collaborator))
    before = OutboxMessage.objects.count()
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}/approve", token=token(owner)
    )
    assert response.status_code == 409
    assert error_code(response) == "invalid_state"
    assert not CollaboratorAccess.objects.exists()
    assert OutboxMessage.objects.count() == before


def test_r12_request_of_another_store_is_404(api_client, token, owner, partner_org, collaborator):
    from tests.factories import StoreFactory

    other = request_access(partner_org, collaborator, StoreFactory())
    mine = StoreFactory(owner=owner)
    response = api_client.post(
        f"/api/v1/stores/{mine.pk}/collaborator-requests/{other.pk}/approve", token=token(owner)
    )
    assert response.status_code == 404, response.content


def test_r13_a_change_applies_to_the_very_next_request_and_the_partner_is_told(
    store, owner, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store)
    collaborating = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        acting=member_acting(collaborating),
        member=collaborating,
        store_id=store.pk,
        two_factor=True,
    )
    narrowed = PermissionSet.of([P.ORDERS_VIEW])
    # when
    collaborator_access_update(
        access=access,
        acting=store_acting(owner, store),
        permissions=narrowed,
    )
    # then the next resolution sees the narrowed grant
    seen = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token=session.raw
    )
    assert seen.permissions == narrowed
    body = _partner_mail(partner_org, "collab_access_changed")[0]["body"]
    assert "Removed:" in body and "inventory.manage" in body


def test_r13_end_date_can_be_set_and_cleared(store, owner, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)
    end = timezone.now() + timedelta(days=10)
    acting = store_acting(owner, store)
    collaborator_access_update(access=access, acting=acting, expires_at=end)
    access.refresh_from_db()
    assert access.expires_at == end
    collaborator_access_update(access=access, acting=acting, expires_at=None)
    access.refresh_from_db()
    assert access.expires_at is None


def test_r14_suspend_resume_and_remove_end_live_sessions(
    api_client, token, store, owner, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store)
    member = PartnerMember.objects.get(user=collaborator)
    first = store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
    )
    # suspend
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborators/{access.pk}/suspend", token=token(owner)
    )
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    assert StoreSession.objects.get(pk=first.session.pk).ended_at is not None
    assert api_client.get(f"/api/v1/stores/{store.pk}/products", token=first.raw).status_code in (
        401,
        404,
    )
    # resume
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborators/{access.pk}/resume", token=token(owner)
    )
    assert response.json()["status"] == "active"
    second = store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
    )
    # remove
    response = api_client.delete(
        f"/api/v1/stores/{store.pk}/collaborators/{access.pk}", token=token(owner)
    )
    assert response.status_code == 204
    assert StoreSession.objects.get(pk=second.session.pk).ended_at is not None
    access.refresh_from_db()
    assert access.status == "removed" and access.removed_by == owner
    assert (
        PartnerStoreEntry.objects.get(organization=partner_org, store=store).status
        == "access_removed"
    )


def test_r14_wrong_states_are_409(store, owner, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)
    acting = store_acting(owner, store)
    with pytest.raises(ApplicationError) as refused:
        collaborator_access_resume(access=access, acting=acting)
    assert refused.value.status == 409
    collaborator_access_remove(access=access, acting=acting)
    for action in (collaborator_access_suspend, collaborator_access_remove):
        with pytest.raises(ApplicationError) as refused:
            action(access=access, acting=acting)
        assert refused.value.code == "invalid_state"


def test_r15_view_regenerate_and_switch_off_the_code(
    api_client, token, store, owner, partner_org, collaborator
):
    old = store.request_code
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-code/regenerate", token=token(owner)
    )
    new = response.json()["code"]
    assert response.status_code == 200 and len(new) == 4 and new.isdigit()
    if new != old:  # one chance in 10,000 that the CSPRNG draws the same code
        with pytest.raises(ApplicationError) as refused:
            request_access(partner_org, collaborator, store, code=old)
        assert refused.value.code == "invalid_request_code"
    # switch the requirement off
    response = api_client.patch(
        f"/api/v1/stores/{store.pk}/collaborator-code", json={"required": False}, token=token(owner)
    )
    assert response.json()["required"] is False
    assert request_access(partner_org, collaborator, store, code=None).status == "pending"


def test_r16_collaborators_never_count_toward_the_staff_limit(store, owner, partner_org):
    # given a Basic store (limit 2) with more collaborators than that
    from tests.collaborators.conftest import manager_of
    from tests.factories import PartnerOrganizationFactory

    for _ in range(3):
        org = PartnerOrganizationFactory()
        grant(org, manager_of(org), store)
    acting = store_acting(owner, store)
    # when staff are invited up to the limit, then one more
    for n in range(store.staff_limit):
        staff_invite(
            store=store,
            email=f"s{n}@example.test",
            permissions=PermissionSet(),
            acting=acting,
        )
    with pytest.raises(ApplicationError) as refused:
        staff_invite(
            store=store,
            email="one-too-many@example.test",
            permissions=PermissionSet(),
            acting=acting,
        )
    # then
    assert refused.value.code == "staff_limit_reached"
    assert StaffMember.objects.filter(store=store).count() == store.staff_limit
    assert CollaboratorAccess.objects.filter(store=store, status="active").count() == 3


def test_r16_staff_api_lists_and_refuses_beyond_the_limit(api_client, token, store, owner):
    for n in range(store.staff_limit):
        response = api_client.post(
            f"/api/v1/stores/{store.pk}/staff",
            json={"email": f"s{n}@example.test", "permissions": ["orders.view"]},
            token=token(owner),
        )
        assert response.status_code == 201
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/staff", json={"email": "x@example.test"}, token=token(owner)
    )
    assert response.status_code == 409 and error_code(response) == "staff_limit_reached"
    listed = api_client.get(f"/api/v1/stores/{store.pk}/staff", token=token(owner)).json()
    assert listed["staff_count"] == store.staff_limit == len(listed["items"])


@pytest.mark.parametrize("status", ["active", "suspended"])
def test_r07_store_cannot_invite_a_member_of_a_collaborating_organization(
    api_client, token, store, owner, partner_org, collaborator, status
):
    access = grant(partner_org, collaborator, store)
    if status == "suspended":
        collaborator_access_suspend(access=access, acting=store_acting(owner, store))
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/staff",
        json={"email": collaborator.email.upper(), "permissions": []},
        token=token(owner),
    )
    assert response.status_code == 409
    assert error_code(response) == "collaborator_access_exists"
    assert "Remove that collaborator access first" in response.json()["error"]["message"]
    assert not StaffMember.objects.filter(email=collaborator.email).exists()


def test_r07_after_removal_the_person_can_be_invited(store, owner, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)
    acting = store_acting(owner, store)
    collaborator_access_remove(access=access, acting=acting)
    member = staff_invite(
        store=store,
        email=collaborator.email,
        permissions=PermissionSet(),
        acting=acting,
    )
    assert member.status == "invited" and member.user == collaborator


def test_r12_approve_uses_the_wished_duration_as_the_default_end_date(
    store, owner, partner_org, collaborator
):
    request = request_access(partner_org, collaborator, store, duration_days=14)
    access = collaborator_request_approve(request=request, acting=store_acting(owner, store))
    assert access.expires_at is not None
    assert timedelta(days=13) < access.expires_at - timezone.now() <= timedelta(days=14)


def test_r11_end_date_in_the_past_is_refused(api_client, token, store, owner, pending):
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{pending.pk}/approve",
        json={"expires_at": "2001-01-01T00:00:00Z"},
        token=token(owner),
    )
    assert response.status_code == 400 and error_code(response) == "validation_error"
    assert CollaboratorRequest.objects.get(pk=pending.pk).status == "pending"


def test_r11_preset_can_be_applied_while_editing(store, owner, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)
    response_perms = Preset.MARKETING.permissions
    collaborator_access_update(
        access=access,
        acting=store_acting(owner, store),
        permissions=response_perms,
    )
    access.refresh_from_db()
    assert access.permissions == response_perms


def test_r04_a_new_user_is_linked_and_the_outsider_sees_nothing(api_client, token, store, pending):
    nobody = UserFactory()
    response = api_client.get(f"/api/v1/stores/{store.pk}/notifications", token=token(nobody))
    assert response.status_code == 404
