"""In-app notifications, the transactional outbox, and the demo mailbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Shown on a store's Home (``store`` set) or on the partner dashboard (``organization`` set)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    store = models.ForeignKey(
        "stores.Store", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organization = models.ForeignKey(
        "partners.PartnerOrganization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, default="")
    url = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes = [
            models.Index(fields=["recipient", "store", "-id"], name="notification_store_idx"),
            models.Index(fields=["recipient", "organization", "-id"], name="notification_org_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class OutboxKind(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WEBHOOK = "webhook", _("Webhook")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Given up")


class OutboxMessage(models.Model):
    """A message written in the transaction of the change that causes it (SPEC §6).

    The worker claims due rows, delivers them, and records the outcome. A crash between the
    commit and the delivery leaves the row pending, so it is delivered later: at least once.
    """

    kind = models.CharField(max_length=16, choices=OutboxKind.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # A worker holding a claim until this time; another worker may take over after it.
    locked_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # For webhooks: which subscription it goes to (see storegate/webhooks/).
    subscription_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.status})"


class MailboxEmail(models.Model):
    """E-mails kept instead of sent (EMAIL_URL=mailbox://), listed on the demo's mailbox page."""

    to = models.TextField()
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=500)
    body = models.TextField()
    html = models.TextField(blank=True, default="")
    # The outbox message it came from, to show that a repeated delivery is one e-mail.
    message_id = models.CharField(max_length=200, blank=True, default="")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-id",)

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class WebhookEndpoint(models.Model):
    """A partner organization's webhook subscription (R27).

    The signing secret is needed in clear to sign deliveries, so it is stored encrypted (S6)
    and shown once, at creation.
    """

    organization = models.ForeignKey(
        "partners.PartnerOrganization", on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True, default="")
    events = models.JSONField(default=list)
    secret_encrypted = models.TextField()
    is_active = models.BooleanField(default=True)
    # Failed attempts in a row, over all messages; reset by any success or by re-enabling.
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("id",)
        indexes = [
            models.Index(fields=["organization", "is_active"], name="webhook_org_active_idx")
        ]

    def __str__(self) -> str:
        return f"webhook {self.pk} → {self.url}"


class WebhookDelivery(models.Model):
    """One attempt to deliver one outbox message to one endpoint: the delivery log."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    outbox_message_id = models.BigIntegerField()
    event = models.CharField(max_length=64)
    attempt = models.PositiveIntegerField()
    succeeded = models.BooleanField(default=False)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, default="")
    error = models.TextField(blank=True, default="")
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["endpoint", "-id"], name="webhook_delivery_idx")]

    def __str__(self) -> str:
        return f"delivery {self.pk} of message {self.outbox_message_id} ({self.status_code})"
