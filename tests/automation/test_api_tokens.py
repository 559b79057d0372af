"""R27: organization API tokens — scoped to one organization and a role, shown once, hashed."""

from __future__ import annotations

import pytest

from storegate.core.crypto import hash_token
from storegate.partners.models import OrganizationApiToken, PartnerMember, PartnerRole
from storegate.partners.tokens import organization_token_create
from tests.conftest import error_code
from tests.factories import PartnerMemberFactory, PartnerOrganizationFactory, member_acting

pytestmark = pytest.mark.django_db


def _org_token(user, organization, role=PartnerRole.STORE_MANAGER) -> str:
    member = PartnerMember.objects.get(user=user, organization=organization)
    return organization_token_create(
        acting=member_acting(member), member=member, name="CI", role=role
    ).raw


def test_r27_token_is_shown_once_and_stored_hashed(api_client, partner_org, partner_admin, token):
    # given
    personal = token(partner_admin)
    # when
    created = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/tokens",
        json={"name": "Warehouse sync", "role": "store_manager"},
        token=personal,
    )
    listed = api_client.get(f"/api/v1/partners/{partner_org.pk}/tokens", token=personal)
    # then
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("sgo_")
    row = OrganizationApiToken.objects.get()
    assert row.token_hash == hash_token(raw) and raw not in row.token_hash
    assert listed.status_code == 200
    assert "token" not in listed.json()["items"][0]
    assert listed.json()["items"][0]["prefix"] == raw[:10]


def test_r27_token_works_on_the_partner_side_and_records_last_use(
    api_client, partner_org, partner_admin
):
    # given
    raw = _org_token(partner_admin, partner_org)
    # when
    response = api_client.get(f"/api/v1/partners/{partner_org.pk}/members", token=raw)
    # then
    assert response.status_code == 200
    assert OrganizationApiToken.objects.get().last_used_at is not None


def test_r27_token_of_organization_a_gets_404_on_organization_b(
    api_client, partner_org, partner_admin
):
    # given the token's creator is an admin of B as well: the token, not the person, is scoped
    other = PartnerOrganizationFactory(name="Zonos")
    PartnerMemberFactory(organization=other, user=partner_admin, role=PartnerRole.ADMIN)
    raw = _org_token(partner_admin, partner_org, role=PartnerRole.ADMIN)
    # when
    response = api_client.get(f"/api/v1/partners/{other.pk}/members", token=raw)
    tokens_b = api_client.get(f"/api/v1/partners/{other.pk}/tokens", token=raw)
    # then
    assert response.status_code == 404 and error_code(response) == "not_found"
    assert tokens_b.status_code == 404


def test_r27_revoked_token_gets_401_at_once(api_client, partner_org, partner_admin, token):
    # given
    raw = _org_token(partner_admin, partner_org)
    assert (
        api_client.get(f"/api/v1/partners/{partner_org.pk}/members", token=raw).status_code == 200
    )
    token_id = OrganizationApiToken.objects.get().pk
    # when
    revoked = api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/tokens/{token_id}", token=token(partner_admin)
    )
    # then
    assert revoked.status_code == 204
    after = api_client.get(f"/api/v1/partners/{partner_org.pk}/members", token=raw)
    assert after.status_code == 401 and error_code(after) == "authentication_required"


def test_r27_token_role_bounds_what_it_may_do(api_client, partner_org, partner_admin):
    # given a store_manager token of an admin
    raw = _org_token(partner_admin, partner_org, role=PartnerRole.STORE_MANAGER)
    # when it tries to manage tokens (admin only)
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/tokens",
        json={"name": "escalate", "role": "admin"},
        token=raw,
    )
    # then
    assert response.status_code == 403 and error_code(response) == "permission_denied"
    assert OrganizationApiToken.objects.count() == 1


def test_s6_token_role_cannot_exceed_its_creators(api_client, partner_org, partner_admin, token):
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/tokens",
        json={"name": "owner token", "role": "owner"},
        token=token(partner_admin),
    )
    assert response.status_code == 403 and error_code(response) == "permission_denied"
    assert not OrganizationApiToken.objects.exists()


def test_r27_store_manager_cannot_manage_tokens(api_client, partner_org, collaborator, token):
    response = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/tokens", token=token(collaborator)
    )
    assert response.status_code == 403


def test_r27_outsider_gets_404_on_tokens(api_client, partner_org, outsider, token):
    response = api_client.get(f"/api/v1/partners/{partner_org.pk}/tokens", token=token(outsider))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"name": "", "role": "store_manager"}, "name"),
        ({"name": "x", "role": "emperor"}, "role"),
        ({"name": "x", "role": "store_viewer", "expires_in_days": 0}, "expires_in_days"),
    ],
)
def test_s7_bad_token_input_is_a_400_and_creates_nothing(
    api_client, partner_org, partner_admin, token, payload, field
):
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/tokens", json=payload, token=token(partner_admin)
    )
    assert response.status_code == 400 and error_code(response) == "validation_error"
    assert response.json()["error"]["field"] == field
    assert not OrganizationApiToken.objects.exists()


def test_r27_org_token_on_the_store_side_is_told_to_log_in_through_the_dashboard(
    api_client, partner_org, partner_admin, store
):
    raw = _org_token(partner_admin, partner_org)
    response = api_client.get(f"/api/v1/stores/{store.pk}/audit-events", token=raw)
    assert response.status_code == 403
    assert error_code(response) == "login_through_partner_dashboard"


def test_r27_token_stops_when_its_creator_leaves(api_client, partner_org, partner_admin):
    raw = _org_token(partner_admin, partner_org)
    PartnerMember.objects.filter(user=partner_admin).delete()
    response = api_client.get(f"/api/v1/partners/{partner_org.pk}/members", token=raw)
    assert response.status_code == 404


def test_r27_org_token_lists_stores_and_its_role_bounds_requests(
    api_client, partner_org, partner_admin
):
    # given a store_viewer token and a store_manager token
    viewer = _org_token(partner_admin, partner_org, role=PartnerRole.STORE_VIEWER)
    manager = _org_token(partner_admin, partner_org, role=PartnerRole.STORE_MANAGER)
    base = f"/api/v1/partners/{partner_org.pk}"
    # when / then: both read the Stores list; only the manager may request access (R01)
    assert api_client.get(f"{base}/stores", token=viewer).status_code == 200
    refused = api_client.post(
        f"{base}/access-requests", json={"store": "nowhere", "preset": "fulfilment"}, token=viewer
    )
    assert refused.status_code == 403
    allowed = api_client.post(
        f"{base}/access-requests", json={"store": "nowhere", "preset": "fulfilment"}, token=manager
    )
    assert allowed.status_code == 404 and error_code(allowed) == "store_not_found"
