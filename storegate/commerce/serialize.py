"""Turning commerce rows into API answers; cost appears only for ``products.view_costs``."""

from __future__ import annotations

from typing import Any

from storegate.access.store_access import StoreAccess
from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.marketing.models import Discount, GiftCard
from storegate.commerce.orders.models import DraftOrder, Fulfillment, LineItem, Order
from storegate.commerce.settings.models import ShippingZone, StoreSettings
from storegate.commerce.storefront.models import Market, Theme, ThemeFile
from storegate.stores.permissions import StorePermission


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


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
        "organization_id": _id(adjustment.organization_id),
        "created_at": adjustment.created_at,
    }


def order_summary_out(order: Order) -> dict[str, Any]:
    return {
        "id": str(order.pk),
        "name": order.name,
        "number": order.number,
        "email": order.email,
        "currency": order.currency,
        "status": order.status,
        "financial_status": order.financial_status,
        "fulfillment_status": order.fulfillment_status,
        "total": order.total,
        "processed_at": order.processed_at,
    }


def line_item_out(item: LineItem) -> dict[str, Any]:
    return {
        "id": str(item.pk),
        "variant_id": _id(item.variant_id),
        "title": item.title,
        "sku": item.sku,
        "quantity": item.quantity,
        "price": item.price,
        "fulfilled_quantity": item.fulfilled_quantity,
    }


def fulfillment_out(fulfillment: Fulfillment) -> dict[str, Any]:
    return {
        "id": str(fulfillment.pk),
        "location_id": _id(fulfillment.location_id),
        "tracking_company": fulfillment.tracking_company,
        "tracking_number": fulfillment.tracking_number,
        "tracking_url": fulfillment.tracking_url,
        "line_items": [
            {"line_item_id": str(line.line_item_id), "quantity": line.quantity}
            for line in fulfillment.lines.all()
        ],
        "created_at": fulfillment.created_at,
    }


def order_out(order: Order) -> dict[str, Any]:
    fulfillments = getattr(order, "fulfillment_rows", None)
    if fulfillments is None:
        fulfillments = list(order.fulfillments.all())
    return {
        **order_summary_out(order),
        "customer_id": _id(order.customer_id),
        "subtotal": order.subtotal,
        "discount_total": order.discount_total,
        "shipping_total": order.shipping_total,
        "tax_total": order.tax_total,
        "refunded_total": order.refunded_total,
        "discount_code": order.discount_code,
        "note": order.note,
        "tags": order.tags,
        "shipping_address": order.shipping_address,
        "cancelled_at": order.cancelled_at,
        "cancel_reason": order.cancel_reason,
        "line_items": [line_item_out(i) for i in order.line_items.all()],
        "fulfillments": [fulfillment_out(f) for f in fulfillments],
        "refunds": [
            {"id": str(r.pk), "amount": r.amount, "reason": r.reason, "created_at": r.created_at}
            for r in order.refunds.all()
        ],
    }


def draft_order_out(draft: DraftOrder) -> dict[str, Any]:
    return {
        "id": str(draft.pk),
        "name": f"#D{draft.number}",
        "status": draft.status,
        "customer_id": _id(draft.customer_id),
        "email": draft.email,
        "line_items": draft.line_items,
        "subtotal": draft.subtotal,
        "note": draft.note,
        "order_id": _id(draft.order_id),
        "created_at": draft.created_at,
    }


def customer_out(customer: Customer) -> dict[str, Any]:
    return {
        "id": str(customer.pk),
        "email": customer.email,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "phone": customer.phone,
        "accepts_marketing": customer.accepts_marketing,
        "note": customer.note,
        "tags": customer.tags,
        "country_code": customer.country_code,
        "created_at": customer.created_at,
    }


def discount_out(discount: Discount) -> dict[str, Any]:
    return {
        "id": str(discount.pk),
        "code": discount.code,
        "kind": discount.kind,
        "value": discount.value,
        "minimum_subtotal": discount.minimum_subtotal,
        "starts_at": discount.starts_at,
        "ends_at": discount.ends_at,
        "usage_limit": discount.usage_limit,
        "times_used": discount.times_used,
        "is_active": discount.is_active,
    }


def gift_card_out(card: GiftCard, code: str | None = None) -> dict[str, Any]:
    return {
        "id": str(card.pk),
        "last_characters": card.last_characters,
        "initial_value": card.initial_value,
        "balance": card.balance,
        "currency": card.currency,
        "customer_id": _id(card.customer_id),
        "note": card.note,
        "expires_on": card.expires_on,
        "disabled": card.disabled_at is not None,
        "code": code,
    }


def market_out(market: Market) -> dict[str, Any]:
    return {
        "id": str(market.pk),
        "name": market.name,
        "handle": market.handle,
        "countries": market.countries,
        "currency": market.currency,
        "is_primary": market.is_primary,
        "enabled": market.enabled,
    }


def theme_out(theme: Theme) -> dict[str, Any]:
    return {
        "id": str(theme.pk),
        "name": theme.name,
        "role": theme.role,
        "version": theme.version,
        "updated_at": theme.updated_at,
    }


def theme_file_out(file: ThemeFile, *, with_content: bool = False) -> dict[str, Any]:
    return {
        "key": file.key,
        "checksum": file.checksum,
        "size": len(file.content.encode()),
        "content": file.content if with_content else None,
        "updated_at": file.updated_at,
    }


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
