"""Store side — commerce endpoints (SPEC §9): products and variants.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.catalogue import selectors, services
from storegate.commerce.catalogue.schemas import (
    ProductCreateIn,
    ProductListOut,
    ProductOut,
    ProductUpdateIn,
    VariantIn,
    VariantOut,
    product_out,
    variant_out,
)
from storegate.commerce.input import sent_fields
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


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
    return page_response(rows, next_cursor, lambda p: product_out(p, access))


@router.post(f"{S}/products", response=with_errors({201: ProductOut}), auth=any_token)
@requires(P.PRODUCTS_MANAGE)
def create_product(
    request: HttpRequest, store_id: str, payload: ProductCreateIn
) -> Status[dict[str, Any]]:
    acting = acting_of(request)
    access = store_access_of(request)
    data = sent_fields(payload)
    variants = data.pop("variants", [])
    product = services.product_create(acting=acting, data=data, variants=variants)
    return Status(201, product_out(product, access))


@router.get(f"{S}/products/{{product_id}}", response=with_errors({200: ProductOut}), auth=any_token)
@requires(P.PRODUCTS_VIEW)
def get_product(request: HttpRequest, store_id: str, product_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    product = selectors.product_get(store_id=access.store_id, product_id=product_id)
    return product_out(product, access)


@router.patch(
    f"{S}/products/{{product_id}}", response=with_errors({200: ProductOut}), auth=any_token
)
@requires(P.PRODUCTS_MANAGE)
def update_product(
    request: HttpRequest, store_id: str, product_id: str, payload: ProductUpdateIn
) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    services.product_update(acting=acting, product_id=product_id, data=sent_fields(payload))
    product = selectors.product_get(store_id=access.store_id, product_id=product_id)
    return product_out(product, access)


@router.delete(f"{S}/products/{{product_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.PRODUCTS_DELETE)
def delete_product(request: HttpRequest, store_id: str, product_id: str) -> Status[None]:
    services.product_delete(acting=acting_of(request), product_id=product_id)
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
    acting = acting_of(request)
    access = store_access_of(request)
    variant = services.variant_create(
        acting=acting, product_id=product_id, data=sent_fields(payload)
    )
    show = access.can(P.PRODUCTS_VIEW_COSTS)
    return Status(201, variant_out(variant, show_costs=show))


@router.patch(
    f"{S}/products/{{product_id}}/variants/{{variant_id}}",
    response=with_errors({200: VariantOut}),
    auth=any_token,
)
@requires(P.PRODUCTS_MANAGE)
def update_variant(
    request: HttpRequest, store_id: str, product_id: str, variant_id: str, payload: VariantIn
) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    variant = services.variant_update(
        acting=acting, product_id=product_id, variant_id=variant_id, data=sent_fields(payload)
    )
    return variant_out(variant, show_costs=access.can(P.PRODUCTS_VIEW_COSTS))
