"""Writes of the catalogue: products and their variants."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.audit.actions import AuditAction
from storegate.commerce.catalogue.models import Product, ProductStatus, ProductVariant
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.input import (
    clean_money,
    clean_tags,
    clean_text,
    invalid,
)
from storegate.commerce.lookup import get_in_store, store_access
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.permissions import StorePermission

MAX_VARIANTS = 100


def _require_costs(access: StoreAccess, data: dict[str, Any]) -> None:
    if data.get("cost") is not None:
        access.require(StorePermission.PRODUCTS_VIEW_COSTS)


def _variant_fields(data: dict[str, Any], *, field: str, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "title" in data:
        out["title"] = (
            clean_text(data.get("title"), field=f"{field}.title", max_length=255) or "Default"
        )
    if not partial or "sku" in data:
        out["sku"] = clean_text(data.get("sku"), field=f"{field}.sku", max_length=64)
    if not partial or "barcode" in data:
        out["barcode"] = clean_text(data.get("barcode"), field=f"{field}.barcode", max_length=64)
    if not partial or "price" in data:
        out["price"] = clean_money(data.get("price"), field=f"{field}.price")
    if not partial or "compare_at_price" in data:
        out["compare_at_price"] = clean_money(
            data.get("compare_at_price"), field=f"{field}.compare_at_price", allow_none=True
        )
    if "cost" in data:
        out["cost"] = clean_money(data.get("cost"), field=f"{field}.cost", allow_none=True)
    if not partial or "weight_grams" in data:
        weight = data.get("weight_grams") or 0
        if not isinstance(weight, int) or weight < 0 or weight > 1_000_000:
            raise invalid(
                _("Enter a weight in grams between 0 and 1,000,000."), f"{field}.weight_grams"
            )
        out["weight_grams"] = weight
    return out


def _sku_taken(field: str) -> ApplicationError:
    return ApplicationError(
        ErrorCode.CONFLICT, _("Another variant of this store already uses this SKU."), field=field
    )


def _product_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "title" in data:
        out["title"] = clean_text(data.get("title"), field="title", max_length=255, required=True)
    for name, limit in (("vendor", 120), ("product_type", 120), ("description", 20_000)):
        if not partial or name in data:
            out[name] = clean_text(data.get(name), field=name, max_length=limit)
    if not partial or "status" in data:
        status = data.get("status") or ProductStatus.ACTIVE
        if status not in ProductStatus.values:
            raise invalid(_("Use one of: active, draft, archived."), "status")
        out["status"] = status
    if not partial or "tags" in data:
        out["tags"] = clean_tags(data.get("tags"))
    if "handle" in data and data["handle"] is not None:
        handle = slugify(str(data["handle"]))[:255]
        if not handle:
            raise invalid(_("Use letters, digits and hyphens."), "handle")
        out["handle"] = handle
    return out


def _unique_handle(store_id: int, title: str) -> str:
    base = slugify(title)[:240] or "product"
    handle, n = base, 1
    while Product.objects.filter(store_id=store_id, handle=handle).exists():
        n += 1
        handle = f"{base}-{n}"
    return handle


@transaction.atomic
def product_create(
    *,
    acting: Acting,
    data: dict[str, Any],
    variants: list[dict[str, Any]],
) -> Product:
    access = store_access(acting)
    fields = _product_fields(data, partial=False)
    if not variants:
        variants = [{"title": "Default", "price": data.get("price")}]
    if len(variants) > MAX_VARIANTS:
        raise invalid(_("A product has at most 100 variants."), "variants")
    cleaned = []
    for i, variant in enumerate(variants):
        _require_costs(access, variant)
        cleaned.append(_variant_fields(variant, field=f"variants.{i}", partial=False))
    skus = [v["sku"] for v in cleaned if v["sku"]]
    if len(skus) != len(set(skus)):
        raise invalid(_("Each variant needs its own SKU."), "variants")
    fields.setdefault("handle", _unique_handle(access.store_id, fields["title"]))
    try:
        with transaction.atomic():
            product = Product.objects.create(store_id=access.store_id, **fields)
            for position, variant in enumerate(cleaned, start=1):
                ProductVariant.objects.create(
                    store_id=access.store_id, product=product, position=position, **variant
                )
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.CONFLICT,
            _("The handle or a SKU is already used in this store."),
            field="handle",
        ) from None
    audit_write(
        action=AuditAction.PRODUCT_CREATED,
        acting=acting,
        target=product,
        after={"title": product.title, "handle": product.handle, "variants": len(cleaned)},
    )
    return product


@transaction.atomic
def product_update(
    *,
    acting: Acting,
    product_id: Any,
    data: dict[str, Any],
) -> Product:
    product = get_in_store(Product, acting=acting, pk=product_id, what="product")
    before, after = changes(product, _product_fields(data, partial=True))
    if after:
        try:
            with transaction.atomic():
                product.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise ApplicationError(
                ErrorCode.CONFLICT, _("Another product uses this handle."), field="handle"
            ) from None
        audit_write(
            action=AuditAction.PRODUCT_UPDATED,
            acting=acting,
            target=product,
            before=before,
            after=after,
        )
    return product


@transaction.atomic
def product_delete(*, acting: Acting, product_id: Any) -> None:
    product = get_in_store(Product, acting=acting, pk=product_id, what="product")
    audit_write(
        action=AuditAction.PRODUCT_DELETED,
        acting=acting,
        target=product,
        before={"title": product.title, "handle": product.handle},
    )
    product.delete()


@transaction.atomic
def variant_create(
    *,
    acting: Acting,
    product_id: Any,
    data: dict[str, Any],
) -> ProductVariant:
    access = store_access(acting)
    product = get_in_store(Product, acting=acting, pk=product_id, what="product")
    _require_costs(access, data)
    fields = _variant_fields(data, field="variant", partial=False)
    count = product.variants.count()
    if count >= MAX_VARIANTS:
        raise invalid(_("A product has at most 100 variants."), "variant")
    try:
        with transaction.atomic():
            variant = ProductVariant.objects.create(
                store_id=access.store_id, product=product, position=count + 1, **fields
            )
    except IntegrityError:
        raise _sku_taken("sku") from None
    audit_write(
        action=AuditAction.PRODUCT_VARIANT_CREATED,
        acting=acting,
        target=variant,
        after={"product_id": product.pk, "title": variant.title, "sku": variant.sku},
    )
    return variant


@transaction.atomic
def variant_update(
    *,
    acting: Acting,
    product_id: Any,
    variant_id: Any,
    data: dict[str, Any],
) -> ProductVariant:
    access = store_access(acting)
    product = get_in_store(Product, acting=acting, pk=product_id, what="product")
    variant = get_in_store(ProductVariant, acting=acting, pk=variant_id, what="variant")
    if variant.product_id != product.pk:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such variant."))
    _require_costs(access, data)
    before, after = changes(variant, _variant_fields(data, field="variant", partial=True))
    if after:
        try:
            with transaction.atomic():
                variant.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise _sku_taken("sku") from None
        if "cost" in after and not access.can(StorePermission.PRODUCTS_VIEW_COSTS):
            before.pop("cost", None)
            after.pop("cost", None)
        audit_write(
            action=AuditAction.PRODUCT_VARIANT_UPDATED,
            acting=acting,
            target=variant,
            before=before,
            after=after,
        )
    return variant
