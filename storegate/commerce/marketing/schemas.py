"""Request and response shapes of discounts and gift cards, and the rows turned into them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from storegate.commerce.lookup import id_out
from storegate.commerce.marketing.models import Discount, GiftCard


class DiscountIn(Schema):
    code: str | None = None
    kind: str | None = None
    value: Decimal | None = None
    minimum_subtotal: Decimal | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    usage_limit: int | None = None
    is_active: bool | None = None


class GiftCardIn(Schema):
    initial_value: Decimal
    customer_id: str | None = None
    note: str = ""
    expires_on: date | None = None


class DiscountOut(Schema):
    id: str
    code: str
    kind: str
    value: Decimal
    minimum_subtotal: Decimal | None
    starts_at: datetime
    ends_at: datetime | None
    usage_limit: int | None
    times_used: int
    is_active: bool


class DiscountListOut(Schema):
    items: list[DiscountOut]
    next_cursor: str | None


class GiftCardOut(Schema):
    id: str
    last_characters: str
    initial_value: Decimal
    balance: Decimal
    currency: str
    customer_id: str | None
    note: str
    expires_on: date | None
    disabled: bool
    # Only in the answer to the creation: the full code, shown once.
    code: str | None = None


class GiftCardListOut(Schema):
    items: list[GiftCardOut]
    next_cursor: str | None


def discount_out(discount: Discount) -> dict[str, Any]:
    return {
        "id": str(discount.pk),
        "code": discount.code,
        "kind": discount.kind,
        "value": discount.value,
        "minimum_subtotal": discount.minimum_subtotal,
        "starts_at": discount.starts_at,
        "ends_at": discount.ends_at,
        "usage_limit": discount.usage_limit,
        "times_used": discount.times_used,
        "is_active": discount.is_active,
    }


def gift_card_out(card: GiftCard, code: str | None = None) -> dict[str, Any]:
    return {
        "id": str(card.pk),
        "last_characters": card.last_characters,
        "initial_value": card.initial_value,
        "balance": card.balance,
        "currency": card.currency,
        "customer_id": id_out(card.customer_id),
        "note": card.note,
        "expires_on": card.expires_on,
        "disabled": card.disabled_at is not None,
        "code": code,
    }
