"""S7: a NUL character anywhere in the input is a 400, never a database error (PostgreSQL cannot
store one) — whichever endpoint or page receives it."""

from __future__ import annotations

import pytest
from django.test import Client

from storegate.audit.models import AuditEvent
from storegate.collaborators.models import CollaboratorRequest
from tests.conftest import error_code


@pytest.mark.django_db
def test_s7_nul_in_an_api_query_string_is_a_400(api_client, partner_org, partner_admin, token):
    org_id = partner_org.pk
    response = api_client.get(
        f"/api/v1/partners/{org_id}/audit-events?action=a%00b",
        token=token(partner_admin),
    )
    assert response.status_code == 400
    assert error_code(response) == "validation_error"


@pytest.mark.django_db
def test_s7_nul_in_a_json_body_is_a_400_and_changes_nothing(
    api_client, partner_org, partner_admin, store, token
):
    org_id = partner_org.pk
    bearer = token(partner_admin)
    before = AuditEvent.objects.count()
    response = api_client.post(
        f"/api/v1/partners/{org_id}/access-requests",
        json={
            "store": store.url,
            "code": store.request_code,
            "permissions": ["orders.view"],
            "message": "hello\u0000world",
        },
        token=bearer,
    )
    assert response.status_code == 400
    assert error_code(response) == "validation_error"
    assert not CollaboratorRequest.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_s7_nul_in_a_page_query_or_form_is_a_400_page(owner, store):
    client = Client()
    client.force_login(owner)
    page = client.get(f"/stores/{store.pk}/orders/?q=%00")
    assert page.status_code == 400
    assert b"NUL" in page.content
    urlencoded = client.post(
        "/login/",
        "email=a%40b.example&password=x%00y",
        content_type="application/x-www-form-urlencoded",
    )
    assert urlencoded.status_code == 400
    # a multipart form reaches the form, whose fields refuse NUL with a message
    multipart = client.post("/login/", {"email": "a@b.example", "password": "x\x00y"})
    assert multipart.status_code == 200
    assert b"Null characters are not allowed" in multipart.content


@pytest.mark.django_db
def test_ordinary_percent_signs_and_backslashes_still_pass(api_client, owner, token):
    response = api_client.get("/api/v1/stores?q=100%25", token=token(owner))
    assert response.status_code == 200
