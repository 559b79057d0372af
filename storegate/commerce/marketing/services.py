"""Writes of discounts and gift cards."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.customers.models import Customer
from storegate.commerce.input import (
    clean_money,
    clean_text,
    conflict,
    invalid,
)
from storegate.commerce.lookup import get_in_store, store_access
from storegate.commerce.marketing.models import Discount, DiscountKind, GiftCard
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token
from storegate.core.errors import ApplicationError, ErrorCode


def _when(value: Any, field: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    raise invalid(_("Enter a date and time."), field)


def _discount_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "code" in data:
        code = clean_text(data.get("code"), field="code", max_length=64, required=True).upper()
        if not all(c.isalnum() or c in "-_" for c in code):
            raise invalid(_("Use letters, digits, hyphens and underscores."), "code")
        out["code"] = code
    if not partial or "kind" in data:
        kind = data.get("kind")
        if kind not in DiscountKind.values:
            raise invalid(_("Use one of: percentage, fixed_amount, free_shipping."), "kind")
        out["kind"] = kind
    if not partial or "value" in data:
        out["value"] = clean_money(data.get("value") or 0, field="value")
    if "minimum_subtotal" in data:
        out["minimum_subtotal"] = clean_money(
            data.get("minimum_subtotal"), field="minimum_subtotal", allow_none=True
        )
    if data.get("starts_at") is not None:
        out["starts_at"] = _when(data["starts_at"], "starts_at")
    if "ends_at" in data:
        out["ends_at"] = _when(data.get("ends_at"), "ends_at")
    if "usage_limit" in data:
        limit = data.get("usage_limit")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise invalid(_("The usage limit must be at least 1."), "usage_limit")
        out["usage_limit"] = limit
    if "is_active" in data and data["is_active"] is not None:
        out["is_active"] = bool(data["is_active"])
    return out


def _check_discount(discount: Discount) -> None:
    if discount.kind == DiscountKind.PERCENTAGE and not 0 < discount.value <= 100:
        raise invalid(_("A percentage is more than 0 and at most 100."), "value")
    if discount.kind == DiscountKind.FIXED_AMOUNT and discount.value <= 0:
        raise invalid(_("Enter an amount more than zero."), "value")
    if discount.ends_at is not None and discount.ends_at <= discount.starts_at:
        raise invalid(_("The end must be after the start."), "ends_at")


@transaction.atomic
def discount_create(*, acting: Acting, data: dict[str, Any]) -> Discount:
    access = store_access(acting)
    discount = Discount(store_id=access.store_id, **_discount_fields(data, partial=False))
    _check_discount(discount)
    try:
        with transaction.atomic():
            discount.save()
    except IntegrityError:
        raise conflict(_("Another discount uses this code."), "code") from None
    audit_write(
        action=AuditAction.DISCOUNT_CREATED,
        acting=acting,
        target=discount,
        after={"code": discount.code, "kind": discount.kind, "value": discount.value},
    )
    return discount


@transaction.atomic
def discount_update(
    *,
    acting: Acting,
    discount_id: Any,
    data: dict[str, Any],
) -> Discount:
    discount = get_in_store(Discount, acting=acting, pk=discount_id, what="discount")
    before, after = changes(discount, _discount_fields(data, partial=True))
    _check_discount(discount)
    if after:
        try:
            with transaction.atomic():
                discount.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise conflict(_("Another discount uses this code."), "code") from None
        audit_write(
            action=AuditAction.DISCOUNT_UPDATED,
            acting=acting,
            target=discount,
            before=before,
            after=after,
        )
    return discount


@transaction.atomic
def discount_delete(*, acting: Acting, discount_id: Any) -> None:
    discount = get_in_store(Discount, acting=acting, pk=discount_id, what="discount")
    audit_write(
        action=AuditAction.DISCOUNT_DELETED,
        acting=acting,
        target=discount,
        before={"code": discount.code},
    )
    discount.delete()


_GIFT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _gift_code() -> str:
    raw = "".join(secrets.choice(_GIFT_ALPHABET) for _ in range(16))
    return " ".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def gift_card_create(
    *,
    acting: Acting,
    initial_value: Any,
    customer_id: Any = None,
    note: str = "",
    expires_on: date | None = None,
) -> tuple[GiftCard, str]:
    """A new gift card and its code, which is shown this once and stored only as a hash."""
    access = store_access(acting)
    value = clean_money(initial_value, field="initial_value", positive=True)
    assert value is not None
    note = clean_text(note, field="note", max_length=255)
    if expires_on is not None and expires_on <= timezone.now().date():
        raise invalid(_("The expiry date must be in the future."), "expires_on")
    customer = None
    if customer_id is not None:
        customer = get_in_store(Customer, acting=acting, pk=customer_id, what="customer")
    store = acting.store
    code = _gift_code()
    card = GiftCard.objects.create(
        store_id=access.store_id,
        code_hash=hash_token(code.replace(" ", "")),
        last_characters=code[-4:],
        initial_value=value,
        balance=value,
        currency=store.currency,
        customer=customer,
        note=note,
        expires_on=expires_on,
    )
    audit_write(
        action=AuditAction.GIFT_CARD_CREATED,
        acting=acting,
        target=card,
        after={"last_characters": card.last_characters, "initial_value": value},
    )
    return card, code


@transaction.atomic
def gift_card_disable(*, acting: Acting, gift_card_id: Any) -> GiftCard:
    card = get_in_store(GiftCard, acting=acting, pk=gift_card_id, what="gift card")
    if card.disabled_at is not None:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("This gift card is already disabled."))
    card.disabled_at = timezone.now()
    card.save(update_fields=["disabled_at", "updated_at"])
    audit_write(
        action=AuditAction.GIFT_CARD_DISABLED,
        acting=acting,
        target=card,
        after={"balance": card.balance},
    )
    return card
