"""Store side — commerce endpoints (SPEC §9): shipping and general settings.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.input import sent_fields
from storegate.commerce.settings import selectors, services
from storegate.commerce.settings.schemas import (
    GeneralSettingsIn,
    GeneralSettingsOut,
    ShippingIn,
    ShippingOut,
    general_settings_out,
    shipping_out,
)
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/settings/shipping", response=with_errors({200: ShippingOut}), auth=any_token)
@requires(P.SETTINGS_MANAGE)
def get_shipping_settings(request: HttpRequest, store_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return shipping_out(selectors.shipping_zones(store_id=access.store_id))


@router.put(f"{S}/settings/shipping", response=with_errors({200: ShippingOut}), auth=any_token)
@requires(P.SETTINGS_MANAGE)
def replace_shipping_settings(
    request: HttpRequest, store_id: str, payload: ShippingIn
) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    services.shipping_settings_replace(
        acting=acting, zones=[zone.model_dump() for zone in payload.zones]
    )
    return shipping_out(selectors.shipping_zones(store_id=access.store_id))


@router.get(
    f"{S}/settings/general", response=with_errors({200: GeneralSettingsOut}), auth=any_token
)
@requires(P.SETTINGS_MANAGE)
def get_general_settings(request: HttpRequest, store_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    row = selectors.general_settings(store_id=access.store_id)
    row.store = acting_of(request).store
    return general_settings_out(row)


@router.patch(
    f"{S}/settings/general", response=with_errors({200: GeneralSettingsOut}), auth=any_token
)
@requires(P.SETTINGS_MANAGE)
def update_general_settings(
    request: HttpRequest, store_id: str, payload: GeneralSettingsIn
) -> dict[str, Any]:
    row = services.general_settings_update(acting=acting_of(request), data=sent_fields(payload))
    return general_settings_out(row)
