"""Demo data of inventory: three locations, and stock of every variant at each."""

from __future__ import annotations

import random
from typing import Any

from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.inventory.models import InventoryLevel, Location


def load_locations(store: Any) -> list[Location]:
    return [
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


def load_stock(
    store: Any, rng: random.Random, variants: list[ProductVariant], locations: list[Location]
) -> None:
    InventoryLevel.objects.bulk_create(
        InventoryLevel(store=store, variant=v, location=loc, available=rng.randint(0, 60))
        for v in variants
        for loc in locations
    )
