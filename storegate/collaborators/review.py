"""The access review (R26): a periodic digest to the store owner of every collaborator access —
what it may do, until when, when it was last used, and which granted permissions went unused —
and "remove all collaborators" for emergencies.

"Unused" means granted bits absent from ``CollaboratorAccess.used_permissions_mask``, which the
store guard fills as collaborators act; the digest resets it, so each digest covers the period
since the previous one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    CollaboratorAccess,
    StoreSession,
)
from storegate.collaborators.services.access_endings import collaborator_access_remove
from storegate.collaborators.services.authority import require_reviewer
from storegate.core.acting import Acting
from storegate.core.links import page_url
from storegate.notifications.services import email_enqueue
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet, Section, StorePermission


@dataclass(frozen=True)
class ReviewPerson:
    email: str
    name: str
    last_login_at: datetime


@dataclass(frozen=True)
class ReviewEntry:
    access: CollaboratorAccess
    organization_name: str
    status: str
    permissions: PermissionSet
    unused: PermissionSet
    expires_at: datetime | None
    last_login_at: datetime | None
    people: list[ReviewPerson] = field(default_factory=list)

    @property
    def permissions_by_section(self) -> list[tuple[Section, list[StorePermission]]]:
        return list(self.permissions.by_section().items())

    @property
    def unused_codes(self) -> list[str]:
        return self.unused.codes()


@dataclass(frozen=True)
class AccessReviewDigest:
    store: Store
    period_start: datetime
    period_end: datetime
    entries: list[ReviewEntry]


def review_interval() -> timedelta:
    return timedelta(days=settings.STOREGATE_REVIEW_DIGEST_DAYS)


def access_review_build(*, store: Store, now: datetime | None = None) -> AccessReviewDigest:
    """What the owner should review right now: every live access of the store."""
    now = now or timezone.now()
    accesses = list(
        CollaboratorAccess.objects.select_related("organization")
        .filter(store=store, status__in=LIVE_ACCESS_STATUSES)
        .order_by("organization__name", "id")
    )
    # Who logged in through each access, and when last: one grouped query for the store.
    people: dict[int, list[ReviewPerson]] = {}
    rows = (
        StoreSession.objects.filter(access_id__in=[a.pk for a in accesses])
        .values("access_id", "user__email", "user__name")
        .annotate(last=Max("created_at"))
        .order_by("access_id", "-last")
    )
    for row in rows:
        people.setdefault(row["access_id"], []).append(
            ReviewPerson(
                email=row["user__email"], name=row["user__name"], last_login_at=row["last"]
            )
        )
    entries = []
    starts = []
    for access in accesses:
        granted = PermissionSet(access.permissions_mask)
        used = PermissionSet(access.used_permissions_mask)
        starts.append(access.usage_period_started_at)
        entries.append(
            ReviewEntry(
                access=access,
                organization_name=access.organization.name,
                status=access.status,
                permissions=granted,
                unused=granted - used,
                expires_at=access.expires_at,
                last_login_at=access.last_login_at,
                people=people.get(access.pk, []),
            )
        )
    period_start = store.last_review_digest_at or (min(starts) if starts else store.created_at)
    return AccessReviewDigest(
        store=store, period_start=period_start, period_end=now, entries=entries
    )


def access_review_digest_is_due(*, store: Store, now: datetime) -> bool:
    since = store.last_review_digest_at or store.created_at
    return since <= now - review_interval()


@transaction.atomic
def access_review_digest_send(*, store: Store, now: datetime | None = None) -> bool:
    """Send the digest if it is due; True when one went out.

    Idempotent and safe on several workers: the store row is locked and the due check is made
    again under the lock, then ``last_review_digest_at`` moves forward in the same transaction.
    """
    now = now or timezone.now()
    locked = Store.objects.select_for_update().select_related("owner").get(pk=store.pk)
    if not access_review_digest_is_due(store=locked, now=now):
        return False
    digest = access_review_build(store=locked, now=now)
    locked.last_review_digest_at = now
    locked.save(update_fields=["last_review_digest_at", "updated_at"])
    if not digest.entries:
        # Nothing to review; the clock still moves so the store is not looked at every tick.
        return False
    review_url = page_url("access_review", locked.pk)
    email_enqueue(
        recipient=locked.owner,
        template="review_digest",
        context={
            "store": locked,
            "digest": digest,
            "entries": digest.entries,
            "review_url": review_url,
        },
    )
    # A new period starts for every access listed.
    CollaboratorAccess.objects.filter(pk__in=[e.access.pk for e in digest.entries]).update(
        used_permissions_mask=0, usage_period_started_at=now
    )
    audit_record(
        action=AuditAction.ACCESS_REVIEW_DIGEST_SENT,
        store=locked,
        after={
            "recipient": locked.owner.email,
            "accesses": [
                {
                    "id": str(e.access.pk),
                    "organization": e.organization_name,
                    "unused": e.unused_codes,
                }
                for e in digest.entries
            ],
        },
    )
    return True


def stores_due_for_review(*, now: datetime) -> Any:
    """Ids of stores whose digest is due, oldest first; an index-friendly filter."""
    cutoff = now - review_interval()
    return (
        Store.objects.filter(
            Q(last_review_digest_at__lte=cutoff)
            | Q(last_review_digest_at__isnull=True, created_at__lte=cutoff)
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )


def access_review_send_due(*, now: datetime | None = None, limit: int = 1000) -> int:
    """Send every due digest (at most ``limit`` per run); returns how many went out."""
    now = now or timezone.now()
    sent = 0
    for store_id in list(stores_due_for_review(now=now)[:limit]):
        store = Store.objects.filter(pk=store_id).first()
        if store is not None and access_review_digest_send(store=store, now=now):
            sent += 1
    return sent


@transaction.atomic
def collaborator_access_remove_all(
    *,
    store: Store,
    acting: Acting,
) -> int:
    """Emergency: remove every live collaborator access of the store at once, audited as one act
    on top of each removal's own audit event. Returns how many were removed.

    A collaborator acting as reviewer never decides about its own organization's access (S6),
    so its own access is left out; it can give it up from the partner dashboard.
    """
    reviewer = require_reviewer(acting, store)
    live = CollaboratorAccess.objects.select_related("organization").filter(
        store=store, status__in=LIVE_ACCESS_STATUSES
    )
    if reviewer.organization_id is not None:
        live = live.exclude(organization_id=reviewer.organization_id)
    accesses = list(live.order_by("id"))
    for access in accesses:
        collaborator_access_remove(access=access, acting=acting)
    audit_record(
        action=AuditAction.COLLABORATOR_REMOVED_ALL,
        acting=acting,
        store=store,
        after={
            "count": len(accesses),
            "organizations": [a.organization.name for a in accesses],
        },
    )
    return len(accesses)
