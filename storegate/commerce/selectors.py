"""Reads of the commerce app; each takes the store, so no query can forget the tenant."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.commerce.catalogue.models import Product, ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import InventoryAdjustment, InventoryLevel, Location
from storegate.commerce.marketing.models import Discount, GiftCard
from storegate.commerce.money import ZERO
from storegate.commerce.orders.models import DraftOrder, Order, OrderStatus
from storegate.commerce.services._common import invalid, parse_id
from storegate.commerce.settings.models import ShippingZone, StoreSettings
from storegate.commerce.storefront.models import Market, Theme, ThemeFile
from storegate.core.errors import not_found


def _in_store(qs: QuerySet[Any], store_id: int, pk: Any, what: str) -> Any:
    obj = qs.filter(store_id=store_id, pk=parse_id(pk, what)).first()
    if obj is None:
        raise not_found(what)
    return obj


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
    return _in_store(Product.objects.prefetch_related("variants"), store_id, product_id, "product")


def variant_get(*, store_id: int, variant_id: Any) -> ProductVariant:
    return _in_store(ProductVariant.objects.all(), store_id, variant_id, "variant")


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


def order_list(
    *,
    store_id: int,
    status: str | None = None,
    financial_status: str | None = None,
    fulfillment_status: str | None = None,
) -> QuerySet[Order]:
    qs = Order.objects.filter(store_id=store_id)
    if status:
        qs = qs.filter(status=status)
    if financial_status:
        qs = qs.filter(financial_status=financial_status)
    if fulfillment_status:
        qs = qs.filter(fulfillment_status=fulfillment_status)
    return qs


def order_get(*, store_id: int, order_id: Any) -> Order:
    return _in_store(
        Order.objects.prefetch_related(
            "line_items", Prefetch("fulfillments", to_attr="fulfillment_rows"), "refunds"
        ),
        store_id,
        order_id,
        "order",
    )


def draft_order_list(*, store_id: int) -> QuerySet[DraftOrder]:
    return DraftOrder.objects.filter(store_id=store_id)


def draft_order_get(*, store_id: int, draft_id: Any) -> DraftOrder:
    return _in_store(DraftOrder.objects.all(), store_id, draft_id, "draft order")


def customer_list(*, store_id: int, q: str | None = None) -> QuerySet[Customer]:
    qs = Customer.objects.filter(store_id=store_id)
    if q:
        qs = qs.filter(email__icontains=q.strip()[:100])
    return qs


def customer_get(*, store_id: int, customer_id: Any) -> Customer:
    return _in_store(Customer.objects.all(), store_id, customer_id, "customer")


def discount_list(*, store_id: int) -> QuerySet[Discount]:
    return Discount.objects.filter(store_id=store_id)


def gift_card_list(*, store_id: int) -> QuerySet[GiftCard]:
    return GiftCard.objects.filter(store_id=store_id)


def market_list(*, store_id: int) -> QuerySet[Market]:
    return Market.objects.filter(store_id=store_id)


def theme_list(*, store_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(store_id=store_id)


def theme_files(*, store_id: int, theme_id: Any) -> tuple[Theme, QuerySet[ThemeFile]]:
    theme = _in_store(Theme.objects.all(), store_id, theme_id, "theme")
    return theme, ThemeFile.objects.filter(theme=theme)


def shipping_zones(*, store_id: int) -> list[ShippingZone]:
    return list(ShippingZone.objects.filter(store_id=store_id).prefetch_related("rates"))


def general_settings(*, store_id: int) -> StoreSettings:
    """The store's settings, or the defaults if nobody saved any yet (a read never writes)."""
    row = StoreSettings.objects.filter(store_id=store_id).first()
    return row or StoreSettings(store_id=store_id)


MAX_REPORT_DAYS = 366


def sales_report(
    *, store_id: int, date_from: date | None = None, date_to: date | None = None
) -> dict[str, Any]:
    """Orders, gross sales, discounts, refunds and net sales per day (cancelled orders excluded)."""
    today = timezone.now().date()
    date_to = date_to or today
    date_from = date_from or (date_to - timedelta(days=29))
    if date_from > date_to:
        raise invalid(_("The start must not be after the end."), "from")
    if (date_to - date_from).days >= MAX_REPORT_DAYS:
        raise invalid(_("A report covers at most 366 days."), "from")
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    rows = (
        Order.objects.filter(store_id=store_id, processed_at__gte=start, processed_at__lt=end)
        .exclude(status=OrderStatus.CANCELLED)
        .annotate(day=TruncDate("processed_at"))
        .values("day")
        .annotate(
            orders=Count("id"),
            gross=Sum("subtotal"),
            discounts=Sum("discount_total"),
            refunded=Sum("refunded_total"),
            shipping=Sum("shipping_total"),
            taxes=Sum("tax_total"),
        )
        .order_by("day")
    )
    days = []
    count = 0
    gross_total = discount_total = refund_total = net_total = ZERO
    for row in rows:
        gross = Decimal(row["gross"] or 0)
        discounts = Decimal(row["discounts"] or 0)
        refunds = Decimal(row["refunded"] or 0)
        net = gross - discounts - refunds
        day = row["day"]
        days.append(
            {
                "date": day if isinstance(day, date) else date.fromisoformat(str(day)),
                "orders": row["orders"],
                "gross_sales": gross,
                "discounts": discounts,
                "refunds": refunds,
                "net_sales": net,
            }
        )
        count += row["orders"]
        gross_total += gross
        discount_total += discounts
        refund_total += refunds
        net_total += net
    totals = {
        "orders": count,
        "gross_sales": gross_total,
        "discounts": discount_total,
        "refunds": refund_total,
        "net_sales": net_total,
    }
    return {"from": date_from, "to": date_to, "days": days, "totals": totals}
