"""Partner organizations and their members."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.core.models import TimeStampedModel


class PartnerRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    STORE_MANAGER = "store_manager", _("Store manager")
    STORE_VIEWER = "store_viewer", _("Store viewer")


# Higher is more. ``store_manager`` and above request, cancel and remove access (R01).
ROLE_RANK: dict[str, int] = {
    PartnerRole.STORE_VIEWER: 1,
    PartnerRole.STORE_MANAGER: 2,
    PartnerRole.ADMIN: 3,
    PartnerRole.OWNER: 4,
}


def role_at_least(role: str, minimum: str) -> bool:
    return ROLE_RANK.get(role, 0) >= ROLE_RANK[minimum]


class PartnerOrganization(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    website = models.URLField(blank=True, default="")
    # R05: pending requests right now. Services change it in the transaction that changes a
    # request's status; the CHECK constraint makes the database refuse an 11th.
    pending_requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pending_requests__gte=0) & models.Q(pending_requests__lte=10),
                name="partner_org_pending_requests_at_most_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerMember(TimeStampedModel):
    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships"
    )
    role = models.CharField(
        max_length=16, choices=PartnerRole.choices, default=PartnerRole.STORE_MANAGER
    )

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="partner_member_unique")
        ]
        indexes = [models.Index(fields=["user", "organization"], name="partner_member_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organization_id} ({self.role})"


class OrganizationApiToken(TimeStampedModel):
    """An organization API token (R27): acts in one organization with one role.

    Only its SHA-256 is stored (S6); the raw token is shown once, at creation. It acts as the
    member who created it, bounded by its own role, so removing that member or lowering their
    role below the token's role stops it too (see partners.guard).
    """

    organization = models.ForeignKey(
        PartnerOrganization, on_delete=models.CASCADE, related_name="api_tokens"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(max_length=16, choices=PartnerRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(
        max_length=16, help_text="First characters, to recognise a token in lists."
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["organization", "-id"], name="org_token_org_idx")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organization_id}, {self.role})"

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
