"""Store creation and the caller's own stores."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import personal_token, principal_of
from storegate.access.guard import acting_of, declare_scope
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.models import Plan, Store
from storegate.stores.schemas import StoreCreateIn, StoreListOut, StoreOut
from storegate.stores.selectors import stores_of_user
from storegate.stores.services import store_create

router = Router(tags=["Stores"])


def store_ref(store: Store) -> dict[str, str]:
    return {"id": str(store.pk), "handle": store.handle, "url": store.url, "name": store.name}


def store_out(store: Store) -> dict[str, object]:
    return {
        **store_ref(store),
        "plan": store.plan,
        "staff_limit": store.staff_limit,
        "owner_id": str(store.owner_id),
        "created_at": store.created_at,
    }


@router.post(
    "/stores", response=with_errors({201: StoreOut}), auth=personal_token, summary="Create a store"
)
@declare_scope("account")
def create_store(request: HttpRequest, payload: StoreCreateIn) -> Status[dict[str, object]]:
    store = store_create(
        name=payload.name,
        handle=payload.handle,
        plan=payload.plan or Plan.BASIC,
        acting=acting_of(request),
    )
    return Status(201, store_out(store))


@router.get(
    "/stores",
    response=with_errors({200: StoreListOut}),
    auth=personal_token,
    summary="Stores I own or am staff of",
)
@declare_scope("account")
def list_my_stores(request: HttpRequest, cursor: str | None = None) -> dict[str, object]:
    rows, next_cursor = keyset_page(stores_of_user(user=principal_of(request).user), cursor=cursor)
    return page_response(rows, next_cursor, store_out)
