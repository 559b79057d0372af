"""Store side — commerce endpoints (SPEC §9): customers, discounts, gift cards and markets.

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
    CustomerIn,
    CustomerListOut,
    CustomerOut,
    DiscountIn,
    DiscountListOut,
    DiscountOut,
    GiftCardIn,
    GiftCardListOut,
    GiftCardOut,
    MarketIn,
    MarketListOut,
    MarketOut,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

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
    customer = services.customer_create(**Ctx(request).kw(), data=sent_fields(payload))
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
        **Ctx(request).kw(), customer_id=customer_id, data=sent_fields(payload)
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
    discount = services.discount_create(**Ctx(request).kw(), data=sent_fields(payload))
    return Status(201, serialize.discount_out(discount))


@router.patch(
    f"{S}/discounts/{{discount_id}}", response=with_errors({200: DiscountOut}), auth=any_token
)
@requires(P.DISCOUNTS_MANAGE)
def update_discount(
    request: HttpRequest, store_id: str, discount_id: str, payload: DiscountIn
) -> dict[str, Any]:
    discount = services.discount_update(
        **Ctx(request).kw(), discount_id=discount_id, data=sent_fields(payload)
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
    market = services.market_create(**Ctx(request).kw(), data=sent_fields(payload))
    return Status(201, serialize.market_out(market))


@router.patch(f"{S}/markets/{{market_id}}", response=with_errors({200: MarketOut}), auth=any_token)
@requires(P.MARKETS_MANAGE)
def update_market(
    request: HttpRequest, store_id: str, market_id: str, payload: MarketIn
) -> dict[str, Any]:
    market = services.market_update(
        **Ctx(request).kw(), market_id=market_id, data=sent_fields(payload)
    )
    return serialize.market_out(market)


@router.delete(f"{S}/markets/{{market_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.MARKETS_DELETE)
def delete_market(request: HttpRequest, store_id: str, market_id: str) -> Status[None]:
    services.market_delete(**Ctx(request).kw(), market_id=market_id)
    return Status(204, None)
