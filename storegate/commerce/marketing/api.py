"""Store side — commerce endpoints (SPEC §9): discounts and gift cards.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.input import sent_fields
from storegate.commerce.marketing import selectors, services
from storegate.commerce.marketing.schemas import (
    DiscountIn,
    DiscountListOut,
    DiscountOut,
    GiftCardIn,
    GiftCardListOut,
    GiftCardOut,
    discount_out,
    gift_card_out,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/discounts", response=with_errors({200: DiscountListOut}), auth=any_token)
@requires(P.DISCOUNTS_VIEW)
def list_discounts(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.discount_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, discount_out)


@router.post(f"{S}/discounts", response=with_errors({201: DiscountOut}), auth=any_token)
@requires(P.DISCOUNTS_MANAGE)
def create_discount(
    request: HttpRequest, store_id: str, payload: DiscountIn
) -> Status[dict[str, Any]]:
    discount = services.discount_create(acting=acting_of(request), data=sent_fields(payload))
    return Status(201, discount_out(discount))


@router.patch(
    f"{S}/discounts/{{discount_id}}", response=with_errors({200: DiscountOut}), auth=any_token
)
@requires(P.DISCOUNTS_MANAGE)
def update_discount(
    request: HttpRequest, store_id: str, discount_id: str, payload: DiscountIn
) -> dict[str, Any]:
    discount = services.discount_update(
        acting=acting_of(request), discount_id=discount_id, data=sent_fields(payload)
    )
    return discount_out(discount)


@router.delete(f"{S}/discounts/{{discount_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.DISCOUNTS_DELETE)
def delete_discount(request: HttpRequest, store_id: str, discount_id: str) -> Status[None]:
    services.discount_delete(acting=acting_of(request), discount_id=discount_id)
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
    return page_response(rows, next_cursor, gift_card_out)


@router.post(f"{S}/gift-cards", response=with_errors({201: GiftCardOut}), auth=any_token)
@requires(P.GIFT_CARDS_MANAGE)
def create_gift_card(
    request: HttpRequest, store_id: str, payload: GiftCardIn
) -> Status[dict[str, Any]]:
    card, code = services.gift_card_create(
        acting=acting_of(request),
        initial_value=payload.initial_value,
        customer_id=payload.customer_id,
        note=payload.note,
        expires_on=payload.expires_on,
    )
    return Status(201, gift_card_out(card, code))


@router.post(
    f"{S}/gift-cards/{{gift_card_id}}/disable",
    response=with_errors({200: GiftCardOut}),
    auth=any_token,
)
@requires(P.GIFT_CARDS_MANAGE)
def disable_gift_card(request: HttpRequest, store_id: str, gift_card_id: str) -> dict[str, Any]:
    card = services.gift_card_disable(acting=acting_of(request), gift_card_id=gift_card_id)
    return gift_card_out(card)
