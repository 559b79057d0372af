"""Store side — commerce endpoints (SPEC §9): customers.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.customers import selectors, services
from storegate.commerce.customers.schemas import (
    CustomerIn,
    CustomerListOut,
    CustomerOut,
    customer_out,
)
from storegate.commerce.input import sent_fields
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/customers", response=with_errors({200: CustomerListOut}), auth=any_token)
@requires(P.CUSTOMERS_VIEW)
def list_customers(
    request: HttpRequest, store_id: str, q: str | None = None, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.customer_list(store_id=access.store_id, q=q), cursor=cursor
    )
    return page_response(rows, next_cursor, customer_out)


@router.post(f"{S}/customers", response=with_errors({201: CustomerOut}), auth=any_token)
@requires(P.CUSTOMERS_MANAGE)
def create_customer(
    request: HttpRequest, store_id: str, payload: CustomerIn
) -> Status[dict[str, Any]]:
    customer = services.customer_create(acting=acting_of(request), data=sent_fields(payload))
    return Status(201, customer_out(customer))


@router.get(
    f"{S}/customers/{{customer_id}}", response=with_errors({200: CustomerOut}), auth=any_token
)
@requires(P.CUSTOMERS_VIEW)
def get_customer(request: HttpRequest, store_id: str, customer_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return customer_out(selectors.customer_get(store_id=access.store_id, customer_id=customer_id))


@router.patch(
    f"{S}/customers/{{customer_id}}", response=with_errors({200: CustomerOut}), auth=any_token
)
@requires(P.CUSTOMERS_MANAGE)
def update_customer(
    request: HttpRequest, store_id: str, customer_id: str, payload: CustomerIn
) -> dict[str, Any]:
    customer = services.customer_update(
        acting=acting_of(request), customer_id=customer_id, data=sent_fields(payload)
    )
    return customer_out(customer)


@router.delete(f"{S}/customers/{{customer_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.CUSTOMERS_DELETE)
def delete_customer(request: HttpRequest, store_id: str, customer_id: str) -> Status[None]:
    services.customer_delete(acting=acting_of(request), customer_id=customer_id)
    return Status(204, None)
