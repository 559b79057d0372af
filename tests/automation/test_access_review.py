"""R26: the access-review digest and emergency removal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from storegate.audit.models import AuditEvent
from storegate.collaborators.models import CollaboratorAccess, StoreSession
from storegate.collaborators.review import (
    access_review_build,
    access_review_digest_send,
    access_review_send_due,
)
from storegate.core.crypto import hash_token
from storegate.notifications.models import OutboxMessage
from storegate.partners.models import PartnerMember
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet
from storegate.stores.permissions import StorePermission as P
from tests.factories import CollaboratorAccessFactory, PartnerOrganizationFactory, StoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(store, partner_org, collaborator):
    """A store 40 days old with one active access (partly used), one suspended access (unused),
    one removed access, and an access to another store."""
    now = timezone.now()
    Store.objects.filter(pk=store.pk).update(created_at=now - timedelta(days=40))
    store.refresh_from_db()
    handled = CollaboratorAccessFactory(
        store=store,
        organization=partner_org,
        permissions=[P.ORDERS_VIEW, P.PRODUCTS_VIEW, P.INVENTORY_MANAGE],
        used_permissions_mask=P.ORDERS_VIEW.bit | P.INVENTORY_MANAGE.bit,
        last_login_at=now - timedelta(days=2),
        expires_at=now + timedelta(days=60),
    )
    StoreSession.objects.create(
        access=handled,
        store=store,
        user=collaborator,
        member=PartnerMember.objects.get(user=collaborator),
        token_hash=hash_token("sgs_test"),
        expires_at=now,
    )
    zonos = CollaboratorAccessFactory(
        store=store,
        organization=PartnerOrganizationFactory(name="Zonos"),
        permissions=[P.THEMES_MANAGE],
        status="suspended",
    )
    removed = CollaboratorAccessFactory(
        store=store,
        organization=PartnerOrganizationFactory(name="Gone"),
        permissions=[P.ORDERS_VIEW],
        status="removed",
    )
    elsewhere = CollaboratorAccessFactory(
        store=StoreFactory(), organization=partner_org, permissions=[P.ORDERS_VIEW]
    )
    return {
        "now": now,
        "handled": handled,
        "zonos": zonos,
        "removed": removed,
        "elsewhere": elsewhere,
    }


def test_r26_digest_lists_exactly_the_accesses_and_unused_permissions_of_the_period(
    store, owner, period, collaborator
):
    # when
    digest = access_review_build(store=store, now=period["now"])
    # then: the two live accesses of this store, nothing else
    by_org = {e.organization_name: e for e in digest.entries}
    assert set(by_org) == {"Handled", "Zonos"}
    handled, zonos = by_org["Handled"], by_org["Zonos"]
    assert set(handled.unused_codes) == {"products.view", "inventory.view"}
    assert set(zonos.unused_codes) == {"themes.manage", "themes.view"}
    assert handled.last_login_at == period["handled"].last_login_at
    assert [p.email for p in handled.people] == [collaborator.email]
    assert zonos.last_login_at is None and zonos.status == "suspended"


def test_r26_digest_email_goes_to_the_owner_with_removal_links(store, owner, period):
    # when
    sent = access_review_digest_send(store=store, now=period["now"])
    # then
    assert sent is True
    message = OutboxMessage.objects.get(kind="email", payload__template="review_digest")
    assert message.payload["to"] == [owner.email]
    body = message.payload["body"]
    assert "Handled" in body and "Zonos" in body and "Gone" not in body
    assert "products.view, inventory.view" in body or "inventory.view, products.view" in body
    assert (
        f"/stores/{store.pk}/settings/collaborators/review/{period['handled'].pk}/remove/" in body
    )
    assert f"/stores/{store.pk}/settings/collaborators/review/{period['zonos'].pk}/remove/" in body
    assert "2 collaborators" in message.payload["subject"]
    assert AuditEvent.objects.filter(store=store, action="access_review.digest_sent").exists()


def test_r26_digest_starts_a_new_period_and_is_sent_once_per_interval(
    store, owner, period, settings
):
    # given
    settings.STOREGATE_REVIEW_DIGEST_DAYS = 30
    now = period["now"]
    assert access_review_digest_send(store=store, now=now)
    # then the usage of every listed access starts again, and the store's clock moved
    handled = CollaboratorAccess.objects.get(pk=period["handled"].pk)
    assert handled.used_permissions_mask == 0 and handled.usage_period_started_at == now
    assert CollaboratorAccess.objects.get(pk=period["elsewhere"].pk).used_permissions_mask == 0
    store.refresh_from_db()
    assert store.last_review_digest_at == now
    # when it runs again in the same period (another worker, a retry, a day later)
    assert not access_review_digest_send(store=store, now=now)
    assert not access_review_digest_send(store=store, now=now + timedelta(days=29))
    assert OutboxMessage.objects.filter(payload__template="review_digest").count() == 1
    # and in the next period, only what was used in that period counts as used
    CollaboratorAccess.objects.filter(pk=handled.pk).update(
        used_permissions_mask=PermissionSet.of([P.PRODUCTS_VIEW]).mask
    )
    digest = access_review_build(store=store, now=now + timedelta(days=30))
    entry = next(e for e in digest.entries if e.organization_name == "Handled")
    assert set(entry.unused_codes) == {"orders.view", "inventory.manage", "inventory.view"}
    assert access_review_digest_send(store=store, now=now + timedelta(days=30))
    assert OutboxMessage.objects.filter(payload__template="review_digest").count() == 2


def test_r26_periodic_job_sends_due_digests_only(store, owner, period):
    # given a young store with an access (not due) beside the 40-day-old one (due)
    young = StoreFactory()
    CollaboratorAccessFactory(store=young, permissions=[P.ORDERS_VIEW])
    # when
    sent = access_review_send_due(now=period["now"])
    again = access_review_send_due(now=period["now"])
    # then
    assert sent == 1 and again == 0
    recipients = [
        m.payload["to"] for m in OutboxMessage.objects.filter(payload__template="review_digest")
    ]
    assert recipients == [[owner.email]]


def test_r26_no_digest_for_a_store_without_collaborators(owner):
    lonely = StoreFactory(owner=owner)
    Store.objects.filter(pk=lonely.pk).update(created_at=timezone.now() - timedelta(days=60))
    lonely.refresh_from_db()
    assert not access_review_digest_send(store=lonely)
    assert not OutboxMessage.objects.filter(payload__template="review_digest").exists()
    lonely.refresh_from_db()
    assert lonely.last_review_digest_at is not None


def _page(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_r26_remove_link_removes_the_access_after_confirmation(store, owner, period):
    # given
    client = _page(owner)
    url = f"/stores/{store.pk}/settings/collaborators/review/{period['handled'].pk}/remove/"
    # when
    response = client.post(url)
    # then
    assert response.status_code == 302
    assert CollaboratorAccess.objects.get(pk=period["handled"].pk).status == "removed"
    assert CollaboratorAccess.objects.get(pk=period["zonos"].pk).status == "suspended"
    # and a second click finds nothing left to remove
    assert client.post(url).status_code == 404


def test_r26_remove_all_collaborators_is_confirmed_removes_every_live_access_and_is_audited(
    store, owner, period
):
    client = _page(owner)
    url = f"/stores/{store.pk}/settings/collaborators/review/remove-all/"
    # a wrong confirmation removes nothing
    refused = client.post(url, {"confirm_handle": "not-the-handle"})
    assert refused.status_code == 200
    assert CollaboratorAccess.objects.filter(store=store, status="active").exists()
    # when confirmed
    response = client.post(url, {"confirm_handle": store.handle})
    # then
    assert response.status_code == 302
    statuses = set(CollaboratorAccess.objects.filter(store=store).values_list("status", flat=True))
    assert statuses == {"removed"}
    assert CollaboratorAccess.objects.get(pk=period["elsewhere"].pk).status == "active"
    event = AuditEvent.objects.get(store=store, action="collaborator.removed_all")
    assert event.actor == owner
    assert sorted(event.after["organizations"]) == ["Handled", "Zonos"]
    assert event.after["count"] == 2
    # the live sessions ended too (R14)
    assert not StoreSession.objects.filter(access=period["handled"], ended_at__isnull=True).exists()


def test_r26_staff_without_collaborators_manage_cannot_remove(store, period):
    from tests.factories import StaffMemberFactory

    member = StaffMemberFactory(store=store, permissions=["orders.view"])
    response = _page(member.user).post(
        f"/stores/{store.pk}/settings/collaborators/review/remove-all/",
        {"confirm_handle": store.handle},
    )
    assert response.status_code == 403
    assert CollaboratorAccess.objects.filter(store=store, status="active").exists()


def test_r26_staff_with_collaborators_manage_may_remove_all(store, staff, period):
    response = _page(staff).post(
        f"/stores/{store.pk}/settings/collaborators/review/remove-all/",
        {"confirm_handle": store.handle},
    )
    assert response.status_code == 302
    assert not CollaboratorAccess.objects.filter(store=store, status__in=["active", "suspended"])
