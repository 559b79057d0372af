"""The store access (storegate/access/store_access.py): one indexed query, the right role, nothing cached (S3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from storegate.access.principal import Principal, PrincipalKind, StoreLink
from storegate.access.store_access import StoreRole, resolve_store_access, store_access_for
from storegate.collaborators.models import CollaboratorAccess, StoreSession
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import StaffMember, StaffStatus
from storegate.stores.permissions import PermissionSet, StorePermission
from tests.factories import CollaboratorAccessFactory, StoreFactory, store_session_for

pytestmark = pytest.mark.django_db
P = StorePermission


def _code_of(call) -> str:
    with pytest.raises(ApplicationError) as info:
        call()
    return str(info.value.code)


@pytest.fixture
def access(store, partner_org):
    return CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions=[P.ORDERS_VIEW, P.PRODUCTS_VIEW]
    )


def test_owner_holds_every_permission_in_one_query(owner, store):
    with CaptureQueriesContext(connection) as queries:
        resolved = resolve_store_access(user=owner, store_id=store.pk)
    assert len(queries) == 1
    assert resolved.role is StoreRole.OWNER
    assert resolved.permissions == PermissionSet.all()


def test_active_staff_holds_exactly_their_permissions(staff, store):
    with CaptureQueriesContext(connection) as queries:
        resolved = resolve_store_access(user=staff, store_id=store.pk)
    assert len(queries) == 1
    assert resolved.role is StoreRole.STAFF
    assert resolved.can(P.ORDERS_VIEW)
    assert not resolved.can(P.CUSTOMERS_VIEW)


@pytest.mark.parametrize("status", [StaffStatus.INVITED, StaffStatus.REMOVED])
def test_staff_that_is_not_active_gets_404(staff, store, status):
    StaffMember.objects.filter(user=staff).update(status=status)
    assert (
        _code_of(lambda: resolve_store_access(user=staff, store_id=store.pk))
        == ErrorCode.STORE_NOT_FOUND
    )


def test_r19_outsider_and_missing_store_are_indistinguishable(outsider, store):
    assert (
        _code_of(lambda: resolve_store_access(user=outsider, store_id=store.pk))
        == ErrorCode.STORE_NOT_FOUND
    )
    assert (
        _code_of(lambda: resolve_store_access(user=outsider, store_id=store.pk + 999))
        == ErrorCode.STORE_NOT_FOUND
    )
    assert (
        _code_of(lambda: resolve_store_access(user=outsider, store_id="abc"))
        == ErrorCode.STORE_NOT_FOUND
    )


def test_r18_partner_member_without_store_session_is_sent_to_the_dashboard(
    collaborator, store, access
):
    code = _code_of(lambda: resolve_store_access(user=collaborator, store_id=store.pk))
    assert code == ErrorCode.LOGIN_THROUGH_PARTNER_DASHBOARD


def test_r18_member_of_an_org_whose_access_was_removed_gets_404(collaborator, store, access):
    access.status = "removed"
    access.save()
    assert (
        _code_of(lambda: resolve_store_access(user=collaborator, store_id=store.pk))
        == ErrorCode.STORE_NOT_FOUND
    )


def test_collaborator_with_store_session_holds_the_granted_permissions_in_one_query(
    collaborator, store, access
):
    store_session_for(access, collaborator)
    with CaptureQueriesContext(connection) as queries:
        resolved = resolve_store_access(
            user=collaborator, store_id=store.pk, store_session_token="sgs_test-token"
        )
    assert len(queries) == 1
    assert resolved.role is StoreRole.COLLABORATOR
    assert resolved.organization_id == access.organization_id
    assert set(resolved.permissions) == {P.ORDERS_VIEW, P.PRODUCTS_VIEW}


@pytest.mark.parametrize(
    "change",
    [
        {"status": "suspended"},
        {"status": "removed"},
        {"status": "expired"},
        {"expires_at": timezone.now() - timedelta(seconds=1)},
    ],
)
def test_s3_a_changed_access_is_denied_on_the_very_next_call(collaborator, store, access, change):
    store_session_for(access, collaborator)
    resolve_store_access(user=collaborator, store_id=store.pk, store_session_token="sgs_test-token")
    type(access).objects.filter(pk=access.pk).update(**change)
    code = _code_of(
        lambda: resolve_store_access(
            user=collaborator, store_id=store.pk, store_session_token="sgs_test-token"
        )
    )
    assert code == ErrorCode.STORE_NOT_FOUND


def test_s3_narrowing_applies_to_the_next_call(collaborator, store, access):
    store_session_for(access, collaborator)
    type(access).objects.filter(pk=access.pk).update(
        permissions_mask=PermissionSet.of([P.ORDERS_VIEW]).mask
    )
    resolved = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token="sgs_test-token"
    )
    assert not resolved.can(P.PRODUCTS_VIEW)


def test_ended_or_expired_session_or_other_store_gets_404(collaborator, store, access):
    session = store_session_for(access, collaborator)
    other = StoreFactory()
    code = _code_of(
        lambda: resolve_store_access(
            user=collaborator, store_id=other.pk, store_session_token="sgs_test-token"
        )
    )
    assert code == ErrorCode.STORE_NOT_FOUND
    StoreSession.objects.filter(pk=session.pk).update(ended_at=timezone.now())
    code = _code_of(
        lambda: resolve_store_access(
            user=collaborator, store_id=store.pk, store_session_token="sgs_test-token"
        )
    )
    assert code == ErrorCode.STORE_NOT_FOUND


def test_a_session_token_of_someone_else_is_useless(collaborator, partner_admin, store, access):
    store_session_for(access, collaborator)
    code = _code_of(
        lambda: resolve_store_access(
            user=partner_admin, store_id=store.pk, store_session_token="sgs_test-token"
        )
    )
    assert code == ErrorCode.STORE_NOT_FOUND


def test_require_reports_the_missing_permission(staff, store):
    resolved = resolve_store_access(user=staff, store_id=store.pk)
    with pytest.raises(ApplicationError) as info:
        resolved.require(P.ORDERS_VIEW, P.ORDERS_REFUND)
    assert info.value.code == ErrorCode.PERMISSION_DENIED
    assert info.value.status == 403
    assert "orders.refund" in info.value.message


def test_r26_a_permission_checked_inside_a_view_counts_as_used(collaborator, store, access):
    # given a collaborator whose access has exercised nothing yet
    store_session_for(access, collaborator)
    resolved = resolve_store_access(
        user=collaborator, store_id=store.pk, store_session_token="sgs_test-token"
    )
    # when a view demands a permission after the guard (a form's POST branch)
    resolved.require(P.PRODUCTS_VIEW)
    # then the access remembers that permission as used, and only it
    access.refresh_from_db()
    assert access.used_permissions_mask == P.PRODUCTS_VIEW.bit
    # and a refused demand records nothing
    with pytest.raises(ApplicationError):
        resolved.require(P.ORDERS_CANCEL)
    access.refresh_from_db()
    assert access.used_permissions_mask == P.PRODUCTS_VIEW.bit


def test_a_collaborator_api_request_authenticates_and_resolves_in_one_query(
    api_client, collaborator, store, access
):
    # given a live store session, already used once (the first use of a permission is recorded)
    store_session_for(access, collaborator)
    api_client.get(f"/api/v1/stores/{store.pk}/orders", token="sgs_test-token")
    # when the collaborator lists orders through the API
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"/api/v1/stores/{store.pk}/orders", token="sgs_test-token")
    # then one statement authenticated the token and resolved the access before the view ran
    assert response.status_code == 200, response.content
    before_view = []
    for query in queries.captured_queries:
        if "commerce_order" in query["sql"]:
            break
        before_view.append(query["sql"])
    assert len(before_view) == 1, before_view


def test_s3_a_store_session_whose_access_was_suspended_is_refused_on_the_next_api_call(
    api_client, collaborator, store, access
):
    store_session_for(access, collaborator)
    assert (
        api_client.get(f"/api/v1/stores/{store.pk}/orders", token="sgs_test-token").status_code
        == 200
    )
    CollaboratorAccess.objects.filter(pk=access.pk).update(status="suspended")
    response = api_client.get(f"/api/v1/stores/{store.pk}/orders", token="sgs_test-token")
    assert response.status_code == 404
    other = StoreFactory()
    response = api_client.get(f"/api/v1/stores/{other.pk}/orders", token="sgs_test-token")
    assert response.status_code == 404


def _statements_before_the_view(api_client, path: str, token: str):
    api_client.get(path, token=token)  # a first use records the token's last use
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(path, token=token)
    before_view = []
    for query in queries.captured_queries:
        if "commerce_order" in query["sql"]:
            break
        before_view.append(query["sql"])
    return response, before_view


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_an_owner_or_staff_api_request_authenticates_and_resolves_in_one_query(
    api_client, token, store, owner, staff, who
):
    # given an owner's or a staff member's personal token
    user = owner if who == "owner" else staff
    # when they list the store's orders through the API
    response, before_view = _statements_before_the_view(
        api_client, f"/api/v1/stores/{store.pk}/orders", token(user)
    )
    # then one statement read the token, its user and their link to the store
    assert response.status_code == 200, response.content
    assert len(before_view) == 1, before_view


def test_s3_staff_removed_or_narrowed_is_refused_on_the_next_api_call(
    api_client, token, store, staff
):
    raw = token(staff)
    path = f"/api/v1/stores/{store.pk}/orders"
    assert api_client.get(path, token=raw).status_code == 200
    # narrowing: orders.view taken away
    StaffMember.objects.filter(user=staff).update(permissions_mask=P.HOME_VIEW.bit)
    response = api_client.get(path, token=raw)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == ErrorCode.PERMISSION_DENIED
    # removal
    StaffMember.objects.filter(user=staff).update(status=StaffStatus.REMOVED)
    assert api_client.get(path, token=raw).status_code == 404


def test_r19_a_personal_token_link_is_read_for_the_store_in_the_path_only(
    api_client, token, store, owner
):
    raw = token(owner)
    other = StoreFactory()
    # the owner's token on another owner's store, on a missing store and on ids no store has
    for path_id in (other.pk, other.pk + 1000, "9" * 30, "abc"):
        response = api_client.get(f"/api/v1/stores/{path_id}/orders", token=raw)
        assert response.status_code == 404, (path_id, response.content)
        assert response.json()["error"]["code"] == ErrorCode.STORE_NOT_FOUND


def test_r18_a_partner_members_personal_token_on_a_store_path_is_sent_to_the_dashboard(
    api_client, token, collaborator, store, access
):
    response = api_client.get(f"/api/v1/stores/{store.pk}/orders", token=token(collaborator))
    assert response.status_code == 403, response.content
    assert response.json()["error"]["code"] == ErrorCode.LOGIN_THROUGH_PARTNER_DASHBOARD


def test_a_link_read_for_one_store_is_not_used_for_another(owner, store):
    # given an owner's principal whose token's look-up read their link to their store
    link = StoreLink(store_id=store.pk, row=(owner.pk, None, False))
    principal = Principal(user=owner, kind=PrincipalKind.PERSONAL, token_id=1, store_link=link)
    request = SimpleNamespace(auth=principal, user=owner)
    # then the link answers for that store without another statement
    with CaptureQueriesContext(connection) as queries:
        assert store_access_for(request, store.pk).is_owner
    assert len(queries) == 0
    # and another store (or none) is resolved from the database, where the owner has no link
    other = StoreFactory()
    for store_id in (other.pk, store.pk + 10_000):
        assert _code_of(lambda: store_access_for(request, store_id)) == ErrorCode.STORE_NOT_FOUND
    # and a principal without a link is resolved from the database too
    unlinked = SimpleNamespace(auth=replace(principal, store_link=None), user=owner)
    with CaptureQueriesContext(connection) as queries:
        assert store_access_for(unlinked, store.pk).is_owner
    assert len(queries) == 1
