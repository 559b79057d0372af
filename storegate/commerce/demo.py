"""Demo data of this app (see storegate.web.demo): a catalogue, stock and orders that look real.

Northwind Outfitters sells outdoor clothing and gear: 60 products with sizes or colours, three
locations with stock, 240 orders from the last 90 days in every state, customers, discounts,
gift cards, markets, a theme and shipping zones. Built with bulk_create for speed; the numbers
are seeded so every demo looks the same.
"""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryLevel, Location
from storegate.commerce.marketing.models import Discount, DiscountKind, GiftCard
from storegate.commerce.orders.models import Fulfillment, FulfillmentLine, LineItem, Order, Refund
from storegate.commerce.settings.models import ShippingRate, ShippingZone, StoreSettings
from storegate.commerce.storefront.models import Market, Theme, ThemeFile, ThemeRole
from storegate.core.crypto import hash_token

ORDERS = 240
CARRIERS = [
    ("PostNord", "https://tracking.postnord.com/se/?id={n}"),
    ("DHL Express", "https://www.dhl.com/se-en/home/tracking.html?tracking-id={n}"),
    ("UPS", "https://www.ups.com/track?tracknum={n}"),
    ("Bring", "https://tracking.bring.se/tracking/{n}"),
]
APPAREL = [
    ("Merino base layer", "Base layers", "Nordkap", "79.00"),
    ("Down jacket", "Jackets", "Fjällbo", "289.00"),
    ("Rain shell", "Jackets", "Fjällbo", "219.00"),
    ("Fleece pullover", "Mid layers", "Nordkap", "99.00"),
    ("Hiking trousers", "Trousers", "Trailwise", "129.00"),
    ("Softshell trousers", "Trousers", "Trailwise", "149.00"),
    ("Wool socks", "Socks", "Ullvik", "19.00"),
    ("Trail running shorts", "Shorts", "Trailwise", "49.00"),
    ("Insulated vest", "Mid layers", "Fjällbo", "159.00"),
    ("Flannel shirt", "Shirts", "Ullvik", "69.00"),
    ("Linen shirt", "Shirts", "Ullvik", "59.00"),
    ("Beanie", "Accessories", "Nordkap", "29.00"),
    ("Windbreaker", "Jackets", "Trailwise", "119.00"),
    ("Thermal leggings", "Base layers", "Nordkap", "59.00"),
    ("Hoodie", "Mid layers", "Ullvik", "89.00"),
]
GEAR = [
    ("Trekking poles", "Gear", "Alpstig", "89.00"),
    ("Headlamp 400 lm", "Gear", "Lumen", "45.00"),
    ("Insulated bottle 750 ml", "Gear", "Kåsa", "35.00"),
    ("Enamel mug", "Camp kitchen", "Kåsa", "18.00"),
    ("Camping stove", "Camp kitchen", "Alpstig", "79.00"),
    ("Titanium spork", "Camp kitchen", "Kåsa", "12.00"),
    ("Dry bag 20 l", "Bags", "Vattentät", "29.00"),
    ("Daypack 25 l", "Bags", "Alpstig", "119.00"),
    ("Backpack 45 l", "Bags", "Alpstig", "229.00"),
    ("Sleeping pad", "Sleep", "Vila", "99.00"),
    ("Sleeping bag −5 °C", "Sleep", "Vila", "249.00"),
    ("Two-person tent", "Shelter", "Alpstig", "399.00"),
    ("Tarp 3×3 m", "Shelter", "Vattentät", "89.00"),
    ("First-aid kit", "Gear", "Lumen", "39.00"),
    ("Compass", "Navigation", "Lumen", "29.00"),
]
SIZES = ["XS", "S", "M", "L", "XL"]
COLOURS = ["Forest", "Slate", "Sand", "Ember"]
FIRST = [
    "Astrid",
    "Lars",
    "Maja",
    "Johan",
    "Elin",
    "Noah",
    "Saga",
    "Oskar",
    "Ines",
    "Hugo",
    "Freja",
    "Liam",
    "Alma",
    "Emil",
    "Wilma",
    "Axel",
    "Léa",
    "Daan",
    "Sanne",
    "Lucas",
]
LAST = [
    "Lindqvist",
    "Berg",
    "Nyström",
    "de Vries",
    "Jansen",
    "Dubois",
    "Martin",
    "Holm",
    "Ek",
    "Sandberg",
    "Bakker",
    "Laurent",
    "Persson",
    "Visser",
    "Moreau",
]
CITIES = [
    ("Stockholm", "SE"),
    ("Göteborg", "SE"),
    ("Malmö", "SE"),
    ("Oslo", "NO"),
    ("Amsterdam", "NL"),
    ("Utrecht", "NL"),
    ("Lyon", "FR"),
    ("Paris", "FR"),
    ("Brussels", "BE"),
    ("Copenhagen", "DK"),
]


def _money(text: str) -> Decimal:
    return Decimal(text)


def load(**context: Any) -> None:
    """Called once by ``storegate demo`` on a fresh database."""
    store = context["store"]
    rng = random.Random(7)
    now = timezone.now()

    StoreSettings.objects.create(
        store=store,
        legal_name="Northwind Outfitters AB",
        contact_email="hello@northwind-outfitters.example",
        phone="+46 8 123 456 00",
        address1="Hornsgatan 12",
        city="Stockholm",
        country_code="SE",
        timezone="Europe/Stockholm",
    )
    locations = [
        Location.objects.create(
            store=store,
            name="Stockholm flagship",
            address1="Hornsgatan 12",
            city="Stockholm",
            postal_code="118 20",
            country_code="SE",
        ),
        Location.objects.create(
            store=store,
            name="Göteborg warehouse",
            address1="Lagergatan 4",
            city="Göteborg",
            postal_code="417 05",
            country_code="SE",
        ),
        Location.objects.create(
            store=store,
            name="Handled 3PL — Venlo",
            address1="Logistiekweg 9",
            city="Venlo",
            postal_code="5928 LX",
            country_code="NL",
        ),
    ]

    # 60 products: the apparel in two fits, and the gear twice (a standard and a "Pro" line).
    specs: list[tuple[str, str, str, Decimal, list[str]]] = []
    for title, kind, vendor, price in APPAREL:
        specs.append((f"{title}", kind, vendor, _money(price), SIZES))
        specs.append((f"{title} — women's fit", kind, vendor, _money(price), SIZES[:4]))
    for title, kind, vendor, price in GEAR:
        specs.append((title, kind, vendor, _money(price), ["Default"]))
        specs.append((f"{title} Pro", kind, vendor, _money(price) * Decimal("1.4"), COLOURS[:2]))
    products = Product.objects.bulk_create(
        Product(
            store=store,
            title=title,
            handle=slugify(title)[:255],
            description=f"{title} by {vendor}, made for long days outdoors.",
            vendor=vendor,
            product_type=kind,
            status="draft" if i % 19 == 7 else "active",
            tags=[kind.lower(), vendor.lower()],
        )
        for i, (title, kind, vendor, _price, _options) in enumerate(specs)
    )
    variants: list[ProductVariant] = []
    for n, (product, (_t, _k, _v, base_price, options)) in enumerate(
        zip(products, specs, strict=True)
    ):
        for position, option in enumerate(options, start=1):
            variants.append(
                ProductVariant(
                    store=store,
                    product=product,
                    title=option,
                    sku=f"NW-{n + 1:03d}-{option[:3].upper()}"
                    if option != "Default"
                    else f"NW-{n + 1:03d}",
                    price=base_price.quantize(Decimal("0.01")),
                    compare_at_price=(base_price * Decimal("1.2")).quantize(Decimal("0.01"))
                    if n % 7 == 0
                    else None,
                    cost=(base_price * Decimal("0.42")).quantize(Decimal("0.01")),
                    weight_grams=rng.randint(80, 2400),
                    position=position,
                )
            )
    variants = ProductVariant.objects.bulk_create(variants)
    InventoryLevel.objects.bulk_create(
        InventoryLevel(store=store, variant=v, location=loc, available=rng.randint(0, 60))
        for v in variants
        for loc in locations
    )

    customers = Customer.objects.bulk_create(
        Customer(
            store=store,
            email=f"{slugify(first)}.{slugify(last)}{i}@example.com",
            first_name=first,
            last_name=last,
            accepts_marketing=i % 3 == 0,
            country_code=CITIES[i % len(CITIES)][1],
            tags=["vip"] if i % 11 == 0 else [],
        )
        for i, (first, last) in enumerate((rng.choice(FIRST), rng.choice(LAST)) for _ in range(80))
    )

    _orders(store, rng, now, variants, customers, locations)

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
    Market.objects.bulk_create(
        [
            Market(
                store=store,
                name="Sweden",
                handle="sweden",
                countries=["SE"],
                currency="SEK",
                is_primary=True,
            ),
            Market(
                store=store,
                name="Nordics",
                handle="nordics",
                countries=["DK", "FI", "NO"],
                currency="EUR",
            ),
            Market(
                store=store,
                name="Europe",
                handle="europe",
                countries=["BE", "DE", "FR", "NL"],
                currency="EUR",
            ),
        ]
    )
    live = Theme.objects.create(store=store, name="Fjord", role=ThemeRole.MAIN, version="3.2.0")
    Theme.objects.create(store=store, name="Fjord — winter campaign", version="3.3.0-beta")
    for key, content in (
        ("layout/theme.liquid", "<!doctype html><html>{{ content_for_layout }}</html>"),
        ("templates/index.json", '{"sections": {"hero": {"type": "hero"}}}'),
        ("config/settings_data.json", '{"current": {"colors_accent": "#2f6b4f"}}'),
    ):
        ThemeFile.objects.create(
            theme=live,
            key=key,
            content=content,
            checksum=hashlib.sha256(content.encode()).hexdigest(),
        )
    for name, countries, rates in (
        ("Sweden", ["SE"], [("Standard", "49.00", None), ("Free over 800 kr", "0.00", "800.00")]),
        ("Nordics", ["DK", "FI", "NO"], [("Standard", "9.00", None), ("Express", "19.00", None)]),
        ("Europe", ["BE", "DE", "FR", "NL"], [("Standard", "12.00", None)]),
    ):
        zone = ShippingZone.objects.create(store=store, name=name, countries=countries)
        ShippingRate.objects.bulk_create(
            ShippingRate(
                zone=zone, name=r, price=Decimal(p), minimum_subtotal=Decimal(m) if m else None
            )
            for r, p, m in rates
        )


def _orders(
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
