"""A merchant changes a live access: new permissions or end date (R13), suspension and resumption
(R14). Also the pieces the endings share: the locked access, its event data, ending sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    AccessStatus,
    CollaboratorAccess,
    PartnerStoreStatus,
    StoreSession,
)
from storegate.collaborators.services.authority import require_grantable, require_reviewer
from storegate.collaborators.services.notices import notify_partner
from storegate.collaborators.services.parsing import parse_end_date, validation
from storegate.collaborators.services.partner_list import entry_set
from storegate.collaborators.services.request_state import permission_difference
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import partner_event_emit
from storegate.stores.permissions import PermissionSet

UNCHANGED: Any = ...


def iso_or_none(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def locked_access(access: CollaboratorAccess, statuses: tuple[str, ...]) -> CollaboratorAccess:
    locked = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .select_related("organization", "store", "store__owner")
        .filter(pk=access.pk)
        .first()
    )
    if locked is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator."))
    if locked.status not in statuses:
        raise ApplicationError(
            ErrorCode.INVALID_STATE,
            _("This collaborator access is %(status)s.")
            % {"status": locked.get_status_display().lower()},
            extra={"status": locked.status},
        )
    return locked


def access_data(access: CollaboratorAccess, **extra: Any) -> dict[str, Any]:
    return {
        "access_id": str(access.pk),
        "store_id": str(access.store_id),
        "status": access.status,
        "permissions": access.permissions.codes(),
        "expires_at": iso_or_none(access.expires_at),
        **extra,
    }


def sessions_end(*, access: CollaboratorAccess, now: datetime) -> int:
    """R14/R20: end every live store session of the access at once."""
    return StoreSession.objects.filter(access=access, ended_at__isnull=True).update(ended_at=now)


@transaction.atomic
def collaborator_access_update(
    *,
    access: CollaboratorAccess,
    acting: Acting,
    permissions: PermissionSet | None = None,
    expires_at: Any = UNCHANGED,
) -> CollaboratorAccess:
    """R13: new permissions and/or end date, applied on the collaborator's very next request (the
    resolver reads the grant on every request); the partner is told the difference.

    ``expires_at=None`` removes the end date; leaving it out keeps it.
    """
    now = timezone.now()
    locked = locked_access(access, LIVE_ACCESS_STATUSES)
    reviewer = require_reviewer(
        acting, locked.store, subject_organization_id=locked.organization_id
    )
    before_perms = locked.permissions
    before_end = locked.expires_at
    fields = ["updated_at"]
    if permissions is not None:
        if not permissions:
            raise validation(
                _("Keep at least one permission, or remove the collaborator."), "permissions"
            )
        # S6: widening needs the reviewer to hold what is added; narrowing is always allowed.
        require_grantable(reviewer, permissions - before_perms)
        locked.permissions_mask = permissions.mask
        fields.append("permissions_mask")
    if expires_at is not UNCHANGED:
        locked.expires_at = parse_end_date(expires_at, now=now)
        fields.append("expires_at")
    if len(fields) == 1:
        raise validation(_("Change the permissions, the end date, or both."))
    locked.save(update_fields=fields)
    difference = permission_difference(before_perms, locked.permissions)
    audit_record(
        action=AuditAction.COLLABORATOR_ACCESS_CHANGED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        before={"permissions": before_perms.codes(), "expires_at": iso_or_none(before_end)},
        after={
            "permissions": locked.permissions.codes(),
            "expires_at": iso_or_none(locked.expires_at),
            **difference,
        },
    )
    partner_event_emit(
        organization=locked.organization,
        event="access.changed",
        data=access_data(locked, **difference),
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_changed",
        title=gettext_lazy("%(store)s changed your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_changed",
        context={
            "access": locked,
            "permissions": locked.permissions.codes(),
            "expires_at": locked.expires_at,
            "end_changed": before_end != locked.expires_at,
            **difference,
        },
    )
    return locked


@transaction.atomic
def collaborator_access_suspend(
    *,
    access: CollaboratorAccess,
    acting: Acting,
) -> CollaboratorAccess:
    """R14: kept but unusable; live sessions end at once."""
    now = timezone.now()
    locked = locked_access(access, (AccessStatus.ACTIVE,))
    require_reviewer(acting, locked.store, subject_organization_id=locked.organization_id)
    locked.status = AccessStatus.SUSPENDED
    locked.save(update_fields=["status", "updated_at"])
    ended = sessions_end(access=locked, now=now)
    entry_set(
        organization=locked.organization,
        store=locked.store,
        status=PartnerStoreStatus.SUSPENDED,
        access=locked,
    )
    audit_record(
        action=AuditAction.COLLABORATOR_ACCESS_SUSPENDED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        after={"sessions_ended": ended},
    )
    partner_event_emit(
        organization=locked.organization, event="access.suspended", data=access_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_suspended",
        title=gettext_lazy("%(store)s suspended your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_suspended",
        context={"access": locked},
    )
    return locked


@transaction.atomic
def collaborator_access_resume(
    *,
    access: CollaboratorAccess,
    acting: Acting,
) -> CollaboratorAccess:
    """R14: a suspended access works again."""
    locked = locked_access(access, (AccessStatus.SUSPENDED,))
    require_reviewer(acting, locked.store, subject_organization_id=locked.organization_id)
    locked.status = AccessStatus.ACTIVE
    locked.save(update_fields=["status", "updated_at"])
    entry_set(
        organization=locked.organization,
        store=locked.store,
        status=PartnerStoreStatus.MANAGED,
        access=locked,
    )
    audit_record(
        action=AuditAction.COLLABORATOR_ACCESS_RESUMED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
    )
    partner_event_emit(
        organization=locked.organization, event="access.resumed", data=access_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_resumed",
        title=gettext_lazy("%(store)s resumed your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_resumed",
        context={"access": locked},
    )
    return locked
