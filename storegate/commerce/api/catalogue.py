"""Store side — commerce endpoints (SPEC §9): products, variants, locations and inventory levels.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Status

from storegate.access.authentication import any_token
from storegate.access.guard import requires, store_access_of
from storegate.commerce import selectors, serialize, services
from storegate.commerce.api._common import Ctx, S, router, sent_fields
from storegate.commerce.schemas import (
    InventoryAdjustIn,
    InventoryAdjustmentListOut,
    InventoryAdjustmentOut,
    InventoryLevelListOut,
    LocationIn,
    LocationListOut,
    LocationOut,
    ProductCreateIn,
    ProductListOut,
    ProductOut,
    ProductUpdateIn,
    VariantIn,
    VariantOut,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

# --- products ------------------------------------------------------------------------------


@router.get(f"{S}/products", response=with_errors({200: ProductListOut}), auth=any_token)
@requires(P.PRODUCTS_VIEW)
def list_products(
    request: HttpRequest,
    store_id: str,
    q: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.product_list(store_id=access.store_id, q=q, status=status),
        cursor=cursor,
        limit=limit,
    )
    return page_response(rows, next_cursor, lambda p: serialize.product_out(p, access))


@router.post(f"{S}/products", response=with_errors({201: ProductOut}), auth=any_token)
@requires(P.PRODUCTS_MANAGE)
def create_product(
    request: HttpRequest, store_id: str, payload: ProductCreateIn
) -> Status[dict[str, Any]]:
    ctx = Ctx(request)
    data = sent_fields(payload)
    variants = data.pop("variants", [])
    product = services.product_create(**ctx.kw(), data=data, variants=variants)
    return Status(201, serialize.product_out(product, ctx.access))


@router.get(f"{S}/products/{{product_id}}", response=with_errors({200: ProductOut}), auth=any_token)
@requires(P.PRODUCTS_VIEW)
def get_product(request: HttpRequest, store_id: str, product_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    product = selectors.product_get(store_id=access.store_id, product_id=product_id)
    return serialize.product_out(product, access)


@router.patch(
    f"{S}/products/{{product_id}}", response=with_errors({200: ProductOut}), auth=any_token
)
@requires(P.PRODUCTS_MANAGE)
def update_product(
    request: HttpRequest, store_id: str, product_id: str, payload: ProductUpdateIn
) -> dict[str, Any]:
    ctx = Ctx(request)
    services.product_update(**ctx.kw(), product_id=product_id, data=sent_fields(payload))
    product = selectors.product_get(store_id=ctx.access.store_id, product_id=product_id)
    return serialize.product_out(product, ctx.access)


@router.delete(f"{S}/products/{{product_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.PRODUCTS_DELETE)
def delete_product(request: HttpRequest, store_id: str, product_id: str) -> Status[None]:
    services.product_delete(**Ctx(request).kw(), product_id=product_id)
    return Status(204, None)


@router.post(
    f"{S}/products/{{product_id}}/variants",
    response=with_errors({201: VariantOut}),
    auth=any_token,
)
@requires(P.PRODUCTS_MANAGE)
def create_variant(
    request: HttpRequest, store_id: str, product_id: str, payload: VariantIn
) -> Status[dict[str, Any]]:
    ctx = Ctx(request)
    variant = services.variant_create(**ctx.kw(), product_id=product_id, data=sent_fields(payload))
    show = ctx.access.can(P.PRODUCTS_VIEW_COSTS)
    return Status(201, serialize.variant_out(variant, show_costs=show))


@router.patch(
    f"{S}/products/{{product_id}}/variants/{{variant_id}}",
    response=with_errors({200: VariantOut}),
    auth=any_token,
)
@requires(P.PRODUCTS_MANAGE)
def update_variant(
    request: HttpRequest, store_id: str, product_id: str, variant_id: str, payload: VariantIn
) -> dict[str, Any]:
    ctx = Ctx(request)
    variant = services.variant_update(
        **ctx.kw(), product_id=product_id, variant_id=variant_id, data=sent_fields(payload)
    )
    return serialize.variant_out(variant, show_costs=ctx.access.can(P.PRODUCTS_VIEW_COSTS))


# --- locations and inventory ---------------------------------------------------------------


@router.get(f"{S}/locations", response=with_errors({200: LocationListOut}), auth=any_token)
@requires(P.LOCATIONS_VIEW)
def list_locations(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.location_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, serialize.location_out)


@router.post(f"{S}/locations", response=with_errors({201: LocationOut}), auth=any_token)
@requires(P.LOCATIONS_MANAGE)
def create_location(
    request: HttpRequest, store_id: str, payload: LocationIn
) -> Status[dict[str, Any]]:
    location = services.location_create(**Ctx(request).kw(), data=sent_fields(payload))
    return Status(201, serialize.location_out(location))


@router.patch(
    f"{S}/locations/{{location_id}}", response=with_errors({200: LocationOut}), auth=any_token
)
@requires(P.LOCATIONS_MANAGE)
def update_location(
    request: HttpRequest, store_id: str, location_id: str, payload: LocationIn
) -> dict[str, Any]:
    location = services.location_update(
        **Ctx(request).kw(), location_id=location_id, data=sent_fields(payload)
    )
    return serialize.location_out(location)


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
    return page_response(rows, next_cursor, serialize.inventory_level_out)


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
        **Ctx(request).kw(),
        variant_id=payload.variant_id,
        location_id=payload.location_id,
        delta=payload.delta,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, serialize.adjustment_out(adjustment))


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
    return page_response(rows, next_cursor, serialize.adjustment_out)
