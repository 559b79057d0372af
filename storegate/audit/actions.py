"""Every audit action the system records (R25): the names stored in ``AuditEvent.action``.

Stored and exported as their string values, so a value never changes once released; add new
members rather than renaming old ones."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # access_review
    ACCESS_REVIEW_DIGEST_SENT = "access_review.digest_sent"

    # audit
    AUDIT_EXPORTED = "audit.exported"

    # collaborator
    COLLABORATOR_ACCESS_CHANGED = "collaborator.access_changed"
    COLLABORATOR_ACCESS_EXPIRED = "collaborator.access_expired"
    COLLABORATOR_ACCESS_REMOVED = "collaborator.access_removed"
    COLLABORATOR_ACCESS_REMOVED_BY_PARTNER = "collaborator.access_removed_by_partner"
    COLLABORATOR_ACCESS_REMOVED_INACTIVE = "collaborator.access_removed_inactive"
    COLLABORATOR_ACCESS_RESUMED = "collaborator.access_resumed"
    COLLABORATOR_ACCESS_SUSPENDED = "collaborator.access_suspended"
    COLLABORATOR_EXPIRY_WARNING_SENT = "collaborator.expiry_warning_sent"
    COLLABORATOR_EXTENSION_APPROVED = "collaborator.extension_approved"
    COLLABORATOR_EXTENSION_REQUESTED = "collaborator.extension_requested"
    COLLABORATOR_INACTIVITY_WARNING_SENT = "collaborator.inactivity_warning_sent"
    COLLABORATOR_LOGGED_IN = "collaborator.logged_in"
    COLLABORATOR_LOGGED_OUT = "collaborator.logged_out"
    COLLABORATOR_REMOVED_ALL = "collaborator.removed_all"
    COLLABORATOR_REQUEST_APPROVED = "collaborator.request_approved"
    COLLABORATOR_REQUEST_CANCELLED = "collaborator.request_cancelled"
    COLLABORATOR_REQUEST_CODE_ACCEPTED = "collaborator.request_code_accepted"
    COLLABORATOR_REQUEST_CODE_FAILED = "collaborator.request_code_failed"
    COLLABORATOR_REQUEST_CODE_THROTTLED = "collaborator.request_code_throttled"
    COLLABORATOR_REQUEST_CREATED = "collaborator.request_created"
    COLLABORATOR_REQUEST_DECLINED = "collaborator.request_declined"
    COLLABORATOR_REQUEST_EXPIRED = "collaborator.request_expired"

    # customer
    CUSTOMER_CREATED = "customer.created"
    CUSTOMER_DELETED = "customer.deleted"
    CUSTOMER_UPDATED = "customer.updated"

    # discount
    DISCOUNT_CREATED = "discount.created"
    DISCOUNT_DELETED = "discount.deleted"
    DISCOUNT_UPDATED = "discount.updated"

    # draft_order
    DRAFT_ORDER_COMPLETED = "draft_order.completed"
    DRAFT_ORDER_CREATED = "draft_order.created"
    DRAFT_ORDER_DELETED = "draft_order.deleted"

    # gift_card
    GIFT_CARD_CREATED = "gift_card.created"
    GIFT_CARD_DISABLED = "gift_card.disabled"

    # inventory
    INVENTORY_ADJUSTED = "inventory.adjusted"

    # location
    LOCATION_CREATED = "location.created"
    LOCATION_UPDATED = "location.updated"

    # market
    MARKET_CREATED = "market.created"
    MARKET_DELETED = "market.deleted"
    MARKET_UPDATED = "market.updated"

    # order
    ORDER_CANCELLED = "order.cancelled"
    ORDER_DELETED = "order.deleted"
    ORDER_FULFILLED = "order.fulfilled"
    ORDER_INFORMATION_UPDATED = "order.information_updated"
    ORDER_MARKED_AS_PAID = "order.marked_as_paid"
    ORDER_REFUNDED = "order.refunded"

    # partner
    PARTNER_CREATED = "partner.created"
    PARTNER_MEMBER_ADDED = "partner.member_added"
    PARTNER_STORE_HIDDEN = "partner.store_hidden"
    PARTNER_TOKEN_CREATED = "partner.token_created"
    PARTNER_TOKEN_REVOKED = "partner.token_revoked"
    PARTNER_WEBHOOK_CREATED = "partner.webhook_created"
    PARTNER_WEBHOOK_DELETED = "partner.webhook_deleted"
    PARTNER_WEBHOOK_DISABLED = "partner.webhook_disabled"
    PARTNER_WEBHOOK_UPDATED = "partner.webhook_updated"

    # product
    PRODUCT_CREATED = "product.created"
    PRODUCT_DELETED = "product.deleted"
    PRODUCT_UPDATED = "product.updated"
    PRODUCT_VARIANT_CREATED = "product.variant_created"
    PRODUCT_VARIANT_UPDATED = "product.variant_updated"

    # settings
    SETTINGS_GENERAL_UPDATED = "settings.general_updated"
    SETTINGS_SHIPPING_UPDATED = "settings.shipping_updated"

    # staff
    STAFF_INVITED = "staff.invited"
    STAFF_JOINED = "staff.joined"
    STAFF_PERMISSIONS_CHANGED = "staff.permissions_changed"
    STAFF_REMOVED = "staff.removed"

    # store
    STORE_CREATED = "store.created"
    STORE_REQUEST_CODE_INVALIDATED = "store.request_code_invalidated"
    STORE_REQUEST_CODE_REGENERATED = "store.request_code_regenerated"
    STORE_REQUEST_CODE_SETTING_CHANGED = "store.request_code_setting_changed"

    # theme
    THEME_CREATED = "theme.created"
    THEME_FILE_CREATED = "theme.file_created"
    THEME_FILE_UPDATED = "theme.file_updated"
    THEME_PUBLISHED = "theme.published"

    # token
    TOKEN_CREATED = "token.created"
    TOKEN_REVOKED = "token.revoked"

    # user
    USER_LOGGED_IN = "user.logged_in"
    USER_SIGNED_UP = "user.signed_up"
    USER_TWO_FACTOR_ENABLED = "user.two_factor_enabled"
