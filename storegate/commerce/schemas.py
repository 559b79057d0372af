"""Request and response shapes of the commerce API. Money is a decimal string."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

# --- input ---------------------------------------------------------------------------------


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


class OrderUpdateIn(Schema):
    note: str | None = None
    tags: list[str] | None = None
    shipping_address: dict[str, str] | None = None


class OrderCancelIn(Schema):
    reason: str = "other"


class RefundIn(Schema):
    amount: Decimal
    reason: str = ""


class FulfillmentLineIn(Schema):
    line_item_id: str
    quantity: int


class FulfillmentIn(Schema):
    line_items: list[FulfillmentLineIn] | None = None
    location_id: str | None = None
    tracking_company: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    notify_customer: bool = False


class DraftLineIn(Schema):
    variant_id: str
    quantity: int


class DraftOrderIn(Schema):
    line_items: list[DraftLineIn]
    customer_id: str | None = None
    email: str = ""
    note: str = ""


class DraftCompleteIn(Schema):
    mark_as_paid: bool = False


class CustomerIn(Schema):
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    accepts_marketing: bool | None = None
    note: str | None = None
    tags: list[str] | None = None
    country_code: str | None = None


class DiscountIn(Schema):
    code: str | None = None
    kind: str | None = None
    value: Decimal | None = None
    minimum_subtotal: Decimal | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    usage_limit: int | None = None
    is_active: bool | None = None


class GiftCardIn(Schema):
    initial_value: Decimal
    customer_id: str | None = None
    note: str = ""
    expires_on: date | None = None


class MarketIn(Schema):
    name: str | None = None
    countries: list[str] | None = None
    currency: str | None = None
    enabled: bool | None = None


class ThemeIn(Schema):
    name: str
    version: str = ""


class ThemeFileIn(Schema):
    key: str
    content: str


class ShippingRateIn(Schema):
    name: str
    price: Decimal
    minimum_subtotal: Decimal | None = None


class ShippingZoneIn(Schema):
    name: str
    countries: list[str]
    rates: list[ShippingRateIn]


class ShippingIn(Schema):
    zones: list[ShippingZoneIn]


class GeneralSettingsIn(Schema):
    legal_name: str | None = None
    contact_email: str | None = None
    phone: str | None = None
    address1: str | None = None
    city: str | None = None
    country_code: str | None = None
    timezone: str | None = None
    weight_unit: str | None = None
    order_number_prefix: str | None = None


# --- output --------------------------------------------------------------------------------


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


class LineItemOut(Schema):
    id: str
    variant_id: str | None
    title: str
    sku: str
    quantity: int
    price: Decimal
    fulfilled_quantity: int


class FulfillmentOut(Schema):
    id: str
    location_id: str | None
    tracking_company: str
    tracking_number: str
    tracking_url: str
    line_items: list[dict[str, Any]]
    created_at: datetime


class RefundOut(Schema):
    id: str
    amount: Decimal
    reason: str
    created_at: datetime


class OrderSummaryOut(Schema):
    id: str
    name: str
    number: int
    email: str
    currency: str
    status: str
    financial_status: str
    fulfillment_status: str
    total: Decimal
    processed_at: datetime


class OrderOut(OrderSummaryOut):
    customer_id: str | None
    subtotal: Decimal
    discount_total: Decimal
    shipping_total: Decimal
    tax_total: Decimal
    refunded_total: Decimal
    discount_code: str
    note: str
    tags: list[str]
    shipping_address: dict[str, Any]
    cancelled_at: datetime | None
    cancel_reason: str
    line_items: list[LineItemOut]
    fulfillments: list[FulfillmentOut]
    refunds: list[RefundOut]


class OrderListOut(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None


class FulfillmentListOut(Schema):
    items: list[FulfillmentOut]
    next_cursor: str | None


class DraftOrderOut(Schema):
    id: str
    name: str
    status: str
    customer_id: str | None
    email: str
    line_items: list[dict[str, Any]]
    subtotal: Decimal
    note: str
    order_id: str | None
    created_at: datetime


class DraftOrderListOut(Schema):
    items: list[DraftOrderOut]
    next_cursor: str | None


class CustomerOut(Schema):
    id: str
    email: str
    first_name: str
    last_name: str
    phone: str
    accepts_marketing: bool
    note: str
    tags: list[str]
    country_code: str
    created_at: datetime


class CustomerListOut(Schema):
    items: list[CustomerOut]
    next_cursor: str | None


class DiscountOut(Schema):
    id: str
    code: str
    kind: str
    value: Decimal
    minimum_subtotal: Decimal | None
    starts_at: datetime
    ends_at: datetime | None
    usage_limit: int | None
    times_used: int
    is_active: bool


class DiscountListOut(Schema):
    items: list[DiscountOut]
    next_cursor: str | None


class GiftCardOut(Schema):
    id: str
    last_characters: str
    initial_value: Decimal
    balance: Decimal
    currency: str
    customer_id: str | None
    note: str
    expires_on: date | None
    disabled: bool
    # Only in the answer to the creation: the full code, shown once.
    code: str | None = None


class GiftCardListOut(Schema):
    items: list[GiftCardOut]
    next_cursor: str | None


class MarketOut(Schema):
    id: str
    name: str
    handle: str
    countries: list[str]
    currency: str
    is_primary: bool
    enabled: bool


class MarketListOut(Schema):
    items: list[MarketOut]
    next_cursor: str | None


class ThemeOut(Schema):
    id: str
    name: str
    role: str
    version: str
    updated_at: datetime


class ThemeListOut(Schema):
    items: list[ThemeOut]
    next_cursor: str | None


class ThemeFileOut(Schema):
    key: str
    checksum: str
    size: int
    content: str | None = None
    updated_at: datetime


class ThemeFileListOut(Schema):
    theme: ThemeOut
    files: list[ThemeFileOut]


class ShippingRateOut(Schema):
    name: str
    price: Decimal
    minimum_subtotal: Decimal | None


class ShippingZoneOut(Schema):
    id: str
    name: str
    countries: list[str]
    rates: list[ShippingRateOut]


class ShippingOut(Schema):
    zones: list[ShippingZoneOut]


class GeneralSettingsOut(Schema):
    name: str
    currency: str
    legal_name: str
    contact_email: str
    phone: str
    address1: str
    city: str
    country_code: str
    timezone: str
    weight_unit: str
    order_number_prefix: str


class SalesDayOut(Schema):
    date: date
    orders: int
    gross_sales: Decimal
    discounts: Decimal
    refunds: Decimal
    net_sales: Decimal


class SalesTotalsOut(Schema):
    orders: int
    gross_sales: Decimal
    discounts: Decimal
    refunds: Decimal
    net_sales: Decimal


class SalesReportOut(Schema):
    currency: str
    date_from: date
    date_to: date
    days: list[SalesDayOut]
    totals: SalesTotalsOut
