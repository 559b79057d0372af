"""The append-only audit trail (R25)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """Who did what, where, through which partner organization. Never updated or deleted."""

    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept even if the user is deleted later, so the trail still names the person.
    actor_email = models.CharField(max_length=254, blank=True, default="")
    organization = models.ForeignKey(
        "partners.PartnerOrganization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    store = models.ForeignKey(
        "stores.Store", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64, blank=True, default="")
    target_id = models.CharField(max_length=64, blank=True, default="")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True, default="")

    class Meta:
        ordering = ("-id",)
        indexes = [
            models.Index(fields=["store", "-id"], name="audit_store_idx"),
            models.Index(fields=["store", "created_at"], name="audit_store_time_idx"),
            models.Index(fields=["store", "action", "-id"], name="audit_store_action_idx"),
            models.Index(fields=["organization", "-id"], name="audit_org_idx"),
            models.Index(fields=["actor", "-id"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} by {self.actor_email or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Audit events are append-only.")
