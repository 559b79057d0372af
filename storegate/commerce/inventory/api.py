"""Store side — commerce endpoints (SPEC §9): locations, inventory levels and adjustments.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.input import sent_fields
from storegate.commerce.inventory import selectors, services
from storegate.commerce.inventory.schemas import (
    InventoryAdjustIn,
    InventoryAdjustmentListOut,
    InventoryAdjustmentOut,
    InventoryLevelListOut,
    LocationIn,
    LocationListOut,
    LocationOut,
    adjustment_out,
    inventory_level_out,
    location_out,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/locations", response=with_errors({200: LocationListOut}), auth=any_token)
@requires(P.LOCATIONS_VIEW)
def list_locations(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.location_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, location_out)


@router.post(f"{S}/locations", response=with_errors({201: LocationOut}), auth=any_token)
@requires(P.LOCATIONS_MANAGE)
def create_location(
    request: HttpRequest, store_id: str, payload: LocationIn
) -> Status[dict[str, Any]]:
    location = services.location_create(acting=acting_of(request), data=sent_fields(payload))
    return Status(201, location_out(location))


@router.patch(
    f"{S}/locations/{{location_id}}", response=with_errors({200: LocationOut}), auth=any_token
)
@requires(P.LOCATIONS_MANAGE)
def update_location(
    request: HttpRequest, store_id: str, location_id: str, payload: LocationIn
) -> dict[str, Any]:
    location = services.location_update(
        acting=acting_of(request), location_id=location_id, data=sent_fields(payload)
    )
    return location_out(location)


@router.get(
    f"{S}/inventory-levels", response=with_errors({200: InventoryLevelListOut}), auth=any_token
)
@requires(P.INVENTORY_VIEW)
def list_inventory_levels(
    request: HttpRequest,
    store_id: str,
    location_id: str | None = None,
    variant_id: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    access = store_access_of(request)
    qs = selectors.inventory_level_list(
        store_id=access.store_id, location_id=location_id, variant_id=variant_id
    )
    rows, next_cursor = keyset_page(qs, cursor=cursor, limit=limit)
    return page_response(rows, next_cursor, inventory_level_out)


@router.post(
    f"{S}/inventory-levels/adjust",
    response=with_errors({201: InventoryAdjustmentOut}),
    auth=any_token,
    summary="Adjust the stock of a variant at a location",
)
@requires(P.INVENTORY_MANAGE)
def adjust_inventory(
    request: HttpRequest, store_id: str, payload: InventoryAdjustIn
) -> Status[dict[str, Any]]:
    adjustment = services.inventory_adjust(
        acting=acting_of(request),
        variant_id=payload.variant_id,
        location_id=payload.location_id,
        delta=payload.delta,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, adjustment_out(adjustment))


@router.get(
    f"{S}/inventory-adjustments",
    response=with_errors({200: InventoryAdjustmentListOut}),
    auth=any_token,
)
@requires(P.INVENTORY_VIEW)
def list_inventory_adjustments(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.inventory_adjustment_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, adjustment_out)
