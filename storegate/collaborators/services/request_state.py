"""The state of a collaborator request: the pending counter of R05, locking a pending request,
closing it, and the facts its events carry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from storegate.collaborators.models import CollaboratorRequest, RequestStatus
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerOrganization
from storegate.stores.permissions import PermissionSet


def pending_counter_change(organization_id: int, delta: int) -> None:
    """R05's counter. An increment past 10 raises IntegrityError (the CHECK); a decrement never
    goes below zero, so rows written outside the services cannot turn a decision into a 500."""
    rows = PartnerOrganization.objects.filter(pk=organization_id)
    if delta < 0:
        rows = rows.filter(pending_requests__gte=-delta)
    rows.update(pending_requests=F("pending_requests") + delta)


def request_data(request: CollaboratorRequest) -> dict[str, Any]:
    return {
        "request_id": str(request.pk),
        "store_id": str(request.store_id),
        "kind": request.kind,
        "status": request.status,
        "permissions": request.permissions.codes(),
    }


def locked_pending_request(request: CollaboratorRequest) -> CollaboratorRequest:
    locked = (
        CollaboratorRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "store", "store__owner", "access")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such request."))
    if locked.status != RequestStatus.PENDING:
        raise ApplicationError(
            ErrorCode.INVALID_STATE,
            _("This request is %(status)s, not pending.")
            % {"status": locked.get_status_display().lower()},
            extra={"status": locked.status},
        )
    return locked


def request_close(request: CollaboratorRequest, status: str, user: Any, now: datetime) -> None:
    request.status = status
    request.decided_at = now
    request.decided_by = user
    request.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "granted_permissions_mask",
            "access",
            "updated_at",
        ]
    )
    pending_counter_change(request.organization_id, -1)


def permission_difference(requested: PermissionSet, granted: PermissionSet) -> dict[str, list[str]]:
    return {"added": (granted - requested).codes(), "removed": (requested - granted).codes()}
