"""Webhooks (R27): partner organizations subscribe endpoints to partner events.

- ``endpoints``: managing subscriptions (what the API and the pages call; re-exported here);
- ``fan_out``: one outbox message per matching endpoint, in the emitting transaction;
- ``delivery``: the signed POST and the delivery log; ``signing``: the signature;
- ``targets``: the SSRF check; ``disabling``: switching off endpoints that keep failing.

The models (``WebhookEndpoint``, ``WebhookDelivery``) stay in ``storegate.notifications``.
"""

from storegate.webhooks.endpoints import (
    MAX_ENDPOINTS_PER_ORGANIZATION,
    CreatedWebhook,
    webhook_delivery_list,
    webhook_endpoint_create,
    webhook_endpoint_delete,
    webhook_endpoint_get,
    webhook_endpoint_list,
    webhook_endpoint_update,
)

__all__ = [
    "MAX_ENDPOINTS_PER_ORGANIZATION",
    "CreatedWebhook",
    "webhook_delivery_list",
    "webhook_endpoint_create",
    "webhook_endpoint_delete",
    "webhook_endpoint_get",
    "webhook_endpoint_list",
    "webhook_endpoint_update",
]
