"""Reads of the store's settings; each takes the store."""

from __future__ import annotations

from storegate.commerce.settings.models import ShippingZone, StoreSettings


def shipping_zones(*, store_id: int) -> list[ShippingZone]:
    return list(ShippingZone.objects.filter(store_id=store_id).prefetch_related("rates"))


def general_settings(*, store_id: int) -> StoreSettings:
    """The store's settings, or the defaults if nobody saved any yet (a read never writes)."""
    row = StoreSettings.objects.filter(store_id=store_id).first()
    return row or StoreSettings(store_id=store_id)
