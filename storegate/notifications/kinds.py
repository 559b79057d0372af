"""The kinds of in-app notification: stored on every ``Notification`` row, read by the pages."""

from __future__ import annotations

from enum import StrEnum


class NotificationKind(StrEnum):
    COLLABORATOR_ACCESS_CHANGED = "collaborator.access_changed"
    COLLABORATOR_ACCESS_EXPIRED = "collaborator.access_expired"
    COLLABORATOR_ACCESS_REMOVED = "collaborator.access_removed"
    COLLABORATOR_ACCESS_REMOVED_BY_PARTNER = "collaborator.access_removed_by_partner"
    COLLABORATOR_ACCESS_REMOVED_INACTIVE = "collaborator.access_removed_inactive"
    COLLABORATOR_ACCESS_RESUMED = "collaborator.access_resumed"
    COLLABORATOR_ACCESS_SUSPENDED = "collaborator.access_suspended"
    COLLABORATOR_EXTENSION_APPROVED = "collaborator.extension_approved"
    COLLABORATOR_EXTENSION_REQUESTED = "collaborator.extension_requested"
    COLLABORATOR_REQUEST_APPROVED = "collaborator.request_approved"
    COLLABORATOR_REQUEST_CODE_INVALIDATED = "collaborator.request_code_invalidated"
    COLLABORATOR_REQUEST_DECLINED = "collaborator.request_declined"
    COLLABORATOR_REQUEST_EXPIRED = "collaborator.request_expired"
    COLLABORATOR_REQUEST_RECEIVED = "collaborator.request_received"
    # R23 and R24 warnings, named by how many days are left (collaborators/services/jobs.py).
    COLLABORATOR_EXPIRY_7 = "collaborator.expiry_7"
    COLLABORATOR_EXPIRY_1 = "collaborator.expiry_1"
    COLLABORATOR_INACTIVITY_14 = "collaborator.inactivity_14"
    COLLABORATOR_INACTIVITY_3 = "collaborator.inactivity_3"
    WEBHOOK_DISABLED = "webhook.disabled"
