"""The partner's Stores list, own removal and hiding: R17, R20, R21."""

from __future__ import annotations

import pytest

from storegate.collaborators.models import (
    CollaboratorAccess,
    PartnerStoreEntry,
    StoreSession,
)
from storegate.collaborators.services import (
    collaborator_access_remove,
    collaborator_access_suspend,
    collaborator_request_cancel,
    collaborator_request_decline,
    expire_pending_requests,
)
from storegate.collaborators.sessions import store_session_open
from storegate.core.acting import Acting
from storegate.notifications.models import Notification
from storegate.partners.models import PartnerMember, PartnerRole
from tests.collaborators.conftest import grant, request_access
from tests.conftest import error_code
from tests.factories import PartnerMemberFactory, StoreFactory, member_acting, store_acting

pytestmark = pytest.mark.django_db


def _list(api_client, token, org, user, query=""):
    response = api_client.get(f"/api/v1/partners/{org.pk}/stores{query}", token=token(user))
    assert response.status_code == 200, response.content
    return response.json()


def test_r17_stores_list_shows_every_status_label(api_client, token, partner_org, collaborator):
    from datetime import timedelta

    from django.utils import timezone

    stores = {
        name: StoreFactory(name=name.title(), handle=name)
        for name in (
            "managed",
            "pending",
            "declined",
            "removed",
            "expired",
            "suspended",
            "cancelled",
        )
    }
    grant(partner_org, collaborator, stores["managed"])
    request_access(partner_org, collaborator, stores["pending"])
    for key in ("declined",):
        s = stores[key]
        collaborator_request_decline(
            request=request_access(partner_org, collaborator, s),
            acting=store_acting(s.owner, s),
        )
    s = stores["removed"]
    collaborator_access_remove(
        access=grant(partner_org, collaborator, s),
        acting=store_acting(s.owner, s),
    )
    s = stores["suspended"]
    collaborator_access_suspend(
        access=grant(partner_org, collaborator, s),
        acting=store_acting(s.owner, s),
    )
    collaborator_request_cancel(
        request=request_access(partner_org, collaborator, stores["cancelled"]),
        acting=Acting.as_user(collaborator),
    )
    request_access(partner_org, collaborator, stores["expired"])
    expire_pending_requests(now=timezone.now() + timedelta(days=31))
    # pending was expired by the job as well; make a fresh pending one
    pending_store = StoreFactory(name="Fresh", handle="fresh")
    request_access(partner_org, collaborator, pending_store)
    # when
    items = _list(api_client, token, partner_org, collaborator)["items"]
    # then
    by_handle = {i["store"]["handle"]: i["status"] for i in items}
    assert by_handle == {
        "managed": "managed",
        "pending": "expired",
        "fresh": "pending",
        "declined": "declined",
        "removed": "access_removed",
        "expired": "expired",
        "suspended": "suspended",
        "cancelled": "cancelled",
    }
    managed = next(i for i in items if i["store"]["handle"] == "managed")
    assert "inventory.manage" in managed["permissions"]
    assert managed["store"]["url"] == "https://managed.storegate.test"


def test_r17_list_filters_by_status_and_searches_name_or_handle(
    api_client, token, partner_org, collaborator
):
    grant(partner_org, collaborator, StoreFactory(name="Blue Lagoon", handle="lagoon-shop"))
    request_access(partner_org, collaborator, StoreFactory(name="Red Rock", handle="rr"))
    assert [
        i["store"]["handle"]
        for i in _list(api_client, token, partner_org, collaborator, "?q=BLUE")["items"]
    ] == ["lagoon-shop"]
    assert [
        i["store"]["handle"]
        for i in _list(api_client, token, partner_org, collaborator, "?q=rr")["items"]
    ] == ["rr"]
    assert [
        i["status"]
        for i in _list(api_client, token, partner_org, collaborator, "?status=pending")["items"]
    ] == ["pending"]
    bad = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/stores?status=lost", token=token(collaborator)
    )
    assert bad.status_code == 400 and error_code(bad) == "validation_error"


def test_r17_list_is_cursor_paginated(api_client, token, partner_org, collaborator):
    for _ in range(5):
        grant(partner_org, collaborator, StoreFactory())
    seen = []
    cursor = ""
    while True:
        page = _list(api_client, token, partner_org, collaborator, f"?limit=2{cursor}")
        seen += [i["store"]["id"] for i in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    assert len(seen) == len(set(seen)) == 5


def test_r17_viewers_see_the_list_outsiders_do_not(
    api_client, token, partner_org, collaborator, outsider
):
    viewer = PartnerMemberFactory(organization=partner_org, role=PartnerRole.STORE_VIEWER).user
    grant(partner_org, collaborator, StoreFactory())
    assert len(_list(api_client, token, partner_org, viewer)["items"]) == 1
    response = api_client.get(f"/api/v1/partners/{partner_org.pk}/stores", token=token(outsider))
    assert response.status_code == 404


def test_r20_partner_removes_its_own_access_sessions_end_and_merchant_is_told(
    api_client, token, partner_org, collaborator, store, owner
):
    access = grant(partner_org, collaborator, store)
    collaborating = PartnerMember.objects.get(user=collaborator)
    session = store_session_open(
        acting=member_acting(collaborating),
        member=collaborating,
        store_id=store.pk,
        two_factor=True,
    )
    # when
    response = api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/access", token=token(collaborator)
    )
    # then
    assert response.status_code == 204
    access.refresh_from_db()
    assert access.status == "removed"
    assert StoreSession.objects.get(pk=session.session.pk).ended_at is not None
    assert Notification.objects.filter(
        recipient=owner, store=store, kind="collaborator.access_removed_by_partner"
    ).exists()
    # and to work there again they must request again
    assert request_access(partner_org, collaborator, store).status == "pending"


def test_r20_viewer_cannot_remove_and_unknown_store_is_404(
    api_client, token, partner_org, collaborator, store
):
    grant(partner_org, collaborator, store)
    viewer = PartnerMemberFactory(organization=partner_org, role=PartnerRole.STORE_VIEWER).user
    response = api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/access", token=token(viewer)
    )
    assert response.status_code == 403
    response = api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/stores/999999/access", token=token(collaborator)
    )
    assert response.status_code == 404
    assert CollaboratorAccess.objects.get().status == "active"


def test_r21_ended_store_can_be_hidden_and_nothing_else_changes(
    api_client, token, partner_org, collaborator, store
):
    access = grant(partner_org, collaborator, store)
    api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/access", token=token(collaborator)
    )
    # when
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/hide", token=token(collaborator)
    )
    # then
    assert response.status_code == 200
    assert _list(api_client, token, partner_org, collaborator)["items"] == []
    access.refresh_from_db()
    assert access.status == "removed"
    # a new request brings the store back
    request_access(partner_org, collaborator, store)
    assert [i["status"] for i in _list(api_client, token, partner_org, collaborator)["items"]] == [
        "pending"
    ]


def test_r21_a_managed_or_pending_store_cannot_be_hidden(
    api_client, token, partner_org, collaborator, store
):
    grant(partner_org, collaborator, store)
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/stores/{store.pk}/hide", token=token(collaborator)
    )
    assert response.status_code == 409
    assert PartnerStoreEntry.objects.get().hidden_at is None
