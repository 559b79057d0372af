"""Reads of locations, stock and its changes; each takes the store."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.lookup import parse_id


def location_list(*, store_id: int) -> QuerySet[Location]:
    return Location.objects.filter(store_id=store_id)


def inventory_level_list(
    *, store_id: int, location_id: Any = None, variant_id: Any = None
) -> QuerySet[InventoryLevel]:
    qs = InventoryLevel.objects.filter(store_id=store_id).select_related(
        "variant__product", "location"
    )
    if location_id is not None:
        qs = qs.filter(location_id=parse_id(location_id, "location"))
    if variant_id is not None:
        qs = qs.filter(variant_id=parse_id(variant_id, "variant"))
    return qs


def inventory_adjustment_list(*, store_id: int) -> QuerySet[InventoryAdjustment]:
    return InventoryAdjustment.objects.filter(store_id=store_id).select_related(
        "level", "actor", "organization"
    )
