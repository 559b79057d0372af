"""Requesting access, R01–R09 (partner side)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from storegate.collaborators.models import (
    CollaboratorRequest,
    PartnerStoreEntry,
    RequestCodeAttempt,
)
from storegate.collaborators.services import (
    collaborator_request_cancel,
    expire_pending_requests,
)
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.notifications.models import Notification, OutboxMessage
from storegate.partners.models import PartnerOrganization, PartnerRole
from storegate.stores.models import StaffStatus
from storegate.stores.permissions import PermissionSet, Preset, StorePermission
from tests.collaborators.conftest import grant, manager_of, request_access
from tests.conftest import error_code
from tests.factories import (
    PartnerMemberFactory,
    StaffMemberFactory,
    StoreFactory,
    UserFactory,
    store_acting,
)

pytestmark = pytest.mark.django_db


def _post(api_client, token, org, body):
    return api_client.post(f"/api/v1/partners/{org.pk}/access-requests", json=body, token=token)


def test_r01_store_manager_requests_access_by_store_url(
    api_client, token, partner_org, collaborator, store
):
    # when
    response = _post(
        api_client,
        token(collaborator),
        partner_org,
        {"store": store.url, "code": store.request_code, "preset": "fulfilment"},
    )
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["store"]["handle"] == store.handle
    assert set(body["permissions"]) == set(Preset.FULFILMENT.permissions.codes())


def test_r01_store_named_by_handle_works_too(api_client, token, partner_org, collaborator, store):
    response = _post(
        api_client,
        token(collaborator),
        partner_org,
        {"store": store.handle, "code": store.request_code, "permissions": ["orders.view"]},
    )
    assert response.status_code == 201


def test_r01_unknown_store_is_a_clear_error(api_client, token, partner_org, collaborator):
    response = _post(
        api_client,
        token(collaborator),
        partner_org,
        {"store": "https://nope.storegate.test", "code": "1234", "preset": "fulfilment"},
    )
    assert response.status_code == 404
    assert error_code(response) == "store_not_found"
    assert not CollaboratorRequest.objects.exists()


def test_r01_store_viewer_cannot_request(api_client, token, partner_org, store):
    viewer = PartnerMemberFactory(organization=partner_org, role=PartnerRole.STORE_VIEWER).user
    response = _post(
        api_client,
        token(viewer),
        partner_org,
        {"store": store.handle, "code": store.request_code, "preset": "fulfilment"},
    )
    assert response.status_code == 403
    assert not CollaboratorRequest.objects.exists()


def test_r02_new_store_requires_a_four_digit_code(store):
    assert store.request_code_required is True
    assert len(store.request_code) == 4 and store.request_code.isdigit()


@pytest.mark.parametrize(
    ("code", "expected", "attempts"),
    [
        (None, "request_code_required", 0),
        ("", "request_code_required", 0),
        ("12a4", "validation_error", 0),
    ],
)
def test_r02_missing_or_malformed_code_sends_nothing(
    partner_org, collaborator, store, code, expected, attempts
):
    # when
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, collaborator, store, code=code)
    # then
    assert refused.value.code == expected
    assert not CollaboratorRequest.objects.exists()
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert RequestCodeAttempt.objects.count() == attempts


def test_r02_wrong_code_sends_nothing_but_is_recorded(partner_org, collaborator, store):
    wrong = f"{(int(store.request_code) + 1) % 10000:04d}"
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, collaborator, store, code=wrong)
    assert refused.value.code == "invalid_request_code"
    assert not CollaboratorRequest.objects.exists()
    assert not Notification.objects.filter(store=store).exists()
    assert RequestCodeAttempt.objects.filter(succeeded=False).count() == 1


def test_r02_with_the_setting_off_anyone_can_send_a_request(partner_org, collaborator, store):
    store.request_code_required = False
    store.save()
    request = request_access(partner_org, collaborator, store, code=None)
    assert request.status == "pending"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"preset": "full_access"}, PermissionSet.all()),
        ({"preset": "cross_border"}, Preset.CROSS_BORDER.permissions),
        (
            {"permissions": ["orders.manage_information"]},
            PermissionSet.of(["orders.manage_information"]),
        ),
        (
            {"permissions": ["products.manage"]},
            PermissionSet.of(["products.manage", "products.view"]),
        ),
    ],
)
def test_r03_request_carries_permissions_preset_or_full_access(
    partner_org, collaborator, store, kwargs, expected
):
    request = request_access(
        partner_org,
        collaborator,
        store,
        message="We run your warehouse.",
        duration_days=90,
        preset=kwargs.get("preset"),
        permissions=kwargs.get("permissions"),
    )
    assert request.permissions == expected
    assert request.message == "We run your warehouse."
    assert request.duration_days == 90


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"permissions": ["orders.fly"]}, 400, "validation_error"),
        ({"permissions": []}, 400, "validation_error"),
        ({}, 400, "validation_error"),
        ({"preset": "everything"}, 400, "validation_error"),
        ({"permissions": ["owner.billing"]}, 403, "permission_not_grantable"),
        ({"preset": "fulfilment", "message": "x" * 1001}, 400, "validation_error"),
        ({"preset": "fulfilment", "duration_days": 0}, 400, "validation_error"),
        ({"preset": "fulfilment", "duration_days": "soon"}, 422, "validation_error"),
        ({"preset": "fulfilment", "code": "99999"}, 400, "validation_error"),
    ],
)
def test_r03_bad_input_is_a_4xx_with_a_code_and_changes_nothing(
    api_client, token, partner_org, collaborator, store, body, status, code
):
    payload = {"store": store.handle, "code": store.request_code, **body}
    response = _post(api_client, token(collaborator), partner_org, payload)
    assert response.status_code == status, response.content
    assert error_code(response) == code
    assert not CollaboratorRequest.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0


def test_r04_owner_and_reviewing_staff_get_email_and_home_notification(
    partner_org, collaborator, store, owner, staff
):
    # given a staff member without collaborators.manage, who must not be told
    quiet = StaffMemberFactory(store=store, permissions=[StorePermission.ORDERS_VIEW]).user
    # when
    request = request_access(partner_org, collaborator, store)
    # then
    recipients = {m.payload["to"][0] for m in OutboxMessage.objects.filter(kind="email")}
    assert recipients == {owner.email, staff.email}
    mail = OutboxMessage.objects.filter(kind="email").first().payload
    assert mail["subject"] == f"Request for store access from {partner_org.name}"
    assert f"/stores/{store.pk}/settings/collaborators/requests/{request.pk}/" in mail["body"]
    notified = set(Notification.objects.filter(store=store).values_list("recipient_id", flat=True))
    assert notified == {owner.pk, staff.pk}
    assert quiet.pk not in notified


def test_r05_eleventh_pending_request_is_refused(partner_org, collaborator):
    # given ten pending requests
    stores = [StoreFactory() for _ in range(11)]
    for store in stores[:10]:
        request_access(partner_org, collaborator, store)
    # when
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, collaborator, stores[10])
    # then
    assert refused.value.code == "pending_limit_reached"
    assert CollaboratorRequest.objects.filter(status="pending").count() == 10
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 10


def test_r05_there_is_no_limit_on_managed_stores(partner_org, collaborator):
    for _ in range(12):
        grant(partner_org, collaborator, StoreFactory())
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0
    assert request_access(partner_org, collaborator, StoreFactory()).status == "pending"


def test_r06_user_with_staff_account_is_refused(partner_org, store):
    user = manager_of(partner_org)
    StaffMemberFactory(store=store, user=user)
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, user, store)
    assert refused.value.code == "staff_account_exists"
    assert "remove the staff account" in refused.value.message


def test_r06_invited_staff_counts_as_staff(partner_org, store):
    user = manager_of(partner_org, email="invited@handled.test")
    StaffMemberFactory(
        store=store, user=None, email="INVITED@handled.test", status=StaffStatus.INVITED
    )
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, user, store)
    assert refused.value.code == "staff_account_exists"


def test_r06_second_pending_request_is_refused(partner_org, collaborator, partner_admin, store):
    request_access(partner_org, collaborator, store)
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, partner_admin, store)
    assert refused.value.code == "request_already_pending"
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 1


@pytest.mark.parametrize("suspend", [False, True])
def test_r06_request_while_access_is_active_or_suspended_is_refused(
    partner_org, collaborator, store, suspend
):
    access = grant(partner_org, collaborator, store)
    if suspend:
        from storegate.collaborators.services import collaborator_access_suspend

        collaborator_access_suspend(access=access, acting=store_acting(store.owner, store))
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, collaborator, store)
    assert refused.value.code == "access_already_exists"


def test_r08_cancel_stops_counting_and_leaves_the_merchants_list(
    api_client, token, partner_org, collaborator, store, owner
):
    request = request_access(partner_org, collaborator, store)
    # when
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/access-requests/{request.pk}/cancel",
        token=token(collaborator),
    )
    # then
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0
    listed = api_client.get(
        f"/api/v1/stores/{store.pk}/collaborator-requests", token=token(owner)
    ).json()
    assert listed["items"] == []
    assert (
        PartnerStoreEntry.objects.get(organization=partner_org, store=store).status == "cancelled"
    )


def test_r08_cancelling_twice_is_a_409(partner_org, collaborator, store):
    request = request_access(partner_org, collaborator, store)
    collaborator_request_cancel(request=request, acting=Acting.as_user(collaborator))
    with pytest.raises(ApplicationError) as refused:
        collaborator_request_cancel(request=request, acting=Acting.as_user(collaborator))
    assert refused.value.status == 409
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0


def test_r09_pending_request_expires_after_30_days_and_the_partner_is_told(
    partner_org, collaborator, partner_admin, store
):
    request = request_access(partner_org, collaborator, store)
    # when the job runs a day before and a day after the 30 days
    assert expire_pending_requests(now=timezone.now() + timedelta(days=29)) == 0
    later = timezone.now() + timedelta(days=30, minutes=1)
    assert expire_pending_requests(now=later) == 1
    assert expire_pending_requests(now=later) == 0  # idempotent
    # then
    request.refresh_from_db()
    assert request.status == "expired"
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0
    assert PartnerStoreEntry.objects.get(organization=partner_org, store=store).status == "expired"
    told = set(
        Notification.objects.filter(
            organization=partner_org, kind="collaborator.request_expired"
        ).values_list("recipient_id", flat=True)
    )
    assert told == {collaborator.pk, partner_admin.pk}


def test_r09_expiry_delay_is_configurable(settings, partner_org, collaborator, store):
    settings.STOREGATE_REQUEST_EXPIRY_DAYS = 5
    request = request_access(partner_org, collaborator, store)
    assert expire_pending_requests(now=timezone.now() + timedelta(days=5, minutes=1)) == 1
    request.refresh_from_db()
    assert request.status == "expired"


def test_r06_owner_of_the_store_cannot_request_it_as_a_partner(partner_org, store, owner):
    PartnerMemberFactory(organization=partner_org, user=owner, role=PartnerRole.ADMIN)
    with pytest.raises(ApplicationError) as refused:
        request_access(partner_org, owner, store)
    assert refused.value.code == "staff_account_exists"


def test_r01_member_of_another_organization_gets_404(api_client, token, partner_org, store):
    stranger = UserFactory()
    response = _post(
        api_client, token(stranger), partner_org, {"store": store.handle, "preset": "fulfilment"}
    )
    assert response.status_code == 404
