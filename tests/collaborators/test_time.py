"""Time: end dates (R23), extension requests (R23) and inactivity (R24), run by the jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from storegate.collaborators.models import CollaboratorAccess, PartnerStoreEntry, StoreSession
from storegate.collaborators.services import (
    collaborator_extension_request_create,
    collaborator_request_approve,
    process_end_dates,
    process_inactivity,
)
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError
from storegate.notifications.models import Notification, OutboxMessage
from storegate.partners.models import PartnerMember, PartnerOrganization
from tests.collaborators.conftest import grant
from tests.factories import member_acting, store_acting

pytestmark = pytest.mark.django_db


def _kinds(kind):
    return Notification.objects.filter(kind=kind)


def test_r23_both_sides_are_warned_7_days_and_1_day_before_once_each(
    store, owner, partner_org, collaborator, partner_admin
):
    now = timezone.now()
    access = grant(partner_org, collaborator, store, expires_at=now + timedelta(days=10))
    # when the job runs often, 8, 6.5 and 0.5 days before the end
    assert process_end_dates(now=now + timedelta(days=2)) == {"warned": 0, "expired": 0}
    for shift in (3.5, 3.6, 4.0):
        process_end_dates(now=now + timedelta(days=shift))
    # then one 7-day warning went to both sides
    seven = _kinds("collaborator.expiry_7")
    assert set(seven.values_list("recipient_id", flat=True)) == {
        owner.pk,
        collaborator.pk,
        partner_admin.pk,
    }
    assert seven.count() == 3
    for shift in (9.5, 9.6):
        process_end_dates(now=now + timedelta(days=shift))
    assert _kinds("collaborator.expiry_1").count() == 3
    access.refresh_from_db()
    assert len(access.warnings_sent) == 2


def test_r23_access_ends_at_its_end_date_sessions_end_and_both_sides_are_told(
    store, owner, partner_org, collaborator
):
    now = timezone.now()
    access = grant(partner_org, collaborator, store, expires_at=now + timedelta(days=3))
    collaborating = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        acting=member_acting(collaborating),
        member=collaborating,
        store_id=store.pk,
        two_factor=True,
    )
    # when
    result = process_end_dates(now=now + timedelta(days=3, seconds=1))
    again = process_end_dates(now=now + timedelta(days=3, seconds=2))
    # then
    assert result["expired"] == 1 and again["expired"] == 0
    access.refresh_from_db()
    assert access.status == "expired"
    assert StoreSession.objects.get(pk=session.session.pk).ended_at is not None
    assert PartnerStoreEntry.objects.get(store=store).status == "expired"
    told = set(_kinds("collaborator.access_expired").values_list("recipient_id", flat=True))
    assert {owner.pk, collaborator.pk} <= told


def test_r23_partner_asks_for_an_extension_and_the_merchant_approves_it_like_a_request(
    api_client, token, store, owner, partner_org, collaborator
):
    now = timezone.now()
    access = grant(partner_org, collaborator, store, expires_at=now + timedelta(days=5))
    # when the partner asks
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/extension-requests",
        json={"duration_days": 30, "message": "Peak season"},
        token=token(collaborator),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "extension" and body["status"] == "pending"
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 1
    # the merchant sees it among the requests and approves it
    listed = api_client.get(f"/api/v1/stores/{store.pk}/collaborator-requests", token=token(owner))
    assert [r["id"] for r in listed.json()["items"]] == [body["id"]]
    approved = api_client.post(
        f"/api/v1/stores/{store.pk}/collaborator-requests/{body['id']}/approve", token=token(owner)
    )
    assert approved.status_code == 200, approved.content
    # then
    access.refresh_from_db()
    assert timedelta(days=34) < access.expires_at - now <= timedelta(days=35, seconds=5)
    assert access.status == "active"
    assert PartnerOrganization.objects.get(pk=partner_org.pk).pending_requests == 0
    assert _kinds("collaborator.extension_approved").exists()


def test_r23_extension_needs_an_end_date_and_an_active_access(
    store, owner, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store)
    member = PartnerMember.objects.get(user=collaborator)
    with pytest.raises(ApplicationError) as refused:
        collaborator_extension_request_create(
            access=access, acting=member_acting(member), duration_days=10
        )
    assert refused.value.code == "invalid_state"


def test_r23_a_new_end_date_rearms_the_warnings(store, owner, partner_org, collaborator):
    now = timezone.now()
    access = grant(partner_org, collaborator, store, expires_at=now + timedelta(days=6))
    process_end_dates(now=now)
    assert _kinds("collaborator.expiry_7").exists()
    from storegate.collaborators.services import collaborator_access_update

    collaborator_access_update(
        access=access,
        acting=store_acting(owner, store),
        expires_at=now + timedelta(days=20),
    )
    before = _kinds("collaborator.expiry_7").count()
    process_end_dates(now=now + timedelta(days=14))
    assert _kinds("collaborator.expiry_7").count() == before * 2


def test_r24_unused_access_is_warned_14_and_3_days_before_then_removed(
    store, owner, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store)
    start = access.granted_at
    # nothing before day 76
    assert process_inactivity(now=start + timedelta(days=75)) == {"warned": 0, "removed": 0}
    assert process_inactivity(now=start + timedelta(days=76, minutes=1))["warned"] == 1
    assert process_inactivity(now=start + timedelta(days=77))["warned"] == 0
    assert process_inactivity(now=start + timedelta(days=87, minutes=1))["warned"] == 1
    # not before the 90 days
    assert process_inactivity(now=start + timedelta(days=89))["removed"] == 0
    result = process_inactivity(now=start + timedelta(days=90, minutes=2))
    assert result["removed"] == 1
    access.refresh_from_db()
    assert access.status == "removed" and access.removed_by is None
    assert PartnerStoreEntry.objects.get(store=store).status == "access_removed"
    assert _kinds("collaborator.inactivity_14").filter(recipient=owner).count() == 1
    assert _kinds("collaborator.inactivity_3").filter(recipient=collaborator).count() == 1
    assert _kinds("collaborator.access_removed_inactive").filter(recipient=owner).exists()


def test_r24_a_log_in_counts_as_use_and_resets_the_clock(store, owner, partner_org, collaborator):
    access = grant(partner_org, collaborator, store)
    start = access.granted_at
    process_inactivity(now=start + timedelta(days=80))
    CollaboratorAccess.objects.filter(pk=access.pk).update(last_login_at=start + timedelta(days=85))
    assert process_inactivity(now=start + timedelta(days=95))["removed"] == 0
    access.refresh_from_db()
    assert access.status == "active"


def test_r24_period_is_per_store_and_zero_turns_it_off(store, owner, partner_org, collaborator):
    store.inactivity_days = 0
    store.save()
    access = grant(partner_org, collaborator, store)
    assert process_inactivity(now=access.granted_at + timedelta(days=400)) == {
        "warned": 0,
        "removed": 0,
    }
    store.inactivity_days = 20
    store.save()
    process_inactivity(now=access.granted_at + timedelta(days=17, minutes=1))
    assert process_inactivity(now=access.granted_at + timedelta(days=21))["removed"] == 1


def test_r24_a_shortened_period_still_gives_three_days_notice(
    store, owner, partner_org, collaborator
):
    access = grant(partner_org, collaborator, store)
    later = access.granted_at + timedelta(days=60)
    store.inactivity_days = 30
    store.save()
    # the access is already 30 days past the new limit: a warning first, removal 3 days later
    first = process_inactivity(now=later)
    assert first == {"warned": 1, "removed": 0}
    assert process_inactivity(now=later + timedelta(days=2))["removed"] == 0
    assert process_inactivity(now=later + timedelta(days=3, minutes=1))["removed"] == 1


def test_r23_r24_jobs_write_their_messages_through_the_outbox(
    store, owner, partner_org, collaborator
):
    now = timezone.now()
    grant(partner_org, collaborator, store, expires_at=now + timedelta(days=2))
    before = OutboxMessage.objects.filter(kind="email").count()
    process_end_dates(now=now)
    templates = {m.payload["template"] for m in OutboxMessage.objects.filter(kind="email")[before:]}
    assert templates == {"collab_access_expiring"}


def test_r23_a_collaborator_cannot_approve_its_own_extension(
    store, owner, partner_org, collaborator
):
    from storegate.stores.permissions import ALL_BITS

    now = timezone.now()
    access = grant(partner_org, collaborator, store, expires_at=now + timedelta(days=5))
    CollaboratorAccess.objects.filter(pk=access.pk).update(permissions_mask=ALL_BITS)
    member = PartnerMember.objects.get(user=collaborator)
    request = collaborator_extension_request_create(
        access=access, acting=member_acting(member), duration_days=90
    )
    session = store_session_open(
        acting=member_acting(member), member=member, store_id=store.pk, two_factor=True
    )
    from storegate.access.store_access import resolve_store_access

    reviewer = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token=session.raw
    )
    with pytest.raises(ApplicationError) as refused:
        collaborator_request_approve(
            request=request, acting=Acting(user=collaborator, access=reviewer)
        )
    assert refused.value.code == "permission_denied"
