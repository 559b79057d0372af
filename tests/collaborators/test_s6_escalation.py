"""S6: no escalation path through the collaborator and staff workflows."""

from __future__ import annotations

import pytest

from storegate.access.store_access import resolve_store_access
from storegate.collaborators.models import CollaboratorAccess
from storegate.collaborators.services import collaborator_access_update
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerMember
from storegate.stores.models import StaffMember
from storegate.stores.permissions import PermissionSet, StorePermission
from storegate.stores.services import staff_invite, staff_update
from tests.collaborators.conftest import grant
from tests.conftest import error_code
from tests.factories import StaffMemberFactory, member_acting, store_acting

pytestmark = pytest.mark.django_db
P = StorePermission


def test_s6_staff_cannot_widen_a_collaborator_beyond_what_they_hold(
    store, staff, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store, permissions=PermissionSet.of([P.ORDERS_VIEW]))
    with pytest.raises(ApplicationError) as refused:
        collaborator_access_update(
            access=access,
            acting=store_acting(staff, store),
            permissions=PermissionSet.of([P.ORDERS_VIEW, P.CUSTOMERS_EXPORT]),
        )
    assert refused.value.code == "permission_not_grantable"
    access.refresh_from_db()
    assert access.permissions == PermissionSet.of([P.ORDERS_VIEW])


def test_s6_staff_may_narrow_what_they_do_not_hold(store, staff, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)  # fulfilment: more than staff holds
    collaborator_access_update(
        access=access,
        acting=store_acting(staff, store),
        permissions=PermissionSet.of([P.ORDERS_VIEW]),
    )
    access.refresh_from_db()
    assert access.permissions == PermissionSet.of([P.ORDERS_VIEW])


def test_s6_staff_cannot_give_themselves_or_others_more_than_they_hold(api_client, token, store):
    manager = StaffMemberFactory(store=store, permissions=[P.STAFF_MANAGE, P.ORDERS_VIEW])
    # themselves
    response = api_client.patch(
        f"/api/v1/stores/{store.pk}/staff/{manager.pk}",
        json={"permissions": ["staff.manage", "orders.view", "settings.manage"]},
        token=token(manager.user),
    )
    assert response.status_code == 403 and error_code(response) == "permission_not_grantable"
    # a new invitation
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/staff",
        json={"email": "new@example.test", "permissions": ["collaborators.manage"]},
        token=token(manager.user),
    )
    assert response.status_code == 403
    assert not StaffMember.objects.filter(email="new@example.test").exists()


def test_s6_owner_only_actions_are_never_grantable_to_staff(api_client, token, store, owner):
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/staff",
        json={"email": "new@example.test", "permissions": ["owner.close_store"]},
        token=token(owner),
    )
    assert response.status_code == 403 and error_code(response) == "permission_not_grantable"


def test_s6_a_partner_cannot_widen_its_own_grant(
    api_client, token, store, partner_org, collaborator
):
    # given a collaborator with collaborators.manage among a narrow grant
    access = grant(
        partner_org,
        collaborator,
        store,
        permissions=PermissionSet.of([P.ORDERS_VIEW, P.COLLABORATORS_MANAGE]),
    )
    collaborating = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        acting=member_acting(collaborating),
        member=collaborating,
        store_id=store.pk,
        two_factor=True,
    )
    # when it tries to edit its own access through the store API
    response = api_client.patch(
        f"/api/v1/stores/{store.pk}/collaborators/{access.pk}",
        json={"preset": "full_access"},
        token=session.raw,
    )
    # then
    assert response.status_code == 403
    access.refresh_from_db()
    assert access.permissions == PermissionSet.of([P.ORDERS_VIEW, P.COLLABORATORS_MANAGE])
    # and its personal token gets nowhere on the store side
    response = api_client.patch(
        f"/api/v1/stores/{store.pk}/collaborators/{access.pk}",
        json={"preset": "full_access"},
        token=token(collaborator),
    )
    assert response.status_code == 403
    assert error_code(response) == "login_through_partner_dashboard"
    assert CollaboratorAccess.objects.get(pk=access.pk).permissions_mask == access.permissions_mask


def test_s6_a_collaborator_reviewer_grants_only_what_it_holds(store, partner_org, collaborator):
    from tests.collaborators.conftest import manager_of, request_access
    from tests.factories import PartnerOrganizationFactory

    grant(
        partner_org,
        collaborator,
        store,
        permissions=PermissionSet.of([P.ORDERS_VIEW, P.COLLABORATORS_MANAGE]),
    )
    collaborating = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        acting=member_acting(collaborating),
        member=collaborating,
        store_id=store.pk,
        two_factor=True,
    )
    reviewer = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token=session.raw
    )
    other = PartnerOrganizationFactory()
    request = request_access(other, manager_of(other), store, preset="full_access")
    from storegate.collaborators.services import collaborator_request_approve

    with pytest.raises(ApplicationError) as refused:
        collaborator_request_approve(
            request=request, acting=Acting(user=collaborator, access=reviewer)
        )
    assert refused.value.code == "permission_not_grantable"


def test_s6_staff_update_within_bounds_works(store, owner):
    member = StaffMemberFactory(store=store, permissions=[P.ORDERS_VIEW])
    updated = staff_update(
        store=store,
        staff=member,
        permissions=PermissionSet.of([P.PRODUCTS_VIEW]),
        acting=store_acting(owner, store),
    )
    assert updated.permissions == PermissionSet.of([P.PRODUCTS_VIEW])
    invited = staff_invite(
        store=store,
        email="x@example.test",
        permissions=PermissionSet.all(),
        acting=store_acting(owner, store),
    )
    assert invited.permissions == PermissionSet.all()
