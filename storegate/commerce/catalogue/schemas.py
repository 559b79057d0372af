"""Request and response shapes of products and variants, and the rows turned into them
(cost appears only for ``products.view_costs``). Money is a decimal string."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from storegate.access.store_access import StoreAccess
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.stores.permissions import StorePermission


class VariantIn(Schema):
    title: str | None = None
    sku: str | None = None
    barcode: str | None = None
    price: Decimal | None = None
    compare_at_price: Decimal | None = None
    cost: Decimal | None = None
    weight_grams: int | None = None


class ProductCreateIn(Schema):
    title: str
    handle: str | None = None
    description: str | None = None
    vendor: str | None = None
    product_type: str | None = None
    status: str | None = None
    tags: list[str] | None = None
    price: Decimal | None = None
    variants: list[VariantIn] = []


class ProductUpdateIn(Schema):
    title: str | None = None
    handle: str | None = None
    description: str | None = None
    vendor: str | None = None
    product_type: str | None = None
    status: str | None = None
    tags: list[str] | None = None


class VariantOut(Schema):
    id: str
    title: str
    sku: str
    barcode: str
    price: Decimal
    compare_at_price: Decimal | None
    weight_grams: int
    # Present only for callers holding ``products.view_costs``.
    cost: Decimal | None = None


class ProductOut(Schema):
    id: str
    title: str
    handle: str
    description: str
    vendor: str
    product_type: str
    status: str
    tags: list[str]
    variants: list[VariantOut]
    created_at: datetime
    updated_at: datetime


class ProductListOut(Schema):
    items: list[ProductOut]
    next_cursor: str | None


def variant_out(variant: ProductVariant, *, show_costs: bool) -> dict[str, Any]:
    data = {
        "id": str(variant.pk),
        "title": variant.title,
        "sku": variant.sku,
        "barcode": variant.barcode,
        "price": variant.price,
        "compare_at_price": variant.compare_at_price,
        "weight_grams": variant.weight_grams,
    }
    if show_costs:
        data["cost"] = variant.cost
    return data


def product_out(product: Product, access: StoreAccess) -> dict[str, Any]:
    show_costs = access.can(StorePermission.PRODUCTS_VIEW_COSTS)
    return {
        "id": str(product.pk),
        "title": product.title,
        "handle": product.handle,
        "description": product.description,
        "vendor": product.vendor,
        "product_type": product.product_type,
        "status": product.status,
        "tags": product.tags,
        "variants": [variant_out(v, show_costs=show_costs) for v in product.variants.all()],
        "created_at": product.created_at,
        "updated_at": product.updated_at,
    }
