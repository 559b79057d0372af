"""Living with an access: edits, suspension, removal, the partner's own removal and list (R13,
R14, R20, R21), and the time-based ends of R23/R24."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.store_access import StoreAccess
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    AccessStatus,
    CollaboratorAccess,
    PartnerStoreEntry,
    PartnerStoreStatus,
)
from storegate.collaborators.services._common import (
    collaborators_url,
    entry_set,
    notify_merchants,
    notify_partner,
    parse_end_date,
    permission_difference,
    require_grantable,
    require_manager,
    require_reviewer,
    sessions_end,
    validation,
)
from storegate.core.acting import RequestMeta
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import PartnerEvent, partner_event_emit
from storegate.notifications.kinds import NotificationKind
from storegate.partners.models import PartnerMember, PartnerOrganization
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet

UNCHANGED: Any = ...
HIDEABLE = (
    PartnerStoreStatus.DECLINED,
    PartnerStoreStatus.ACCESS_REMOVED,
    PartnerStoreStatus.EXPIRED,
    PartnerStoreStatus.CANCELLED,
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _locked(access: CollaboratorAccess, statuses: tuple[str, ...]) -> CollaboratorAccess:
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


def _data(access: CollaboratorAccess, **extra: Any) -> dict[str, Any]:
    return {
        "access_id": str(access.pk),
        "store_id": str(access.store_id),
        "status": access.status,
        "permissions": access.permissions.codes(),
        "expires_at": _iso(access.expires_at),
        **extra,
    }


@transaction.atomic
def collaborator_access_update(
    *,
    access: CollaboratorAccess,
    reviewer: StoreAccess,
    acting_user: Any,
    permissions: PermissionSet | None = None,
    expires_at: Any = UNCHANGED,
    meta: RequestMeta | None = None,
) -> CollaboratorAccess:
    """R13: new permissions and/or end date, applied on the collaborator's very next request (the
    resolver reads the grant on every request); the partner is told the difference.

    ``expires_at=None`` removes the end date; leaving it out keeps it.
    """
    now = timezone.now()
    locked = _locked(access, LIVE_ACCESS_STATUSES)
    require_reviewer(reviewer, locked.store, subject_organization_id=locked.organization_id)
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
        actor=acting_user,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        before={"permissions": before_perms.codes(), "expires_at": _iso(before_end)},
        after={
            "permissions": locked.permissions.codes(),
            "expires_at": _iso(locked.expires_at),
            **difference,
        },
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization,
        event=PartnerEvent.ACCESS_CHANGED,
        data=_data(locked, **difference),
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_CHANGED,
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
    reviewer: StoreAccess,
    acting_user: Any,
    meta: RequestMeta | None = None,
) -> CollaboratorAccess:
    """R14: kept but unusable; live sessions end at once."""
    now = timezone.now()
    locked = _locked(access, (AccessStatus.ACTIVE,))
    require_reviewer(reviewer, locked.store, subject_organization_id=locked.organization_id)
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
        actor=acting_user,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        after={"sessions_ended": ended},
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization, event=PartnerEvent.ACCESS_SUSPENDED, data=_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_SUSPENDED,
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
    reviewer: StoreAccess,
    acting_user: Any,
    meta: RequestMeta | None = None,
) -> CollaboratorAccess:
    """R14: a suspended access works again."""
    locked = _locked(access, (AccessStatus.SUSPENDED,))
    require_reviewer(reviewer, locked.store, subject_organization_id=locked.organization_id)
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
        actor=acting_user,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization, event=PartnerEvent.ACCESS_RESUMED, data=_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_RESUMED,
        title=gettext_lazy("%(store)s resumed your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_resumed",
        context={"access": locked},
    )
    return locked


def _end(
    locked: CollaboratorAccess,
    *,
    status: str,
    entry_status: str,
    by: Any,
    now: datetime,
    action: AuditAction,
    reason: str,
    meta: RequestMeta | None,
) -> int:
    locked.status = status
    locked.removed_at = now
    locked.removed_by = by
    locked.save(update_fields=["status", "removed_at", "removed_by", "updated_at"])
    ended = sessions_end(access=locked, now=now)
    entry_set(
        organization=locked.organization, store=locked.store, status=entry_status, access=locked
    )
    audit_record(
        action=action,
        actor=by,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        after={"reason": reason, "sessions_ended": ended},
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization,
        event=PartnerEvent.ACCESS_REMOVED,
        data=_data(locked, reason=reason),
    )
    return ended


@transaction.atomic
def collaborator_access_remove(
    *,
    access: CollaboratorAccess,
    reviewer: StoreAccess,
    acting_user: Any,
    meta: RequestMeta | None = None,
) -> CollaboratorAccess:
    """R14: the merchant removes the access; live sessions end at once."""
    now = timezone.now()
    locked = _locked(access, LIVE_ACCESS_STATUSES)
    require_reviewer(reviewer, locked.store, subject_organization_id=locked.organization_id)
    _end(
        locked,
        status=AccessStatus.REMOVED,
        entry_status=PartnerStoreStatus.ACCESS_REMOVED,
        by=acting_user,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED,
        reason="removed_by_store",
        meta=meta,
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_REMOVED,
        title=gettext_lazy("%(store)s removed your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_removed",
        context={"access": locked},
    )
    return locked


@transaction.atomic
def collaborator_access_remove_by_partner(
    *, access: CollaboratorAccess, member: PartnerMember, meta: RequestMeta | None = None
) -> CollaboratorAccess:
    """R20: the partner gives up its own access; sessions end and the merchant is told."""
    now = timezone.now()
    require_manager(member.organization, member.user)
    if access.organization_id != member.organization_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator access."))
    locked = _locked(access, LIVE_ACCESS_STATUSES)
    _end(
        locked,
        status=AccessStatus.REMOVED,
        entry_status=PartnerStoreStatus.ACCESS_REMOVED,
        by=member.user,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED_BY_PARTNER,
        reason="removed_by_partner",
        meta=meta,
    )
    notify_merchants(
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_REMOVED_BY_PARTNER,
        title=gettext_lazy("%(partner)s removed its collaborator access"),
        params={"partner": locked.organization.name},
        template="collab_access_removed_by_partner",
        context={"access": locked, "organization": locked.organization, "member": member.user},
        url=collaborators_url(locked.store),
    )
    return locked


@transaction.atomic
def partner_store_hide(
    *,
    organization: PartnerOrganization,
    store: Store,
    member: PartnerMember,
    meta: RequestMeta | None = None,
) -> PartnerStoreEntry:
    """R21: after an ending, the partner may take the store off its list; nothing else changes."""
    require_manager(organization, member.user)
    entry = (
        PartnerStoreEntry.objects.select_for_update(of=("self",))
        .filter(organization=organization, store=store)
        .first()
    )
    if entry is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("This store is not on your list."))
    if entry.status not in HIDEABLE:
        raise ApplicationError(
            ErrorCode.INVALID_STATE,
            _(
                "Only stores whose access was removed, declined, cancelled or expired can be hidden."
            ),
            extra={"status": entry.status},
        )
    if entry.hidden_at is None:
        entry.hidden_at = timezone.now()
        entry.save(update_fields=["hidden_at", "updated_at"])
        audit_record(
            action=AuditAction.PARTNER_STORE_HIDDEN,
            actor=member.user,
            organization=organization,
            store=store,
            target=entry,
            meta=meta,
        )
    return entry


@transaction.atomic
def collaborator_access_expire(*, access: CollaboratorAccess, now: datetime) -> bool:
    """R23: the end date has come; both sides are told. Idempotent."""
    locked = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .select_related("organization", "store", "store__owner")
        .filter(pk=access.pk, status__in=LIVE_ACCESS_STATUSES, expires_at__lte=now)
        .first()
    )
    if locked is None:
        return False
    _end(
        locked,
        status=AccessStatus.EXPIRED,
        entry_status=PartnerStoreStatus.EXPIRED,
        by=None,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_EXPIRED,
        reason="end_date",
        meta=None,
    )
    context = {"access": locked, "organization": locked.organization}
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_EXPIRED,
        title=gettext_lazy("Your collaborator access to %(store)s ended"),
        params={"store": locked.store.name},
        template="collab_access_expired",
        context=context,
    )
    notify_merchants(
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_EXPIRED,
        title=gettext_lazy("The collaborator access of %(partner)s ended"),
        params={"partner": locked.organization.name},
        template="collab_access_expired",
        context=context,
        url=collaborators_url(locked.store),
    )
    return True


@transaction.atomic
def collaborator_access_remove_inactive(
    *, access: CollaboratorAccess, now: datetime, days: int
) -> bool:
    """R24: nobody used the access for ``days``; both sides are told. Idempotent."""
    locked = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .select_related("organization", "store", "store__owner")
        .filter(pk=access.pk, status=AccessStatus.ACTIVE)
        .first()
    )
    if locked is None:
        return False
    _end(
        locked,
        status=AccessStatus.REMOVED,
        entry_status=PartnerStoreStatus.ACCESS_REMOVED,
        by=None,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED_INACTIVE,
        reason="inactivity",
        meta=None,
    )
    context = {"access": locked, "organization": locked.organization, "days": days}
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_REMOVED_INACTIVE,
        title=gettext_lazy("Your unused collaborator access to %(store)s was removed"),
        params={"store": locked.store.name},
        template="collab_inactivity_removed",
        context=context,
    )
    notify_merchants(
        store=locked.store,
        kind=NotificationKind.COLLABORATOR_ACCESS_REMOVED_INACTIVE,
        title=gettext_lazy("The unused collaborator access of %(partner)s was removed"),
        params={"partner": locked.organization.name},
        template="collab_inactivity_removed",
        context=context,
        url=collaborators_url(locked.store),
    )
    return True
