"""Collaborator requests, accesses, store sessions and the partner's store list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.core.models import TimeStampedModel
from storegate.core.sql import sql_in
from storegate.partners.models import PartnerMember, PartnerOrganization
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet

# R05: the database refuses an 11th pending request through a CHECK on this counter.
MAX_PENDING_REQUESTS = 10


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access")
    # R23: a partner asking to extend the end date of an existing access.
    EXTENSION = "extension", _("Extension")


class CollaboratorRequest(TimeStampedModel):
    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="collaborator_requests")
    kind = models.CharField(max_length=16, choices=RequestKind.choices, default=RequestKind.ACCESS)
    access = models.ForeignKey(
        "CollaboratorAccess",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        help_text="The access this request created (approve) or wants to extend (extension).",
    )
    permissions_mask = models.BigIntegerField()
    message = models.TextField(max_length=1000, blank=True, default="")
    duration_days = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    expires_at = models.DateTimeField(help_text="When a pending request expires (R09).")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_permissions_mask = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "store"],
                condition=Q(status="pending"),
                name="collab_request_one_pending_per_org_store",
            ),
        ]
        indexes = [
            models.Index(fields=["store", "status", "-id"], name="collab_request_store_idx"),
            models.Index(fields=["organization", "status", "-id"], name="collab_request_org_idx"),
            models.Index(fields=["status", "expires_at"], name="collab_request_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} {self.organization_id}→{self.store_id} ({self.status})"

    @property
    def permissions(self) -> PermissionSet:
        return PermissionSet(self.permissions_mask)


class AccessStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REMOVED = "removed", _("Removed")
    EXPIRED = "expired", _("Expired")


# The one definition of the two rules every reader of an access applies (S3):
# - *live*: the access exists for the store (it may be suspended): it holds the organization's
#   one place per store, shows on the lists, can be edited, suspended, resumed or removed;
# - *usable*: it grants its permissions now: a usable status and not past ``expires_at``.
# The ORM reads them through ``CollaboratorAccess.objects.live()`` / ``.usable(now)`` and
# ``is_live()`` / ``is_usable(now)``; the per-request SQL through ``live_access_sql`` /
# ``usable_access_sql``. All four are built from these two constants.
LIVE_ACCESS_STATUSES = (AccessStatus.ACTIVE, AccessStatus.SUSPENDED)
USABLE_ACCESS_STATUSES = (AccessStatus.ACTIVE,)


def live_access_sql(alias: str) -> str:
    """The *live* rule as a condition on the access row ``alias`` (no parameter)."""
    return sql_in(f"{alias}.status", LIVE_ACCESS_STATUSES)


def usable_access_sql(alias: str) -> str:
    """The *usable* rule as a condition on the access row ``alias``; one ``%s`` parameter: now."""
    return (
        f"{sql_in(f'{alias}.status', USABLE_ACCESS_STATUSES)} "
        f"AND ({alias}.expires_at IS NULL OR {alias}.expires_at > %s)"
    )


class CollaboratorAccessQuerySet(models.QuerySet["CollaboratorAccess"]):
    def live(self) -> CollaboratorAccessQuerySet:
        return self.filter(status__in=LIVE_ACCESS_STATUSES)

    def usable(self, now: Any = None) -> CollaboratorAccessQuerySet:
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now), status__in=USABLE_ACCESS_STATUSES
        )


class CollaboratorAccess(TimeStampedModel):
    """A partner organization's access to a store. It never counts toward the staff limit (R16)."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="collaborator_accesses")
    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="accesses"
    )
    permissions_mask = models.BigIntegerField()
    status = models.CharField(
        max_length=16, choices=AccessStatus.choices, default=AccessStatus.ACTIVE
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)
    # R26: permissions exercised since ``usage_period_started_at`` (set by the store guard,
    # read and reset by the access-review digest).
    used_permissions_mask = models.BigIntegerField(default=0)
    usage_period_started_at = models.DateTimeField(default=timezone.now)
    # R23/R24: which warnings went out already, so periodic jobs send each once.
    warnings_sent = models.JSONField(default=list, blank=True)

    objects = CollaboratorAccessQuerySet.as_manager()

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "store"],
                condition=Q(status__in=list(LIVE_ACCESS_STATUSES)),
                name="collab_access_one_live_per_org_store",
            ),
        ]
        indexes = [
            models.Index(fields=["store", "status", "-id"], name="collab_access_store_idx"),
            models.Index(fields=["organization", "status"], name="collab_access_org_idx"),
            models.Index(fields=["status", "expires_at"], name="collab_access_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"access {self.pk} {self.organization_id}→{self.store_id} ({self.status})"

    @property
    def permissions(self) -> PermissionSet:
        return PermissionSet(self.permissions_mask)

    def is_live(self) -> bool:
        return self.status in LIVE_ACCESS_STATUSES

    def is_usable(self, now: Any = None) -> bool:
        """Only a usable (active), unexpired access grants anything (S3)."""
        now = now or timezone.now()
        return self.status in USABLE_ACCESS_STATUSES and (
            self.expires_at is None or self.expires_at > now
        )


class StoreSession(TimeStampedModel):
    """A collaborator's session in one store, opened only through the partner dashboard (R18)."""

    access = models.ForeignKey(
        CollaboratorAccess, on_delete=models.CASCADE, related_name="sessions"
    )
    # Denormalised from ``access`` so that the resolver filters on one table.
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="store_sessions"
    )
    member = models.ForeignKey(PartnerMember, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["access", "ended_at"], name="store_session_access_idx")]

    def __str__(self) -> str:
        return f"store session {self.pk} of {self.user_id} in {self.store_id}"


class PartnerStoreStatus(models.TextChoices):
    """The labels of the partner dashboard's *Stores* page (R17)."""

    MANAGED = "managed", _("Managed")
    PENDING = "pending", _("Pending")
    DECLINED = "declined", _("Declined")
    ACCESS_REMOVED = "access_removed", _("Access removed")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class PartnerStoreEntry(TimeStampedModel):
    """One row per (organization, store) on the partner's *Stores* list, kept by the services.

    A denormalised row keeps the list one indexed range scan at 100,000 stores per partner.
    """

    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="store_entries"
    )
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=PartnerStoreStatus.choices)
    request = models.ForeignKey(
        CollaboratorRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    access = models.ForeignKey(
        CollaboratorAccess, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Lower-cased "name handle", for search.
    search_text = models.CharField(max_length=200, default="")
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "store"], name="partner_store_entry_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["organization", "hidden_at", "-id"], name="partner_store_list_idx"
            ),
            models.Index(
                fields=["organization", "hidden_at", "status", "-id"],
                name="partner_store_status_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.store_id} {self.status}"


class RequestCodeAttempt(models.Model):
    """S1: every attempt at a store's request code, for the throttling windows and the audit."""

    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="+"
    )
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    succeeded = models.BooleanField()
    # Refused by a throttle before the code was evaluated.
    throttled = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-id",)
        indexes = [
            models.Index(
                fields=["organization", "store", "created_at"], name="code_attempt_org_store_idx"
            ),
            models.Index(fields=["organization", "created_at"], name="code_attempt_org_idx"),
        ]

    def __str__(self) -> str:
        return f"code attempt {self.pk}"
