"""Bad input on the store side gets a 4xx with a code and changes nothing (S7)."""

from __future__ import annotations

import pytest

from storegate.audit.models import AuditEvent
from storegate.collaborators.models import CollaboratorAccess
from tests.collaborators.conftest import grant
from tests.conftest import error_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "suffix", "body", "status", "code"),
    [
        ("patch", "collaborators/{a}", {"permissions": ["orders.fly"]}, 400, "validation_error"),
        ("patch", "collaborators/{a}", {"permissions": []}, 400, "validation_error"),
        ("patch", "collaborators/{a}", {}, 400, "validation_error"),
        ("patch", "collaborators/{a}", {"expires_at": "yesterday"}, 422, "validation_error"),
        ("patch", "collaborators/{a}", {"preset": "all"}, 400, "validation_error"),
        ("patch", "collaborators/999999", {"permissions": ["orders.view"]}, 404, "not_found"),
        ("patch", "collaborators/abc", {"permissions": ["orders.view"]}, 404, "not_found"),
        ("post", "collaborators/{a}/resume", None, 409, "invalid_state"),
        ("post", "collaborator-requests/999999/approve", None, 404, "not_found"),
        ("patch", "collaborator-code", {"required": "maybe"}, 422, "validation_error"),
        ("post", "staff", {"email": "not-an-email"}, 400, "validation_error"),
        (
            "post",
            "staff",
            {"email": "a@example.test", "permissions": ["x.y"]},
            400,
            "validation_error",
        ),
        ("get", "collaborator-requests?status=lost", None, 400, "validation_error"),
        ("get", "collaborators?cursor=%%%", None, 400, "validation_error"),
    ],
)
def test_s7_store_side_bad_input_is_a_4xx_with_a_code_and_changes_nothing(
    api_client, token, store, owner, partner_org, collaborator, method, suffix, body, status, code
):
    access = grant(partner_org, collaborator, store)
    owner_token = token(owner)
    before = (AuditEvent.objects.count(), CollaboratorAccess.objects.get().permissions_mask)
    path = f"/api/v1/stores/{store.pk}/" + suffix.replace("{a}", str(access.pk))
    response = getattr(api_client, method)(path, json=body, token=owner_token)
    assert response.status_code == status, response.content
    assert error_code(response) == code
    assert (AuditEvent.objects.count(), CollaboratorAccess.objects.get().permissions_mask) == before
