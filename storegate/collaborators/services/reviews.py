"""Deciding collaborator requests: approve, with edits and an end date, or decline (R10–R12, R23)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreStatus,
    RequestKind,
    RequestStatus,
)
from storegate.collaborators.services.authority import require_grantable, require_reviewer
from storegate.collaborators.services.notices import notify_partner
from storegate.collaborators.services.parsing import parse_end_date, validation
from storegate.collaborators.services.partner_list import entry_set
from storegate.collaborators.services.request_state import (
    locked_pending_request,
    permission_difference,
    request_close,
    request_data,
)
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import partner_event_emit
from storegate.stores.permissions import PermissionSet


@transaction.atomic
def collaborator_request_approve(
    *,
    request: CollaboratorRequest,
    acting: Acting,
    permissions: PermissionSet | None = None,
    expires_at: datetime | None = None,
) -> CollaboratorAccess:
    """R11/R12 (and R23 extensions): grant what the reviewer decides, within what they hold."""
    now = timezone.now()
    locked = locked_pending_request(request)
    store = locked.store
    reviewer = require_reviewer(acting, store, subject_organization_id=locked.organization_id)
    end = parse_end_date(expires_at, now=now)
    if locked.kind == RequestKind.EXTENSION:
        return _approve_extension(locked, acting, permissions, end, now)
    requested = locked.permissions
    granted = requested if permissions is None else permissions
    if not granted:
        raise validation(_("Grant at least one permission, or decline."), "permissions")
    require_grantable(reviewer, granted)
    if end is None and locked.duration_days:
        end = now + timedelta(days=locked.duration_days)
    try:
        with transaction.atomic():
            access = CollaboratorAccess.objects.create(
                store=store,
                organization=locked.organization,
                permissions_mask=granted.mask,
                expires_at=end,
                granted_by=acting.user,
                granted_at=now,
                usage_period_started_at=now,
            )
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.ACCESS_ALREADY_EXISTS,
            _("This organization already has collaborator access to this store."),
        ) from None
    locked.granted_permissions_mask = granted.mask
    locked.access = access
    request_close(locked, RequestStatus.APPROVED, acting.user, now)
    entry_set(
        organization=locked.organization,
        store=store,
        status=PartnerStoreStatus.MANAGED,
        request=locked,
        access=access,
    )
    difference = permission_difference(requested, granted)
    audit_record(
        action=AuditAction.COLLABORATOR_REQUEST_APPROVED,
        acting=acting,
        organization=locked.organization,
        store=store,
        target=locked,
        before={"permissions": requested.codes()},
        after={
            "access_id": str(access.pk),
            "permissions": granted.codes(),
            "expires_at": end.isoformat() if end else None,
            **difference,
        },
    )
    partner_event_emit(
        organization=locked.organization,
        event="request.approved",
        data={
            **request_data(locked),
            "access_id": str(access.pk),
            "granted_permissions": granted.codes(),
            "expires_at": end.isoformat() if end else None,
            **difference,
        },
    )
    notify_partner(
        organization=locked.organization,
        store=store,
        kind="collaborator.request_approved",
        title=gettext_lazy("%(store)s approved your request for store access"),
        params={"store": store.name},
        template="collab_request_approved",
        context={"access": access, "granted": granted.codes(), "expires_at": end, **difference},
    )
    return access


def _approve_extension(
    request: CollaboratorRequest,
    acting: Acting,
    permissions: PermissionSet | None,
    end: datetime | None,
    now: datetime,
) -> CollaboratorAccess:
    if permissions is not None:
        raise validation(
            _(
                "An extension changes the end date only; edit the collaborator to change permissions."
            ),
            "permissions",
        )
    access = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .filter(pk=request.access_id or 0, status__in=LIVE_ACCESS_STATUSES)
        .first()
    )
    if access is None:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("This access has ended already."))
    before = access.expires_at
    if end is None:
        base = max(now, access.expires_at or now)
        end = base + timedelta(days=request.duration_days or 30)
    access.expires_at = end
    access.save(update_fields=["expires_at", "updated_at"])
    request.access = access
    request.granted_permissions_mask = access.permissions_mask
    request_close(request, RequestStatus.APPROVED, acting.user, now)
    audit_record(
        action=AuditAction.COLLABORATOR_EXTENSION_APPROVED,
        acting=acting,
        organization=request.organization,
        store=request.store,
        target=access,
        before={"expires_at": before.isoformat() if before else None},
        after={"expires_at": end.isoformat()},
    )
    partner_event_emit(
        organization=request.organization,
        event="request.approved",
        data={**request_data(request), "access_id": str(access.pk), "expires_at": end.isoformat()},
    )
    notify_partner(
        organization=request.organization,
        store=request.store,
        kind="collaborator.extension_approved",
        title=gettext_lazy("%(store)s extended your collaborator access"),
        params={"store": request.store.name},
        template="collab_extension_approved",
        context={"access": access, "expires_at": end},
    )
    return access


@transaction.atomic
def collaborator_request_decline(
    *,
    request: CollaboratorRequest,
    acting: Acting,
) -> CollaboratorRequest:
    """R12: close the request; the partner is told."""
    now = timezone.now()
    locked = locked_pending_request(request)
    require_reviewer(acting, locked.store, subject_organization_id=locked.organization_id)
    request_close(locked, RequestStatus.DECLINED, acting.user, now)
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=PartnerStoreStatus.DECLINED,
            request=locked,
        )
    audit_record(
        action=AuditAction.COLLABORATOR_REQUEST_DECLINED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
    )
    partner_event_emit(
        organization=locked.organization, event="request.declined", data=request_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.request_declined",
        title=gettext_lazy("%(store)s declined your request for store access"),
        params={"store": locked.store.name},
        template="collab_request_declined",
        context={"request": locked, "requested": locked.permissions.codes()},
    )
    return locked
