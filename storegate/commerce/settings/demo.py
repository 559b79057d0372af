"""Demo data of the store's settings: General, and three shipping zones with their rates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from storegate.commerce.settings.models import ShippingRate, ShippingZone, StoreSettings


def load_settings(store: Any) -> None:
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
