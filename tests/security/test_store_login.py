"""R18 store log-in through the partner dashboard, R22 staff first, S4 two-factor, R25/R26 trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storegate.access.store_access import resolve_store_access
from storegate.audit.models import AuditEvent
from storegate.collaborators.models import CollaboratorAccess, StoreSession
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.core.crypto import hash_token
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerMember, PartnerRole
from storegate.stores.permissions import PermissionSet, StorePermission
from tests.conftest import error_code
from tests.factories import (
    CollaboratorAccessFactory,
    PartnerMemberFactory,
    StaffMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
P = StorePermission


@pytest.fixture
def access(store, partner_org):
    return CollaboratorAccessFactory(
        store=store,
        organization=partner_org,
        permissions=[P.ORDERS_VIEW, P.PRODUCTS_MANAGE],
    )


def _login(api_client, org, store, token):
    return api_client.post(f"/api/v1/partners/{org.pk}/stores/{store.pk}/login", token=token)


def test_r18_login_opens_a_session_bound_to_the_access_and_the_member(
    api_client, store, partner_org, collaborator, access, token
):
    # when
    response = _login(api_client, partner_org, store, token(collaborator))
    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["store_session_token"].startswith("sgs_")
    assert body["admin_url"].endswith(f"/stores/{store.pk}/")
    session = StoreSession.objects.get(token_hash=hash_token(body["store_session_token"]))
    assert session.access_id == access.pk
    assert session.member == PartnerMember.objects.get(user=collaborator)
    access.refresh_from_db()
    assert access.last_login_at is not None
    # and the token works on the store side, with the granted permissions only
    sgs = body["store_session_token"]
    assert api_client.get(f"/api/v1/stores/{store.pk}/orders", token=sgs).status_code == 200
    denied = api_client.get(f"/api/v1/stores/{store.pk}/customers", token=sgs)
    assert denied.status_code == 403
    assert error_code(denied) == "permission_denied"


def test_r25_login_is_audited_with_the_person_and_their_organization(
    api_client, store, partner_org, collaborator, access, token
):
    _login(api_client, partner_org, store, token(collaborator))
    event = AuditEvent.objects.get(action="collaborator.logged_in")
    assert event.actor == collaborator
    assert event.organization_id == partner_org.pk
    assert event.store_id == store.pk


def test_r18_personal_token_of_a_collaborator_is_sent_to_the_partner_dashboard(
    api_client, store, collaborator, access, token
):
    response = api_client.get(f"/api/v1/stores/{store.pk}/orders", token=token(collaborator))
    assert response.status_code == 403
    assert error_code(response) == "login_through_partner_dashboard"


def test_r18_the_store_admin_without_a_store_session_sends_collaborators_to_the_dashboard(
    store, collaborator, access
):
    # Pages resolve the caller the same way (the walk checks every store page with this too).
    with pytest.raises(ApplicationError) as info:
        resolve_store_access(user=collaborator, store_id=store.pk)
    assert info.value.code == "login_through_partner_dashboard"


def test_r18_store_viewer_may_log_in(api_client, store, partner_org, access, token):
    viewer = PartnerMemberFactory(organization=partner_org, role=PartnerRole.STORE_VIEWER).user
    assert _login(api_client, partner_org, store, token(viewer)).status_code == 201


def test_r18_nobody_outside_the_organization_may_log_in(
    api_client, store, partner_org, outsider, access, token
):
    response = _login(api_client, partner_org, store, token(outsider))
    assert response.status_code == 404
    assert not StoreSession.objects.exists()


def test_r18_an_organization_without_access_gets_404(
    api_client, store, partner_org, collaborator, token
):
    response = _login(api_client, partner_org, store, token(collaborator))
    assert response.status_code == 404
    assert error_code(response) == "store_not_found"


@pytest.mark.parametrize("status", ["suspended", "removed", "expired"])
def test_r18_an_unusable_access_cannot_log_in(
    api_client, store, partner_org, collaborator, access, token, status
):
    CollaboratorAccess.objects.filter(pk=access.pk).update(status=status)
    response = _login(api_client, partner_org, store, token(collaborator))
    assert response.status_code in (403, 404)
    assert not StoreSession.objects.exists()


def test_s4_two_factor_is_required_when_the_operator_requires_it(
    api_client, settings, store, partner_org, collaborator, access, token
):
    # given
    settings.STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS = True
    # when a token without a second factor is used
    response = _login(api_client, partner_org, store, token(collaborator))
    # then
    assert response.status_code == 403
    assert error_code(response) == "two_factor_required"
    assert not StoreSession.objects.exists()
    # and a two-factor token works
    ok = _login(api_client, partner_org, store, token(collaborator, two_factor=True))
    assert ok.status_code == 201


@pytest.mark.parametrize("link", ["staff", "owner"])
def test_r22_a_partner_member_who_is_staff_logs_in_as_staff_only(
    api_client, store, partner_org, access, token, link
):
    # given a person who is both a member of the organization and staff (or the owner) of the store
    if link == "staff":
        person = StaffMemberFactory(store=store, permissions=[P.CUSTOMERS_VIEW]).user
    else:
        person = store.owner
    PartnerMemberFactory(organization=partner_org, user=person, role=PartnerRole.ADMIN)
    # when they try the partner dashboard's log-in
    response = _login(api_client, partner_org, store, token(person))
    # then it is refused with an explanation
    assert response.status_code == 403
    assert error_code(response) == "staff_login_only"
    # and their personal token acts as staff (their staff permissions, not the collaborator's)
    as_staff = api_client.get(f"/api/v1/stores/{store.pk}/customers", token=token(person))
    assert as_staff.status_code == 200
    if link == "staff":
        orders = api_client.get(f"/api/v1/stores/{store.pk}/orders", token=token(person))
        assert orders.status_code == 403


def test_a_store_session_does_not_open_the_partner_side(
    api_client, store, partner_org, collaborator, access, token
):
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    response = api_client.get(f"/api/v1/partners/{partner_org.pk}/members", token=sgs)
    assert response.status_code in (401, 403)


def test_r25_every_collaborator_write_names_the_person_and_organization(
    api_client, store, partner_org, collaborator, access, token
):
    # given
    product = Product.objects.create(store=store, title="Socks", handle="socks")
    ProductVariant.objects.create(store=store, product=product, price=Decimal("5.00"))
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    # when
    response = api_client.patch(
        f"/api/v1/stores/{store.pk}/products/{product.pk}", token=sgs, json={"title": "Wool socks"}
    )
    # then
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="product.updated")
    assert (event.actor, event.organization_id, event.store_id) == (
        collaborator,
        partner_org.pk,
        store.pk,
    )
    assert event.before == {"title": "Socks"} and event.after == {"title": "Wool socks"}


def test_owner_writes_are_audited_without_an_organization(api_client, store, owner, token):
    response = api_client.post(
        f"/api/v1/stores/{store.pk}/locations",
        token=token(owner),
        json={"name": "Depot", "country_code": "SE"},
    )
    assert response.status_code == 201
    event = AuditEvent.objects.get(action="location.created")
    assert event.actor == owner and event.organization_id is None


def test_r26_a_used_permission_is_recorded_once_and_steady_requests_write_nothing(
    api_client, store, partner_org, collaborator, access, token
):
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    url = f"/api/v1/stores/{store.pk}/orders"
    assert api_client.get(url, token=sgs).status_code == 200
    access.refresh_from_db()
    assert P.ORDERS_VIEW in PermissionSet(access.used_permissions_mask)
    assert P.PRODUCTS_MANAGE not in PermissionSet(access.used_permissions_mask)
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get(url, token=sgs).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert not [w for w in writes if "collaborators_collaboratoraccess" in w]


def test_s3_suspension_and_narrowing_apply_to_the_very_next_request(
    api_client, store, partner_org, collaborator, access, token
):
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    url = f"/api/v1/stores/{store.pk}/orders"
    assert api_client.get(url, token=sgs).status_code == 200
    CollaboratorAccess.objects.filter(pk=access.pk).update(
        permissions_mask=PermissionSet.of([P.PRODUCTS_VIEW]).mask
    )
    assert api_client.get(url, token=sgs).status_code == 403
    CollaboratorAccess.objects.filter(pk=access.pk).update(status="suspended")
    assert api_client.get(f"/api/v1/stores/{store.pk}/products", token=sgs).status_code == 404


def test_a_store_session_ends_with_the_membership(
    api_client, store, partner_org, collaborator, access, token
):
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    # The member leaves the organization: their sessions go with the membership.
    PartnerMember.objects.filter(user=collaborator).delete()
    assert api_client.get(f"/api/v1/stores/{store.pk}/orders", token=sgs).status_code == 401


def test_a_store_session_token_of_another_person_is_useless(
    api_client, store, partner_org, collaborator, access, token
):
    sgs = _login(api_client, partner_org, store, token(collaborator)).json()["store_session_token"]
    other = UserFactory()
    with pytest.raises(ApplicationError):
        resolve_store_access(user=other, store_id=store.pk, store_session_token=sgs)


def test_r19_a_store_id_beyond_64_bits_at_log_in_is_no_such_store(
    api_client, client, partner_org, collaborator, access, token
):
    # given an id no store can have (SQLite cannot even compare it)
    beyond = 2**64 + 1
    # when a member logs in to it through the API
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/stores/{beyond}/login", token=token(collaborator)
    )
    # then the answer is the same as for any store they have no link to
    assert response.status_code == 404, response.content
    assert error_code(response) == "store_not_found"
    # and through the dashboard's Log in button, they are sent back to their Stores
    client.force_login(collaborator)
    page = client.post(f"/partners/{partner_org.pk}/stores/{beyond}/login/")
    assert page.status_code == 302
    assert page["Location"].startswith(f"/partners/{partner_org.pk}/stores/")
    assert not StoreSession.objects.exists()
