"""Request and response shapes of locations, stock and its changes, and the rows turned into them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.lookup import id_out


class LocationIn(Schema):
    name: str | None = None
    address1: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country_code: str | None = None
    fulfills_online_orders: bool | None = None
    is_active: bool | None = None


class InventoryAdjustIn(Schema):
    variant_id: str
    location_id: str
    delta: int
    reason: str
    note: str = ""


class LocationOut(Schema):
    id: str
    name: str
    address1: str
    city: str
    postal_code: str
    country_code: str
    fulfills_online_orders: bool
    is_active: bool


class LocationListOut(Schema):
    items: list[LocationOut]
    next_cursor: str | None


class InventoryLevelOut(Schema):
    id: str
    variant_id: str
    sku: str
    product_title: str
    location_id: str
    location_name: str
    available: int


class InventoryLevelListOut(Schema):
    items: list[InventoryLevelOut]
    next_cursor: str | None


class InventoryAdjustmentOut(Schema):
    id: str
    variant_id: str
    location_id: str
    delta: int
    available_after: int
    reason: str
    note: str
    actor_email: str
    organization_id: str | None
    created_at: datetime


class InventoryAdjustmentListOut(Schema):
    items: list[InventoryAdjustmentOut]
    next_cursor: str | None


def location_out(location: Location) -> dict[str, Any]:
    return {
        "id": str(location.pk),
        "name": location.name,
        "address1": location.address1,
        "city": location.city,
        "postal_code": location.postal_code,
        "country_code": location.country_code,
        "fulfills_online_orders": location.fulfills_online_orders,
        "is_active": location.is_active,
    }


def inventory_level_out(level: InventoryLevel) -> dict[str, Any]:
    return {
        "id": str(level.pk),
        "variant_id": str(level.variant_id),
        "sku": level.variant.sku,
        "product_title": level.variant.product.title,
        "location_id": str(level.location_id),
        "location_name": level.location.name,
        "available": level.available,
    }


def adjustment_out(adjustment: InventoryAdjustment) -> dict[str, Any]:
    return {
        "id": str(adjustment.pk),
        "variant_id": str(adjustment.level.variant_id),
        "location_id": str(adjustment.level.location_id),
        "delta": adjustment.delta,
        "available_after": adjustment.available_after,
        "reason": adjustment.reason,
        "note": adjustment.note,
        "actor_email": adjustment.actor.email if adjustment.actor else "",
        "organization_id": id_out(adjustment.organization_id),
        "created_at": adjustment.created_at,
    }
