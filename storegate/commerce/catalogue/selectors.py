"""Reads of the catalogue; each takes the store, so no query can forget the tenant."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.lookup import in_store


def product_list(
    *, store_id: int, q: str | None = None, status: str | None = None
) -> QuerySet[Product]:
    qs = Product.objects.filter(store_id=store_id).prefetch_related("variants")
    if q:
        qs = qs.filter(title__icontains=q.strip()[:100])
    if status:
        qs = qs.filter(status=status)
    return qs


def product_get(*, store_id: int, product_id: Any) -> Product:
    return in_store(Product.objects.prefetch_related("variants"), store_id, product_id, "product")


def variant_get(*, store_id: int, variant_id: Any) -> ProductVariant:
    return in_store(ProductVariant.objects.all(), store_id, variant_id, "variant")
