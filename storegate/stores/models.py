"""Stores, their plans and staff."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from storegate.core.models import TimeStampedModel
from storegate.core.sql import sql_in
from storegate.stores.permissions import PermissionSet

HANDLE_VALIDATOR = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
    _("Use 1–63 lowercase letters, digits and hyphens, not starting or ending with a hyphen."),
)


def new_request_code() -> str:
    """R02: four digits from the operating system's CSPRNG."""
    return f"{secrets.randbelow(10_000):04d}"


class Plan(models.TextChoices):
    BASIC = "basic", _("Basic")
    GROW = "grow", _("Grow")
    ADVANCED = "advanced", _("Advanced")
    PLUS = "plus", _("Plus")


STAFF_LIMITS: dict[str, int] = {Plan.BASIC: 2, Plan.GROW: 5, Plan.ADVANCED: 15, Plan.PLUS: 100}


class Store(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    handle = models.CharField(
        _("handle"), max_length=63, unique=True, validators=[HANDLE_VALIDATOR]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_stores"
    )
    plan = models.CharField(_("plan"), max_length=16, choices=Plan.choices, default=Plan.BASIC)
    # R02/R15: the collaborator request code and whether it is required.
    request_code = models.CharField(max_length=4, default=new_request_code)
    request_code_required = models.BooleanField(default=True)
    request_code_generated_at = models.DateTimeField(auto_now_add=True)
    # S1: wrong codes from anyone since the code was generated; at 5 the code is replaced.
    request_code_failures = models.PositiveIntegerField(default=0)
    # R24: days without use before a collaborator access is removed; null = the site default, 0 = off.
    inactivity_days = models.PositiveIntegerField(null=True, blank=True)
    # R26: when the last access-review digest went out.
    last_review_digest_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="USD")

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["owner"], name="store_owner_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"https://{self.handle}.{settings.STOREGATE_STORE_DOMAIN}"

    @property
    def staff_limit(self) -> int:
        return STAFF_LIMITS[self.plan]


class StaffStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    REMOVED = "removed", _("Removed")


# The one definition of a staff account that holds its permissions: an active one. The ORM reads
# it through ``StaffMember.objects.active()``, the per-request SQL through ``active_staff_sql``.
ACTIVE_STAFF_STATUSES = (StaffStatus.ACTIVE,)


def active_staff_sql(alias: str) -> str:
    """The *active* rule as a condition on the staff row ``alias`` (no parameter)."""
    return sql_in(f"{alias}.status", ACTIVE_STAFF_STATUSES)


class StaffMemberQuerySet(models.QuerySet["StaffMember"]):
    def active(self) -> StaffMemberQuerySet:
        return self.filter(status__in=ACTIVE_STAFF_STATUSES)


class StaffMember(TimeStampedModel):
    """A staff account in a store. Invited and active members count toward the staff limit (R16)."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="staff_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_memberships",
        null=True,
        blank=True,
    )
    # The invited address; the user is linked when the invitation is accepted or the account exists.
    email = models.EmailField()
    permissions_mask = models.BigIntegerField(default=0)
    status = models.CharField(
        max_length=16, choices=StaffStatus.choices, default=StaffStatus.INVITED
    )
    invitation_token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(
                fields=["store", "email"],
                condition=~Q(status="removed"),
                name="staff_one_live_per_email",
            ),
        ]
        indexes = [models.Index(fields=["user", "store"], name="staff_user_store_idx")]

    def __str__(self) -> str:
        return f"{self.email} @ {self.store_id}"

    @property
    def permissions(self) -> PermissionSet:
        return PermissionSet(self.permissions_mask)
