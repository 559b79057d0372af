"""Demo data of orders: 240 orders from the last 90 days in every state, with tracking and refunds."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.customers.demo import CITIES
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import Location
from storegate.commerce.orders.models import Fulfillment, FulfillmentLine, LineItem, Order, Refund

ORDERS = 240
CARRIERS = [
    ("PostNord", "https://tracking.postnord.com/se/?id={n}"),
    ("DHL Express", "https://www.dhl.com/se-en/home/tracking.html?tracking-id={n}"),
    ("UPS", "https://www.ups.com/track?tracknum={n}"),
    ("Bring", "https://tracking.bring.se/tracking/{n}"),
]


def load_orders(
    store: Any,
    rng: random.Random,
    now: Any,
    variants: list[ProductVariant],
    customers: list[Customer],
    locations: list[Location],
) -> None:
    sellable = list(variants)
    orders: list[Order] = []
    baskets: list[list[tuple[ProductVariant, int]]] = []
    for n in range(ORDERS):
        basket = [
            (rng.choice(sellable), rng.choice([1, 1, 1, 2, 3])) for _ in range(rng.randint(1, 4))
        ]
        subtotal = sum((v.price * q for v, q in basket), Decimal("0"))
        shipping = Decimal("0.00") if subtotal > 150 else Decimal("9.00")
        tax = (subtotal * Decimal("0.25")).quantize(Decimal("0.01"))
        customer = rng.choice(customers)
        city, country = CITIES[n % len(CITIES)]
        roll = rng.random()
        if roll < 0.08:
            state = ("cancelled", "voided", "unfulfilled")
        elif roll < 0.18:
            state = ("open", "pending", "unfulfilled")
        elif roll < 0.23:
            state = ("open", "partially_refunded", "fulfilled")
        elif roll < 0.27:
            state = ("archived", "refunded", "fulfilled")
        elif roll < 0.45:
            state = ("open", "paid", "unfulfilled")
        elif roll < 0.55:
            state = ("open", "paid", "partially_fulfilled")
        else:
            state = ("archived" if roll > 0.8 else "open", "paid", "fulfilled")
        total = subtotal + shipping + tax
        refunded = {
            "refunded": total,
            "partially_refunded": (total / 4).quantize(Decimal("0.01")),
        }.get(state[1], Decimal("0.00"))
        processed = now - timedelta(days=rng.randint(0, 89), minutes=rng.randint(0, 1439))
        orders.append(
            Order(
                store=store,
                number=1001 + n,
                customer=customer,
                email=customer.email,
                currency=store.currency,
                status=state[0],
                financial_status=state[1],
                fulfillment_status=state[2],
                subtotal=subtotal,
                shipping_total=shipping,
                tax_total=tax,
                total=total,
                refunded_total=refunded,
                tags=["wholesale"] if n % 17 == 0 else [],
                note="Leave at the door." if n % 13 == 0 else "",
                shipping_address={
                    "name": f"{customer.first_name} {customer.last_name}",
                    "address1": f"{rng.randint(1, 120)} Main Street",
                    "city": city,
                    "country_code": country,
                },
                processed_at=processed,
                cancelled_at=processed + timedelta(hours=2) if state[0] == "cancelled" else None,
                cancel_reason="customer" if state[0] == "cancelled" else "",
            )
        )
        baskets.append(basket)
    orders = Order.objects.bulk_create(orders)
    items: list[LineItem] = []
    for order, basket in zip(orders, baskets, strict=True):
        for i, (variant, quantity) in enumerate(basket):
            shipped = {
                "fulfilled": quantity,
                "partially_fulfilled": quantity if i == 0 else 0,
            }.get(order.fulfillment_status, 0)
            items.append(
                LineItem(
                    order=order,
                    variant=variant,
                    title=variant.product.title
                    if variant.title == "Default"
                    else f"{variant.product.title} — {variant.title}",
                    sku=variant.sku,
                    quantity=quantity,
                    price=variant.price,
                    fulfilled_quantity=shipped,
                )
            )
    items = LineItem.objects.bulk_create(items)
    by_order: dict[int, list[LineItem]] = {}
    for item in items:
        by_order.setdefault(item.order_id, []).append(item)
    for order in orders:
        shipped_items = [i for i in by_order[order.pk] if i.fulfilled_quantity]
        if shipped_items:
            carrier, url = rng.choice(CARRIERS)
            number = f"{rng.randint(10**11, 10**12 - 1)}"
            fulfillment = Fulfillment.objects.create(
                store=store,
                order=order,
                location=rng.choice(locations),
                tracking_company=carrier,
                tracking_number=number,
                tracking_url=url.format(n=number),
                created_at=order.processed_at + timedelta(days=1),
            )
            FulfillmentLine.objects.bulk_create(
                FulfillmentLine(fulfillment=fulfillment, line_item=i, quantity=i.fulfilled_quantity)
                for i in shipped_items
            )
        if order.refunded_total:
            Refund.objects.create(
                store=store,
                order=order,
                amount=order.refunded_total,
                reason="Returned items"
                if order.financial_status == "partially_refunded"
                else "Order returned",
                created_at=order.processed_at + timedelta(days=5),
            )
