"""Store side — commerce endpoints (SPEC §9): themes, shipping and general settings, and the sales report.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Status
from ninja import Schema as _Schema

from storegate.access.authentication import any_token
from storegate.access.guard import requires, store_access_of
from storegate.commerce import selectors, serialize, services
from storegate.commerce.api._common import Ctx, S, router, sent_fields
from storegate.commerce.schemas import (
    GeneralSettingsIn,
    GeneralSettingsOut,
    SalesReportOut,
    ShippingIn,
    ShippingOut,
    ThemeFileIn,
    ThemeFileListOut,
    ThemeFileOut,
    ThemeIn,
    ThemeListOut,
    ThemeOut,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P

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
    row = services.general_settings_update(**Ctx(request).kw(), data=sent_fields(payload))
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
