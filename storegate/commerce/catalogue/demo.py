"""Demo data of the catalogue: 60 outdoor products with sizes or colours."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from storegate.commerce.catalogue.models import Product, ProductVariant

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


def _money(text: str) -> Decimal:
    return Decimal(text)


def load_catalogue(store: Any, rng: random.Random) -> list[ProductVariant]:
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
    return variants
