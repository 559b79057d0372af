"""Pages of R25–R27: API tokens, webhooks, audit log, access review (forms, PRG, confirmation)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from storegate.audit.models import AuditEvent
from storegate.audit.services import audit_record
from storegate.notifications.models import WebhookEndpoint
from storegate.partners.models import OrganizationApiToken, PartnerMember, PartnerRole
from tests.conftest import error_code, token_for
from tests.factories import CollaboratorAccessFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_r27_tokens_page_creates_a_token_shown_once_then_revokes_after_confirmation(
    partner_org, partner_admin
):
    client = _client(partner_admin)
    url = f"/partners/{partner_org.pk}/team/tokens/"
    # when a token is created (POST, then redirect)
    response = client.post(url, {"name": "ERP", "role": "store_manager"})
    assert response.status_code == 302 and response["Location"] == url
    token = OrganizationApiToken.objects.get()
    # then the next page shows it once, and never again
    first = client.get(url).content.decode()
    assert "data-new-token" in first and token.prefix in first
    assert "data-new-token" not in client.get(url).content.decode()
    # revoking asks first, and changes nothing on GET
    confirm = client.get(f"{url}{token.pk}/revoke/")
    assert confirm.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    done = client.post(f"{url}{token.pk}/revoke/")
    assert done.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_s6_tokens_page_offers_no_role_above_the_members_own(partner_org, partner_admin):
    page = _client(partner_admin).get(f"/partners/{partner_org.pk}/team/tokens/").content.decode()
    assert 'value="admin"' in page and 'value="owner"' not in page
    response = _client(partner_admin).post(
        f"/partners/{partner_org.pk}/team/tokens/", {"name": "x", "role": "owner"}
    )
    assert response.status_code == 200 and not OrganizationApiToken.objects.exists()


def test_r27_team_pages_are_for_admins_and_invisible_to_outsiders(
    partner_org, collaborator, outsider
):
    for path in ("tokens/", "webhooks/", "audit/"):
        url = f"/partners/{partner_org.pk}/team/{path}"
        assert _client(collaborator).get(url).status_code == 403
        assert _client(outsider).get(url).status_code == 404
    assert Client().get(f"/partners/{partner_org.pk}/team/tokens/").status_code == 302


def test_s5_token_form_needs_the_csrf_token(partner_org, partner_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner_admin)
    response = client.post(f"/partners/{partner_org.pk}/team/tokens/", {"name": "x"})
    assert response.status_code == 403 and not OrganizationApiToken.objects.exists()


def test_r27_webhooks_page_adds_edits_and_deletes(partner_org, partner_admin, settings):
    settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE = True
    client = _client(partner_admin)
    url = f"/partners/{partner_org.pk}/team/webhooks/"
    response = client.post(
        url, {"url": "http://127.0.0.1:9/hook", "events": ["access.removed", "request.approved"]}
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["request.approved", "access.removed"]
    assert "data-new-secret" in client.get(url).content.decode()
    assert "data-new-secret" not in client.get(url).content.decode()
    # edit: switch off
    detail = f"{url}{endpoint.pk}/"
    assert client.get(detail).status_code == 200
    response = client.post(
        detail, {"url": endpoint.url, "events": ["access.removed"], "description": "ops"}
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.events == ["access.removed"] and not endpoint.is_active
    # delete after confirmation
    assert client.get(f"{detail}delete/").status_code == 200
    assert WebhookEndpoint.objects.exists()
    assert client.post(f"{detail}delete/").status_code == 302
    assert not WebhookEndpoint.objects.exists()


def test_r27_webhooks_page_shows_the_ssrf_refusal_as_a_form_error(
    partner_org, partner_admin, settings
):
    settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE = False
    response = _client(partner_admin).post(
        f"/partners/{partner_org.pk}/team/webhooks/",
        {"url": "http://169.254.169.254/", "events": ["access.removed"]},
    )
    assert response.status_code == 200
    assert "private" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_r25_audit_page_filters_and_exports(store, owner, collaborator, partner_org):
    CollaboratorAccessFactory(store=store, organization=partner_org, permissions=["orders.view"])
    audit_record(
        action="products.updated", actor=collaborator, organization=partner_org, store=store
    )
    audit_record(action="staff.invited", actor=owner, store=store)
    client = _client(owner)
    page = client.get(
        f"/stores/{store.pk}/settings/audit/?actor={collaborator.email}&organization={partner_org.pk}"
    )
    text = page.content.decode()
    assert page.status_code == 200 and "products.updated" in text and "staff.invited" not in text
    assert f"/stores/{store.pk}/settings/audit/export/?format=csv&amp;actor=" in text
    export = client.get(
        f"/stores/{store.pk}/settings/audit/export/?format=csv&actor={collaborator.email}"
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [r["action"] for r in rows] == ["products.updated"]


def test_r25_audit_page_shows_bad_filters_as_form_errors(store, owner):
    response = _client(owner).get(f"/stores/{store.pk}/settings/audit/?date_from=yesterday")
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_r25_partner_audit_page_lists_own_events(partner_org, partner_admin):
    audit_record(action="partner.token_created", actor=partner_admin, organization=partner_org)
    response = _client(partner_admin).get(f"/partners/{partner_org.pk}/team/audit/")
    assert "partner.token_created" in response.content.decode()


def test_r26_review_page_lists_accesses_with_remove_links(store, owner, partner_org):
    access = CollaboratorAccessFactory(
        store=store, organization=partner_org, permissions=["orders.view"]
    )
    client = _client(owner)
    page = client.get(f"/stores/{store.pk}/settings/collaborators/review/").content.decode()
    assert "Handled" in page
    assert f"/settings/collaborators/review/{access.pk}/remove/" in page
    assert "/settings/collaborators/review/remove-all/" in page
    # the remove link asks first and changes nothing on GET
    confirm = client.get(f"/stores/{store.pk}/settings/collaborators/review/{access.pk}/remove/")
    assert confirm.status_code == 200
    access.refresh_from_db()
    assert access.status == "active"
    confirm_all = client.get(f"/stores/{store.pk}/settings/collaborators/review/remove-all/")
    assert confirm_all.status_code == 200
    assert not AuditEvent.objects.filter(action="collaborator.removed_all").exists()


def test_r26_remove_link_of_another_store_is_404(store, owner, partner_org):
    other = CollaboratorAccessFactory(organization=partner_org, permissions=["orders.view"])
    response = _client(owner).get(
        f"/stores/{store.pk}/settings/collaborators/review/{other.pk}/remove/"
    )
    assert response.status_code == 404


def test_s6_an_admin_cannot_add_an_owner_from_the_team_page_or_the_api(
    partner_org, partner_admin, outsider, api_client
):
    # given an admin (not an owner) of the organization, and a user to add
    # when the admin makes that user an owner on the Team page
    response = _client(partner_admin).post(
        f"/partners/{partner_org.pk}/team/", {"email": outsider.email, "role": PartnerRole.OWNER}
    )
    # then the page refuses with the reason, and nobody joined
    assert response.status_code == 400
    assert "Only an owner can add another owner." in response.content.decode()
    assert not PartnerMember.objects.filter(user=outsider).exists()
    # and the API refuses the same way
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/members",
        json={"email": outsider.email, "role": PartnerRole.OWNER},
        token=token_for(partner_admin),
    )
    assert response.status_code == 403 and error_code(response) == "permission_denied"
    assert not PartnerMember.objects.filter(user=outsider).exists()
    # while a store manager role is fine
    response = _client(partner_admin).post(
        f"/partners/{partner_org.pk}/team/",
        {"email": outsider.email, "role": PartnerRole.STORE_MANAGER},
    )
    assert response.status_code == 302
    assert PartnerMember.objects.get(user=outsider).role == PartnerRole.STORE_MANAGER
