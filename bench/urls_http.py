"""The product's URLs, plus ``/bench/noauth/stores/<id>/orders``: the very same list_orders view,
called with a fixed owner access and no authentication or authorization at all."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from storegate.commerce.api.orders import list_orders
from storegate.commerce.schemas import OrderListOut
from storegate.stores.access import StoreAccess, StoreRole
from storegate.stores.permissions import PermissionSet
from storegate.urls import urlpatterns as product_urlpatterns

noauth = NinjaAPI(urls_namespace="bench-noauth", docs_url=None, openapi_url=None)
_unguarded = list_orders.__wrapped__  # type: ignore[attr-defined]


@noauth.get("/stores/{store_id}/orders", response=OrderListOut)
def list_orders_without_authorization(
    request: HttpRequest, store_id: str, cursor: str | None = None, limit: int | None = None
) -> Any:
    request.store_access = StoreAccess(  # type: ignore[attr-defined]
        store_id=int(store_id), user_id=0, role=StoreRole.OWNER, permissions=PermissionSet.all()
    )
    return _unguarded(request, store_id=store_id, cursor=cursor, limit=limit)


urlpatterns = [path("bench/noauth/", noauth.urls), *product_urlpatterns]
