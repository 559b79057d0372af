"""Reads of discounts and gift cards; each takes the store."""

from __future__ import annotations

from django.db.models import QuerySet

from storegate.commerce.marketing.models import Discount, GiftCard


def discount_list(*, store_id: int) -> QuerySet[Discount]:
    return Discount.objects.filter(store_id=store_id)


def gift_card_list(*, store_id: int) -> QuerySet[GiftCard]:
    return GiftCard.objects.filter(store_id=store_id)
