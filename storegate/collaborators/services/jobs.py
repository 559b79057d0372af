"""The periodic work of the workflow (R09, R23, R24): idempotent and safe on several workers.

Each job picks candidates with an indexed query, then handles each row in its own transaction,
re-checking the condition under a row lock (``select_for_update(skip_locked=True, of=("self",))`` on
PostgreSQL: a row another worker holds is left to it). Warnings are recorded in
``CollaboratorAccess.warnings_sent`` as ``"<kind>|<basis>"`` where the basis is the date the
warning is about (the end date, or the last use), so each warning goes once per basis, and a new
end date or a new log-in re-arms them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    AccessStatus,
    CollaboratorAccess,
    CollaboratorRequest,
    RequestStatus,
)
from storegate.collaborators.services.access_endings import (
    collaborator_access_expire,
    collaborator_access_remove_inactive,
)
from storegate.collaborators.services.notices import (
    collaborators_url,
    notify_merchants,
    notify_partner,
)
from storegate.collaborators.services.requests import collaborator_request_expire
from storegate.notifications.events import partner_event_emit
from storegate.stores.models import Store

EXPIRY_WARNING_DAYS = (7, 1)
INACTIVITY_WARNING_DAYS = (14, 3)
BATCH = 500


def expire_pending_requests(*, now: datetime | None = None, limit: int = BATCH) -> int:
    """R09: expire every pending request past its date."""
    now = now or timezone.now()
    due = CollaboratorRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__lte=now
    ).order_by("expires_at")[:limit]
    return sum(1 for request in list(due) if collaborator_request_expire(request=request, now=now))


def _key(kind: str, basis: datetime) -> str:
    return f"{kind}|{basis.isoformat()}"


def _sent_at(access: CollaboratorAccess, kind: str, basis: datetime) -> datetime | None:
    prefix = _key(kind, basis) + "|"
    for entry in access.warnings_sent or []:
        if isinstance(entry, str) and entry.startswith(prefix):
            return datetime.fromisoformat(entry[len(prefix) :])
    return None


@transaction.atomic
def _warn(
    *,
    access_id: int,
    kind: str,
    basis_of: Any,
    due: Any,
    now: datetime,
    template: str,
    partner_title: Any,
    merchant_title: Any,
    days_left: int,
) -> bool:
    """Send one warning to both sides, once, under the access's row lock."""
    locked = (
        CollaboratorAccess.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("organization", "store", "store__owner")
        .filter(pk=access_id, status__in=LIVE_ACCESS_STATUSES)
        .first()
    )
    if locked is None:
        return False
    basis = basis_of(locked)
    if basis is None or not due(locked, basis) or _sent_at(locked, kind, basis) is not None:
        return False
    locked.warnings_sent = [*(locked.warnings_sent or []), f"{_key(kind, basis)}|{now.isoformat()}"]
    locked.save(update_fields=["warnings_sent", "updated_at"])
    audit_record(
        action=AuditAction(f"collaborator.{kind.split('_')[0]}_warning_sent"),
        organization=locked.organization,
        store=locked.store,
        target=locked,
        after={"warning": kind, "about": basis.isoformat()},
    )
    context = {
        "access": locked,
        "organization": locked.organization,
        "days_left": days_left,
        "date": basis,
    }
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind=f"collaborator.{kind}",
        title=partner_title,
        params={"store": locked.store.name, "days": days_left},
        template=template,
        context={**context, "side": "partner"},
    )
    notify_merchants(
        store=locked.store,
        kind=f"collaborator.{kind}",
        title=merchant_title,
        params={"partner": locked.organization.name, "days": days_left},
        template=template,
        context={**context, "side": "store"},
        url=collaborators_url(locked.store),
    )
    partner_event_emit(
        organization=locked.organization,
        event="access.expiring",
        data={
            "access_id": str(locked.pk),
            "store_id": str(locked.store_id),
            "reason": kind.split("_")[0],
            "ends_at": (
                basis if kind.startswith("expiry") else now + timedelta(days=days_left)
            ).isoformat(),
        },
    )
    return True


def process_end_dates(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """R23: warn 7 days and 1 day before the end date, and end the access at it."""
    now = now or timezone.now()
    done = {"warned": 0, "expired": 0}
    live = CollaboratorAccess.objects.filter(
        status__in=LIVE_ACCESS_STATUSES, expires_at__isnull=False
    )
    for access in list(live.filter(expires_at__lte=now).order_by("expires_at")[:limit]):
        done["expired"] += collaborator_access_expire(access=access, now=now)
    horizon = now + timedelta(days=max(EXPIRY_WARNING_DAYS))
    soon = live.filter(expires_at__gt=now, expires_at__lte=horizon).order_by("expires_at")
    for access in list(soon[:limit]):
        # The most urgent warning due; a late one stands in for the earlier (both recorded).
        for days in sorted(EXPIRY_WARNING_DAYS):
            if access.expires_at and access.expires_at - now <= timedelta(days=days):
                sent = _warn(
                    access_id=access.pk,
                    kind=f"expiry_{days}",
                    basis_of=lambda a: a.expires_at,
                    due=lambda a, b, d=days: b - now <= timedelta(days=d),
                    now=now,
                    template="collab_access_expiring",
                    partner_title=gettext_lazy(
                        "Your collaborator access to %(store)s ends in %(days)d days"
                    )
                    if days > 1
                    else gettext_lazy("Your collaborator access to %(store)s ends tomorrow"),
                    merchant_title=gettext_lazy(
                        "The collaborator access of %(partner)s ends in %(days)d days"
                    )
                    if days > 1
                    else gettext_lazy("The collaborator access of %(partner)s ends tomorrow"),
                    days_left=days,
                )
                if sent:
                    done["warned"] += 1
                    _mark_earlier(access.pk, "expiry", days, EXPIRY_WARNING_DAYS, now)
                break
    return done


def _mark_earlier(
    access_id: int, kind: str, days: int, all_days: tuple[int, ...], now: datetime
) -> None:
    """When a later warning went out first, the earlier ones are moot: record them as sent."""
    with transaction.atomic():
        locked = (
            CollaboratorAccess.objects.select_for_update(of=("self",)).filter(pk=access_id).first()
        )
        if locked is None:
            return
        basis = _basis(locked, kind)
        if basis is None:
            return
        entries = list(locked.warnings_sent or [])
        for other in all_days:
            if other > days and _sent_at(locked, f"{kind}_{other}", basis) is None:
                entries.append(f"{_key(f'{kind}_{other}', basis)}|{now.isoformat()}")
        if entries != locked.warnings_sent:
            locked.warnings_sent = entries
            locked.save(update_fields=["warnings_sent", "updated_at"])


def _last_use(access: CollaboratorAccess) -> datetime:
    return access.last_login_at or access.granted_at


def _basis(access: CollaboratorAccess, kind: str) -> datetime | None:
    return access.expires_at if kind == "expiry" else _last_use(access)


def inactivity_days_of(store: Store) -> int:
    """R24: the store's own setting, else the site default; 0 turns removal off."""
    if store.inactivity_days is not None:
        return store.inactivity_days
    return int(settings.STOREGATE_INACTIVITY_DAYS)


def process_inactivity(*, now: datetime | None = None, limit: int = BATCH) -> dict[str, int]:
    """R24: warn 14 and 3 days before, then remove access nobody used for the store's period.

    Removal never comes less than 3 days after the last warning, so a store that shortens its
    period still gives its collaborators notice.
    """
    now = now or timezone.now()
    done = {"warned": 0, "removed": 0}
    default_days = int(settings.STOREGATE_INACTIVITY_DAYS)
    # One query per distinct period (the default and each store override), filtered in SQL on
    # the last use, so the job looks only at accesses close to or past their limit.
    periods = set(
        Store.objects.exclude(inactivity_days__isnull=True)
        .values_list("inactivity_days", flat=True)
        .distinct()
    )
    plans: list[tuple[int, Q]] = []
    if default_days:
        plans.append((default_days, Q(store__inactivity_days__isnull=True)))
    for days in sorted(p for p in periods if p is not None):
        if days:
            plans.append((days, Q(store__inactivity_days=days)))
    for days, which in plans:
        earliest_warning = max(INACTIVITY_WARNING_DAYS)
        candidates = (
            CollaboratorAccess.objects.filter(which, status=AccessStatus.ACTIVE)
            .annotate(last_use=Coalesce("last_login_at", "granted_at"))
            .filter(last_use__lte=now - timedelta(days=max(days - earliest_warning, 0)))
            .order_by("last_use")[:limit]
        )
        for access in list(candidates):
            limit_at = _last_use(access) + timedelta(days=days)
            last_warning = _sent_at(
                access, f"inactivity_{min(INACTIVITY_WARNING_DAYS)}", _last_use(access)
            )
            if (
                now >= limit_at
                and last_warning is not None
                and now >= last_warning + timedelta(days=min(INACTIVITY_WARNING_DAYS))
            ):
                done["removed"] += collaborator_access_remove_inactive(
                    access=access, now=now, days=days
                )
                continue
            for warn_days in sorted(INACTIVITY_WARNING_DAYS):
                if limit_at - now <= timedelta(days=warn_days):
                    sent = _warn(
                        access_id=access.pk,
                        kind=f"inactivity_{warn_days}",
                        basis_of=_last_use,
                        due=lambda a, b, d=warn_days, n=days: (
                            b + timedelta(days=n) - now <= timedelta(days=d)
                        ),
                        now=now,
                        template="collab_inactivity_warning",
                        partner_title=gettext_lazy(
                            "Unused collaborator access to %(store)s will be removed in %(days)d days"
                        ),
                        merchant_title=gettext_lazy(
                            "The unused collaborator access of %(partner)s will be removed in %(days)d days"
                        ),
                        days_left=max(warn_days, 0),
                    )
                    if sent:
                        done["warned"] += 1
                        _mark_earlier(
                            access.pk, "inactivity", warn_days, INACTIVITY_WARNING_DAYS, now
                        )
                    break
    return done
