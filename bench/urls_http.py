"""The product's URLs, plus three routes to the very same list_orders view, called with a fixed
owner access and no authorization at all:

- ``/api/v1/noauth/stores/<id>/orders``: the view alone, no authentication either;
- ``/api/v1/noauth-round-trip/stores/<id>/orders``: the view after one ``SELECT 1`` sent the way
  the token look-up is sent (``fetch_one``): the cost of a database round trip, the least any
  authorization that reads the database on every request (S3) must pay;
- ``/api/v1/authenticated/stores/<id>/orders``: the view behind the product's own bearer
  authentication of a personal token (``personal_token``: the token and its user, one statement),
  and no authorization: what any authenticated request pays before a store is even named.

Everything but authorization is kept equal, so that the difference measures it alone:

- the route sits in the product API's own URL list, right after the product's orders route, so
  Django's resolver tries the same patterns before it finds either (resolving walks the list in
  order, and the orders route is about eighty patterns in);
- the operation is served by a ``StoregateAPI`` with the product's error handlers, takes the
  product operation's own signature (the same query parameters are parsed) and declares the same
  responses.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, path

from storegate.access.authentication import personal_token
from storegate.access.guard import _typed_signature
from storegate.access.store_access import StoreAccess, StoreRole
from storegate.api import StoregateAPI
from storegate.commerce.orders.api import list_orders
from storegate.commerce.orders.schemas import OrderListOut
from storegate.core.api_errors import install_error_handlers
from storegate.core.schemas import with_errors
from storegate.core.sql import fetch_one
from storegate.stores.permissions import PermissionSet
from storegate.urls import urlpatterns as product_urlpatterns

PRODUCT_ROUTE = "v1/stores/<store_id>/orders"
NOAUTH_ROUTES = (
    "v1/noauth/stores/<store_id>/orders",
    "v1/noauth-round-trip/stores/<store_id>/orders",
    "v1/authenticated/stores/<store_id>/orders",
)

noauth = StoregateAPI(urls_namespace="bench-noauth", docs_url=None, openapi_url=None)
install_error_handlers(noauth)
_unguarded = list_orders.__wrapped__  # type: ignore[attr-defined]


def list_orders_without_authorization(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    request.store_access = StoreAccess(  # type: ignore[attr-defined]
        store_id=int(kwargs["store_id"]),
        user_id=0,
        role=StoreRole.OWNER,
        permissions=PermissionSet.all(),
    )
    return _unguarded(request, *args, **kwargs)


def list_orders_after_a_round_trip(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    assert fetch_one("SELECT 1", []) == (1,)
    return list_orders_without_authorization(request, *args, **kwargs)


def list_orders_authenticated_only(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    return list_orders_without_authorization(request, *args, **kwargs)


for _view, _path, _auth in (
    (list_orders_without_authorization, "/v1/noauth/stores/{store_id}/orders", None),
    (list_orders_after_a_round_trip, "/v1/noauth-round-trip/stores/{store_id}/orders", None),
    (list_orders_authenticated_only, "/v1/authenticated/stores/{store_id}/orders", personal_token),
):
    _view.__signature__ = _typed_signature(_unguarded)  # type: ignore[attr-defined]
    noauth.get(_path, response=with_errors({200: OrderListOut}), auth=_auth)(_view)


def _route(pattern: URLPattern | URLResolver) -> str:
    return str(pattern.pattern)


def _api_with_noauth(api_include: URLResolver) -> URLResolver:
    """The product API's include, with the no-auth routes right after the product's orders."""
    product = list(api_include.url_patterns)
    extra = [p for p in noauth.urls[0] if _route(p) in NOAUTH_ROUTES]
    at = next(i for i, p in enumerate(product) if _route(p) == PRODUCT_ROUTE) + 1
    patterns = [*product[:at], *extra, *product[at:]]
    return path("api/", (patterns, api_include.app_name, api_include.namespace))


urlpatterns = [
    _api_with_noauth(p) if isinstance(p, URLResolver) and p.namespace == "api" else p
    for p in product_urlpatterns
]
