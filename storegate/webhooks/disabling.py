"""Switching off an endpoint that keeps failing (R27), and telling the organization's admins.

``webhook_disable_after_failure`` is named in ``settings.STOREGATE_OUTBOX_FAILURE_HOOKS``; the
outbox calls it after every failed attempt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.notifications.kinds import NotificationKind
from storegate.notifications.models import OutboxKind, OutboxMessage, WebhookEndpoint
from storegate.notifications.services import email_enqueue, notification_create
from storegate.partners.models import PartnerMember, PartnerRole


def disable_after_failures() -> int:
    """Failed attempts in a row after which an endpoint is switched off."""
    return settings.STOREGATE_WEBHOOK_DISABLE_AFTER_FAILURES


def webhook_disable_after_failure(message: OutboxMessage) -> None:
    if message.kind != OutboxKind.WEBHOOK or message.subscription_id is None:
        return
    webhook_endpoint_disable_if_failing(endpoint_id=message.subscription_id)


@transaction.atomic
def webhook_endpoint_disable_if_failing(*, endpoint_id: int) -> bool:
    """Switch an endpoint off after too many failures in a row, and tell the organization's admins.

    Idempotent: the row lock and the ``is_active`` check make one worker do it once.
    """
    endpoint = (
        WebhookEndpoint.objects.select_for_update()
        .select_related("organization")
        .filter(pk=endpoint_id, is_active=True)
        .first()
    )
    threshold = disable_after_failures()
    if endpoint is None or endpoint.consecutive_failures < threshold:
        return False
    endpoint.is_active = False
    endpoint.disabled_at = timezone.now()
    endpoint.disabled_reason = _("Disabled after %(n)s failed deliveries in a row.") % {
        "n": endpoint.consecutive_failures
    }
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    organization = endpoint.organization
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_DISABLED,
        organization=organization,
        target=endpoint,
        after={"url": endpoint.url, "consecutive_failures": endpoint.consecutive_failures},
    )
    admins = PartnerMember.objects.select_related("user").filter(
        organization=organization, role__in=[PartnerRole.OWNER, PartnerRole.ADMIN]
    )
    link = reverse("partner_webhooks", args=[organization.pk])
    for admin in admins:
        email_enqueue(
            recipient=admin.user,
            template="webhook_disabled",
            context={
                "organization": organization,
                "endpoint": endpoint,
                "failures": endpoint.consecutive_failures,
                "url": settings.SITE_URL + link,
            },
        )
        notification_create(
            recipient=admin.user,
            kind=NotificationKind.WEBHOOK_DISABLED,
            title=_("A webhook was disabled after repeated failures: %(url)s")
            % {"url": endpoint.url},
            url=link,
            organization=organization,
        )
    return True
