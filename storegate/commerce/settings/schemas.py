"""Request and response shapes of the store's settings, and the rows turned into them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ninja import Schema

from storegate.commerce.settings.models import ShippingZone, StoreSettings


class ShippingRateIn(Schema):
    name: str
    price: Decimal
    minimum_subtotal: Decimal | None = None


class ShippingZoneIn(Schema):
    name: str
    countries: list[str]
    rates: list[ShippingRateIn]


class ShippingIn(Schema):
    zones: list[ShippingZoneIn]


class GeneralSettingsIn(Schema):
    legal_name: str | None = None
    contact_email: str | None = None
    phone: str | None = None
    address1: str | None = None
    city: str | None = None
    country_code: str | None = None
    timezone: str | None = None
    weight_unit: str | None = None
    order_number_prefix: str | None = None


class ShippingRateOut(Schema):
    name: str
    price: Decimal
    minimum_subtotal: Decimal | None


class ShippingZoneOut(Schema):
    id: str
    name: str
    countries: list[str]
    rates: list[ShippingRateOut]


class ShippingOut(Schema):
    zones: list[ShippingZoneOut]


class GeneralSettingsOut(Schema):
    name: str
    currency: str
    legal_name: str
    contact_email: str
    phone: str
    address1: str
    city: str
    country_code: str
    timezone: str
    weight_unit: str
    order_number_prefix: str


def shipping_out(zones: list[ShippingZone]) -> dict[str, Any]:
    return {
        "zones": [
            {
                "id": str(zone.pk),
                "name": zone.name,
                "countries": zone.countries,
                "rates": [
                    {"name": r.name, "price": r.price, "minimum_subtotal": r.minimum_subtotal}
                    for r in zone.rates.all()
                ],
            }
            for zone in zones
        ]
    }


def general_settings_out(row: StoreSettings) -> dict[str, Any]:
    store = row.store
    return {
        "name": store.name,
        "currency": store.currency,
        "legal_name": row.legal_name,
        "contact_email": row.contact_email,
        "phone": row.phone,
        "address1": row.address1,
        "city": row.city,
        "country_code": row.country_code,
        "timezone": row.timezone,
        "weight_unit": row.weight_unit,
        "order_number_prefix": row.order_number_prefix,
    }
