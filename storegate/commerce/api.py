"""Store side — commerce endpoints (SPEC §9). Each operation declares its permission once."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja import Schema as _Schema

from storegate.accounts.auth import any_token
from storegate.audit.services import RequestMeta
from storegate.commerce import selectors, serialize, services
from storegate.commerce.schemas import (
    CustomerIn,
    CustomerListOut,
    CustomerOut,
    DiscountIn,
    DiscountListOut,
    DiscountOut,
    DraftCompleteIn,
    DraftOrderIn,
    DraftOrderListOut,
    DraftOrderOut,
    FulfillmentIn,
    FulfillmentListOut,
    FulfillmentOut,
    GeneralSettingsIn,
    GeneralSettingsOut,
    GiftCardIn,
    GiftCardListOut,
    GiftCardOut,
    InventoryAdjustIn,
    InventoryAdjustmentListOut,
    InventoryAdjustmentOut,
    InventoryLevelListOut,
    LocationIn,
    LocationListOut,
    LocationOut,
    MarketIn,
    MarketListOut,
    MarketOut,
    OrderCancelIn,
    OrderListOut,
    OrderOut,
    OrderUpdateIn,
    ProductCreateIn,
    ProductListOut,
    ProductOut,
    ProductUpdateIn,
    RefundIn,
    RefundOut,
    SalesReportOut,
    ShippingIn,
    ShippingOut,
    ThemeFileIn,
    ThemeFileListOut,
    ThemeFileOut,
    ThemeIn,
    ThemeListOut,
    ThemeOut,
    VariantIn,
    VariantOut,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.access import StoreAccess
from storegate.stores.guard import requires, store_access_of
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P

router = Router(tags=["Store side — commerce"])
S = "/stores/{store_id}"


class Ctx:
    """What every operation passes to its service: who acts, in which store, from where."""

    def __init__(self, request: HttpRequest) -> None:
        self.access: StoreAccess = store_access_of(request)
        self.user: Any = request.user
        self.meta = RequestMeta.from_request(request)

    def kw(self) -> dict[str, Any]:
        return {"access": self.access, "acting_user": self.user, "meta": self.meta}


def _data(payload: _Schema) -> dict[str, Any]:
    # Only the fields the caller sent, so a PATCH changes nothing it did not name.
    return payload.model_dump(exclude_unset=True)


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
    data = _data(payload)
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
    services.product_update(**ctx.kw(), product_id=product_id, data=_data(payload))
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
    variant = services.variant_create(**ctx.kw(), product_id=product_id, data=_data(payload))
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
        **ctx.kw(), product_id=product_id, variant_id=variant_id, data=_data(payload)
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
    location = services.location_create(**Ctx(request).kw(), data=_data(payload))
    return Status(201, serialize.location_out(location))


@router.patch(
    f"{S}/locations/{{location_id}}", response=with_errors({200: LocationOut}), auth=any_token
)
@requires(P.LOCATIONS_MANAGE)
def update_location(
    request: HttpRequest, store_id: str, location_id: str, payload: LocationIn
) -> dict[str, Any]:
    location = services.location_update(
        **Ctx(request).kw(), location_id=location_id, data=_data(payload)
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


# --- orders --------------------------------------------------------------------------------


@router.get(f"{S}/orders", response=with_errors({200: OrderListOut}), auth=any_token)
@requires(P.ORDERS_VIEW)
def list_orders(
    request: HttpRequest,
    store_id: str,
    status: str | None = None,
    financial_status: str | None = None,
    fulfillment_status: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    access = store_access_of(request)
    qs = selectors.order_list(
        store_id=access.store_id,
        status=status,
        financial_status=financial_status,
        fulfillment_status=fulfillment_status,
    )
    rows, next_cursor = keyset_page(qs, cursor=cursor, limit=limit)
    return page_response(rows, next_cursor, serialize.order_summary_out)


@router.get(f"{S}/orders/{{order_id}}", response=with_errors({200: OrderOut}), auth=any_token)
@requires(P.ORDERS_VIEW)
def get_order(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return serialize.order_out(selectors.order_get(store_id=access.store_id, order_id=order_id))


@router.patch(f"{S}/orders/{{order_id}}", response=with_errors({200: OrderOut}), auth=any_token)
@requires(P.ORDERS_MANAGE_INFORMATION)
def update_order(
    request: HttpRequest, store_id: str, order_id: str, payload: OrderUpdateIn
) -> dict[str, Any]:
    ctx = Ctx(request)
    services.order_update_information(**ctx.kw(), order_id=order_id, data=_data(payload))
    return serialize.order_out(selectors.order_get(store_id=ctx.access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/cancel", response=with_errors({200: OrderOut}), auth=any_token
)
@requires(P.ORDERS_CANCEL)
def cancel_order(
    request: HttpRequest, store_id: str, order_id: str, payload: OrderCancelIn
) -> dict[str, Any]:
    ctx = Ctx(request)
    services.order_cancel(**ctx.kw(), order_id=order_id, reason=payload.reason)
    return serialize.order_out(selectors.order_get(store_id=ctx.access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/mark-as-paid", response=with_errors({200: OrderOut}), auth=any_token
)
@requires(P.ORDERS_MARK_AS_PAID)
def mark_order_as_paid(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    ctx = Ctx(request)
    services.order_mark_as_paid(**ctx.kw(), order_id=order_id)
    return serialize.order_out(selectors.order_get(store_id=ctx.access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/refunds", response=with_errors({201: RefundOut}), auth=any_token
)
@requires(P.ORDERS_REFUND)
def refund_order(
    request: HttpRequest, store_id: str, order_id: str, payload: RefundIn
) -> Status[dict[str, Any]]:
    refund = services.order_refund(
        **Ctx(request).kw(), order_id=order_id, amount=payload.amount, reason=payload.reason
    )
    return Status(
        201,
        {
            "id": str(refund.pk),
            "amount": refund.amount,
            "reason": refund.reason,
            "created_at": refund.created_at,
        },
    )


@router.delete(f"{S}/orders/{{order_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.ORDERS_DELETE)
def delete_order(request: HttpRequest, store_id: str, order_id: str) -> Status[None]:
    services.order_delete(**Ctx(request).kw(), order_id=order_id)
    return Status(204, None)


@router.get(
    f"{S}/orders/{{order_id}}/fulfillments",
    response=with_errors({200: FulfillmentListOut}),
    auth=any_token,
)
@requires(P.ORDERS_VIEW)
def list_fulfillments(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    return {
        "items": [serialize.fulfillment_out(f) for f in order.fulfillment_rows],  # type: ignore[attr-defined]
        "next_cursor": None,
    }


@router.post(
    f"{S}/orders/{{order_id}}/fulfillments",
    response=with_errors({201: FulfillmentOut}),
    auth=any_token,
    summary="Fulfil items with tracking",
)
@requires(P.ORDERS_FULFILL_AND_SHIP)
def create_fulfillment(
    request: HttpRequest, store_id: str, order_id: str, payload: FulfillmentIn
) -> Status[dict[str, Any]]:
    lines = (
        None
        if payload.line_items is None
        else [
            {"line_item_id": li.line_item_id, "quantity": li.quantity} for li in payload.line_items
        ]
    )
    fulfillment = services.fulfillment_create(
        **Ctx(request).kw(),
        order_id=order_id,
        lines=lines,
        location_id=payload.location_id,
        tracking_company=payload.tracking_company,
        tracking_number=payload.tracking_number,
        tracking_url=payload.tracking_url,
        notify_customer=payload.notify_customer,
    )
    return Status(201, serialize.fulfillment_out(fulfillment))


# --- draft orders --------------------------------------------------------------------------


@router.get(f"{S}/draft-orders", response=with_errors({200: DraftOrderListOut}), auth=any_token)
@requires(P.DRAFT_ORDERS_VIEW)
def list_draft_orders(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.draft_order_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, serialize.draft_order_out)


@router.post(f"{S}/draft-orders", response=with_errors({201: DraftOrderOut}), auth=any_token)
@requires(P.DRAFT_ORDERS_MANAGE)
def create_draft_order(
    request: HttpRequest, store_id: str, payload: DraftOrderIn
) -> Status[dict[str, Any]]:
    draft = services.draft_order_create(
        **Ctx(request).kw(),
        line_items=[li.model_dump() for li in payload.line_items],
        customer_id=payload.customer_id,
        email=payload.email,
        note=payload.note,
    )
    return Status(201, serialize.draft_order_out(draft))


@router.get(
    f"{S}/draft-orders/{{draft_id}}", response=with_errors({200: DraftOrderOut}), auth=any_token
)
@requires(P.DRAFT_ORDERS_VIEW)
def get_draft_order(request: HttpRequest, store_id: str, draft_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return serialize.draft_order_out(
        selectors.draft_order_get(store_id=access.store_id, draft_id=draft_id)
    )


@router.post(
    f"{S}/draft-orders/{{draft_id}}/complete",
    response=with_errors({201: OrderOut}),
    auth=any_token,
)
@requires(P.DRAFT_ORDERS_MANAGE)
def complete_draft_order(
    request: HttpRequest, store_id: str, draft_id: str, payload: DraftCompleteIn
) -> Status[dict[str, Any]]:
    ctx = Ctx(request)
    order = services.draft_order_complete(
        **ctx.kw(), draft_id=draft_id, mark_as_paid=payload.mark_as_paid
    )
    return Status(
        201,
        serialize.order_out(selectors.order_get(store_id=ctx.access.store_id, order_id=order.pk)),
    )


@router.delete(f"{S}/draft-orders/{{draft_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.DRAFT_ORDERS_DELETE)
def delete_draft_order(request: HttpRequest, store_id: str, draft_id: str) -> Status[None]:
    services.draft_order_delete(**Ctx(request).kw(), draft_id=draft_id)
    return Status(204, None)


# --- customers -----------------------------------------------------------------------------


@router.get(f"{S}/customers", response=with_errors({200: CustomerListOut}), auth=any_token)
@requires(P.CUSTOMERS_VIEW)
def list_customers(
    request: HttpRequest, store_id: str, q: str | None = None, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.customer_list(store_id=access.store_id, q=q), cursor=cursor
    )
    return page_response(rows, next_cursor, serialize.customer_out)


@router.post(f"{S}/customers", response=with_errors({201: CustomerOut}), auth=any_token)
@requires(P.CUSTOMERS_MANAGE)
def create_customer(
    request: HttpRequest, store_id: str, payload: CustomerIn
) -> Status[dict[str, Any]]:
    customer = services.customer_create(**Ctx(request).kw(), data=_data(payload))
    return Status(201, serialize.customer_out(customer))


@router.get(
    f"{S}/customers/{{customer_id}}", response=with_errors({200: CustomerOut}), auth=any_token
)
@requires(P.CUSTOMERS_VIEW)
def get_customer(request: HttpRequest, store_id: str, customer_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return serialize.customer_out(
        selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    )


@router.patch(
    f"{S}/customers/{{customer_id}}", response=with_errors({200: CustomerOut}), auth=any_token
)
@requires(P.CUSTOMERS_MANAGE)
def update_customer(
    request: HttpRequest, store_id: str, customer_id: str, payload: CustomerIn
) -> dict[str, Any]:
    customer = services.customer_update(
        **Ctx(request).kw(), customer_id=customer_id, data=_data(payload)
    )
    return serialize.customer_out(customer)


@router.delete(f"{S}/customers/{{customer_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.CUSTOMERS_DELETE)
def delete_customer(request: HttpRequest, store_id: str, customer_id: str) -> Status[None]:
    services.customer_delete(**Ctx(request).kw(), customer_id=customer_id)
    return Status(204, None)


# --- discounts, gift cards, markets --------------------------------------------------------


@router.get(f"{S}/discounts", response=with_errors({200: DiscountListOut}), auth=any_token)
@requires(P.DISCOUNTS_VIEW)
def list_discounts(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.discount_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, serialize.discount_out)


@router.post(f"{S}/discounts", response=with_errors({201: DiscountOut}), auth=any_token)
@requires(P.DISCOUNTS_MANAGE)
def create_discount(
    request: HttpRequest, store_id: str, payload: DiscountIn
) -> Status[dict[str, Any]]:
    discount = services.discount_create(**Ctx(request).kw(), data=_data(payload))
    return Status(201, serialize.discount_out(discount))


@router.patch(
    f"{S}/discounts/{{discount_id}}", response=with_errors({200: DiscountOut}), auth=any_token
)
@requires(P.DISCOUNTS_MANAGE)
def update_discount(
    request: HttpRequest, store_id: str, discount_id: str, payload: DiscountIn
) -> dict[str, Any]:
    discount = services.discount_update(
        **Ctx(request).kw(), discount_id=discount_id, data=_data(payload)
    )
    return serialize.discount_out(discount)


@router.delete(f"{S}/discounts/{{discount_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.DISCOUNTS_DELETE)
def delete_discount(request: HttpRequest, store_id: str, discount_id: str) -> Status[None]:
    services.discount_delete(**Ctx(request).kw(), discount_id=discount_id)
    return Status(204, None)


@router.get(f"{S}/gift-cards", response=with_errors({200: GiftCardListOut}), auth=any_token)
@requires(P.GIFT_CARDS_VIEW)
def list_gift_cards(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.gift_card_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, serialize.gift_card_out)


@router.post(f"{S}/gift-cards", response=with_errors({201: GiftCardOut}), auth=any_token)
@requires(P.GIFT_CARDS_MANAGE)
def create_gift_card(
    request: HttpRequest, store_id: str, payload: GiftCardIn
) -> Status[dict[str, Any]]:
    card, code = services.gift_card_create(
        **Ctx(request).kw(),
        initial_value=payload.initial_value,
        customer_id=payload.customer_id,
        note=payload.note,
        expires_on=payload.expires_on,
    )
    return Status(201, serialize.gift_card_out(card, code))


@router.post(
    f"{S}/gift-cards/{{gift_card_id}}/disable",
    response=with_errors({200: GiftCardOut}),
    auth=any_token,
)
@requires(P.GIFT_CARDS_MANAGE)
def disable_gift_card(request: HttpRequest, store_id: str, gift_card_id: str) -> dict[str, Any]:
    card = services.gift_card_disable(**Ctx(request).kw(), gift_card_id=gift_card_id)
    return serialize.gift_card_out(card)


@router.get(f"{S}/markets", response=with_errors({200: MarketListOut}), auth=any_token)
@requires(P.MARKETS_VIEW)
def list_markets(request: HttpRequest, store_id: str, cursor: str | None = None) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.market_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, serialize.market_out)


@router.post(f"{S}/markets", response=with_errors({201: MarketOut}), auth=any_token)
@requires(P.MARKETS_MANAGE)
def create_market(request: HttpRequest, store_id: str, payload: MarketIn) -> Status[dict[str, Any]]:
    market = services.market_create(**Ctx(request).kw(), data=_data(payload))
    return Status(201, serialize.market_out(market))


@router.patch(f"{S}/markets/{{market_id}}", response=with_errors({200: MarketOut}), auth=any_token)
@requires(P.MARKETS_MANAGE)
def update_market(
    request: HttpRequest, store_id: str, market_id: str, payload: MarketIn
) -> dict[str, Any]:
    market = services.market_update(**Ctx(request).kw(), market_id=market_id, data=_data(payload))
    return serialize.market_out(market)


@router.delete(f"{S}/markets/{{market_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.MARKETS_DELETE)
def delete_market(request: HttpRequest, store_id: str, market_id: str) -> Status[None]:
    services.market_delete(**Ctx(request).kw(), market_id=market_id)
    return Status(204, None)


# --- themes --------------------------------------------------------------------------------


@router.get(f"{S}/themes", response=with_errors({200: ThemeListOut}), auth=any_token)
@requires(P.THEMES_VIEW)
def list_themes(request: HttpRequest, store_id: str, cursor: str | None = None) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.theme_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, serialize.theme_out)


@router.post(f"{S}/themes", response=with_errors({201: ThemeOut}), auth=any_token)
@requires(P.THEMES_MANAGE)
def create_theme(request: HttpRequest, store_id: str, payload: ThemeIn) -> Status[dict[str, Any]]:
    theme = services.theme_create(**Ctx(request).kw(), name=payload.name, version=payload.version)
    return Status(201, serialize.theme_out(theme))


@router.get(
    f"{S}/themes/{{theme_id}}/files", response=with_errors({200: ThemeFileListOut}), auth=any_token
)
@requires(P.THEMES_VIEW)
def list_theme_files(
    request: HttpRequest, store_id: str, theme_id: str, key: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    theme, files = selectors.theme_files(store_id=access.store_id, theme_id=theme_id)
    if key is not None:
        files = files.filter(key=key)
    return {
        "theme": serialize.theme_out(theme),
        "files": [serialize.theme_file_out(f, with_content=key is not None) for f in files],
    }


@router.put(
    f"{S}/themes/{{theme_id}}/files", response=with_errors({200: ThemeFileOut}), auth=any_token
)
@requires(P.THEMES_MANAGE)
def put_theme_file(
    request: HttpRequest, store_id: str, theme_id: str, payload: ThemeFileIn
) -> dict[str, Any]:
    file = services.theme_file_put(
        **Ctx(request).kw(), theme_id=theme_id, key=payload.key, content=payload.content
    )
    return serialize.theme_file_out(file)


@router.post(
    f"{S}/themes/{{theme_id}}/publish", response=with_errors({200: ThemeOut}), auth=any_token
)
@requires(P.THEMES_MANAGE)
def publish_theme(request: HttpRequest, store_id: str, theme_id: str) -> dict[str, Any]:
    theme = services.theme_publish(**Ctx(request).kw(), theme_id=theme_id)
    return serialize.theme_out(theme)


# --- settings and reports ------------------------------------------------------------------


@router.get(f"{S}/settings/shipping", response=with_errors({200: ShippingOut}), auth=any_token)
@requires(P.SETTINGS_MANAGE)
def get_shipping_settings(request: HttpRequest, store_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return serialize.shipping_out(selectors.shipping_zones(store_id=access.store_id))


@router.put(f"{S}/settings/shipping", response=with_errors({200: ShippingOut}), auth=any_token)
@requires(P.SETTINGS_MANAGE)
def replace_shipping_settings(
    request: HttpRequest, store_id: str, payload: ShippingIn
) -> dict[str, Any]:
    ctx = Ctx(request)
    services.shipping_settings_replace(
        **ctx.kw(), zones=[zone.model_dump() for zone in payload.zones]
    )
    return serialize.shipping_out(selectors.shipping_zones(store_id=ctx.access.store_id))


@router.get(
    f"{S}/settings/general", response=with_errors({200: GeneralSettingsOut}), auth=any_token
)
@requires(P.SETTINGS_MANAGE)
def get_general_settings(request: HttpRequest, store_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    row = selectors.general_settings(store_id=access.store_id)
    row.store = Store.objects.get(pk=access.store_id)
    return serialize.general_settings_out(row)


@router.patch(
    f"{S}/settings/general", response=with_errors({200: GeneralSettingsOut}), auth=any_token
)
@requires(P.SETTINGS_MANAGE)
def update_general_settings(
    request: HttpRequest, store_id: str, payload: GeneralSettingsIn
) -> dict[str, Any]:
    row = services.general_settings_update(**Ctx(request).kw(), data=_data(payload))
    return serialize.general_settings_out(row)


class SalesQuery(_Schema):
    date_from: date | None = None
    date_to: date | None = None


@router.get(f"{S}/reports/sales", response=with_errors({200: SalesReportOut}), auth=any_token)
@requires(P.REPORTS_VIEW)
def sales_report(request: HttpRequest, store_id: str, filters: Query[SalesQuery]) -> dict[str, Any]:
    access = store_access_of(request)
    report = selectors.sales_report(
        store_id=access.store_id, date_from=filters.date_from, date_to=filters.date_to
    )
    store = Store.objects.get(pk=access.store_id)
    return {
        "currency": store.currency,
        "date_from": report["from"],
        "date_to": report["to"],
        "days": report["days"],
        "totals": report["totals"],
    }
