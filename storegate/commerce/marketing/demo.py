"""Demo data of marketing: three discount codes and three gift cards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from storegate.commerce.customers.models import Customer
from storegate.commerce.marketing.models import Discount, DiscountKind, GiftCard
from storegate.core.crypto import hash_token


def load_marketing(store: Any, now: Any, customers: list[Customer]) -> None:
    Discount.objects.bulk_create(
        [
            Discount(
                store=store, code="WELCOME10", kind=DiscountKind.PERCENTAGE, value=Decimal("10")
            ),
            Discount(
                store=store,
                code="FREESHIP",
                kind=DiscountKind.FREE_SHIPPING,
                minimum_subtotal=Decimal("75.00"),
            ),
            Discount(
                store=store,
                code="AUTUMN25",
                kind=DiscountKind.FIXED_AMOUNT,
                value=Decimal("25.00"),
                usage_limit=500,
                times_used=132,
                ends_at=now + timedelta(days=30),
            ),
        ]
    )
    for i, value in enumerate(("25.00", "50.00", "100.00")):
        GiftCard.objects.create(
            store=store,
            code_hash=hash_token(f"demo-gift-card-{store.pk}-{i}"),
            last_characters=f"K{i}7Q",
            initial_value=Decimal(value),
            balance=Decimal(value) / (i + 1),
            currency=store.currency,
            customer=customers[i],
        )
