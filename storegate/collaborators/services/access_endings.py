"""The ends of an access: the merchant removes it (R14), the partner gives it up (R20), its end
date comes (R23), or nobody used it for the store's period (R24). Live sessions end at once."""

from __future__ import annotations

from datetime import datetime

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
)
from storegate.collaborators.services.access_changes import access_data, locked_access, sessions_end
from storegate.collaborators.services.authority import require_manager, require_reviewer
from storegate.collaborators.services.notices import (
    collaborators_url,
    notify_merchants,
    notify_partner,
)
from storegate.collaborators.services.partner_list import entry_set
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import partner_event_emit


def _end(
    locked: CollaboratorAccess,
    *,
    status: str,
    entry_status: str,
    acting: Acting,
    now: datetime,
    action: AuditAction,
    reason: str,
) -> int:
    locked.status = status
    locked.removed_at = now
    locked.removed_by = acting.user
    locked.save(update_fields=["status", "removed_at", "removed_by", "updated_at"])
    ended = sessions_end(access=locked, now=now)
    entry_set(
        organization=locked.organization, store=locked.store, status=entry_status, access=locked
    )
    audit_record(
        action=action,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        after={"reason": reason, "sessions_ended": ended},
    )
    partner_event_emit(
        organization=locked.organization,
        event="access.removed",
        data=access_data(locked, reason=reason),
    )
    return ended


@transaction.atomic
def collaborator_access_remove(
    *,
    access: CollaboratorAccess,
    acting: Acting,
) -> CollaboratorAccess:
    """R14: the merchant removes the access; live sessions end at once."""
    now = timezone.now()
    locked = locked_access(access, LIVE_ACCESS_STATUSES)
    require_reviewer(acting, locked.store, subject_organization_id=locked.organization_id)
    _end(
        locked,
        status=AccessStatus.REMOVED,
        entry_status=PartnerStoreStatus.ACCESS_REMOVED,
        acting=acting,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED,
        reason="removed_by_store",
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_removed",
        title=gettext_lazy("%(store)s removed your collaborator access"),
        params={"store": locked.store.name},
        template="collab_access_removed",
        context={"access": locked},
    )
    return locked


@transaction.atomic
def collaborator_access_remove_by_partner(
    *, access: CollaboratorAccess, acting: Acting
) -> CollaboratorAccess:
    """R20: a manager of the partner (``acting``, in its organization) gives up the
    organization's own access; sessions end and the merchant is told."""
    now = timezone.now()
    member = require_manager(acting.organization_id, acting)
    if access.organization_id != member.organization_id:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator access."))
    locked = locked_access(access, LIVE_ACCESS_STATUSES)
    _end(
        locked,
        status=AccessStatus.REMOVED,
        entry_status=PartnerStoreStatus.ACCESS_REMOVED,
        acting=acting,
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED_BY_PARTNER,
        reason="removed_by_partner",
    )
    notify_merchants(
        store=locked.store,
        kind="collaborator.access_removed_by_partner",
        title=gettext_lazy("%(partner)s removed its collaborator access"),
        params={"partner": locked.organization.name},
        template="collab_access_removed_by_partner",
        context={"access": locked, "organization": locked.organization, "member": acting.user},
        url=collaborators_url(locked.store),
    )
    return locked


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
        acting=Acting.system(),
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_EXPIRED,
        reason="end_date",
    )
    context = {"access": locked, "organization": locked.organization}
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_expired",
        title=gettext_lazy("Your collaborator access to %(store)s ended"),
        params={"store": locked.store.name},
        template="collab_access_expired",
        context=context,
    )
    notify_merchants(
        store=locked.store,
        kind="collaborator.access_expired",
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
        acting=Acting.system(),
        now=now,
        action=AuditAction.COLLABORATOR_ACCESS_REMOVED_INACTIVE,
        reason="inactivity",
    )
    context = {"access": locked, "organization": locked.organization, "days": days}
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.access_removed_inactive",
        title=gettext_lazy("Your unused collaborator access to %(store)s was removed"),
        params={"store": locked.store.name},
        template="collab_inactivity_removed",
        context=context,
    )
    notify_merchants(
        store=locked.store,
        kind="collaborator.access_removed_inactive",
        title=gettext_lazy("The unused collaborator access of %(partner)s was removed"),
        params={"partner": locked.organization.name},
        template="collab_inactivity_removed",
        context=context,
        url=collaborators_url(locked.store),
    )
    return True
