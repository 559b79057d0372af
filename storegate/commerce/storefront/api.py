"""Store side — commerce endpoints (SPEC §9): markets, themes and theme files.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.input import sent_fields
from storegate.commerce.storefront import selectors, services
from storegate.commerce.storefront.schemas import (
    MarketIn,
    MarketListOut,
    MarketOut,
    ThemeFileIn,
    ThemeFileListOut,
    ThemeFileOut,
    ThemeIn,
    ThemeListOut,
    ThemeOut,
    market_out,
    theme_file_out,
    theme_out,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/markets", response=with_errors({200: MarketListOut}), auth=any_token)
@requires(P.MARKETS_VIEW)
def list_markets(request: HttpRequest, store_id: str, cursor: str | None = None) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.market_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, market_out)


@router.post(f"{S}/markets", response=with_errors({201: MarketOut}), auth=any_token)
@requires(P.MARKETS_MANAGE)
def create_market(request: HttpRequest, store_id: str, payload: MarketIn) -> Status[dict[str, Any]]:
    market = services.market_create(acting=acting_of(request), data=sent_fields(payload))
    return Status(201, market_out(market))


@router.patch(f"{S}/markets/{{market_id}}", response=with_errors({200: MarketOut}), auth=any_token)
@requires(P.MARKETS_MANAGE)
def update_market(
    request: HttpRequest, store_id: str, market_id: str, payload: MarketIn
) -> dict[str, Any]:
    market = services.market_update(
        acting=acting_of(request), market_id=market_id, data=sent_fields(payload)
    )
    return market_out(market)


@router.delete(f"{S}/markets/{{market_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.MARKETS_DELETE)
def delete_market(request: HttpRequest, store_id: str, market_id: str) -> Status[None]:
    services.market_delete(acting=acting_of(request), market_id=market_id)
    return Status(204, None)


@router.get(f"{S}/themes", response=with_errors({200: ThemeListOut}), auth=any_token)
@requires(P.THEMES_VIEW)
def list_themes(request: HttpRequest, store_id: str, cursor: str | None = None) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.theme_list(store_id=access.store_id), cursor=cursor, descending=False
    )
    return page_response(rows, next_cursor, theme_out)


@router.post(f"{S}/themes", response=with_errors({201: ThemeOut}), auth=any_token)
@requires(P.THEMES_MANAGE)
def create_theme(request: HttpRequest, store_id: str, payload: ThemeIn) -> Status[dict[str, Any]]:
    theme = services.theme_create(
        acting=acting_of(request), name=payload.name, version=payload.version
    )
    return Status(201, theme_out(theme))


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
        "theme": theme_out(theme),
        "files": [theme_file_out(f, with_content=key is not None) for f in files],
    }


@router.put(
    f"{S}/themes/{{theme_id}}/files", response=with_errors({200: ThemeFileOut}), auth=any_token
)
@requires(P.THEMES_MANAGE)
def put_theme_file(
    request: HttpRequest, store_id: str, theme_id: str, payload: ThemeFileIn
) -> dict[str, Any]:
    file = services.theme_file_put(
        acting=acting_of(request), theme_id=theme_id, key=payload.key, content=payload.content
    )
    return theme_file_out(file)


@router.post(
    f"{S}/themes/{{theme_id}}/publish", response=with_errors({200: ThemeOut}), auth=any_token
)
@requires(P.THEMES_MANAGE)
def publish_theme(request: HttpRequest, store_id: str, theme_id: str) -> dict[str, Any]:
    theme = services.theme_publish(acting=acting_of(request), theme_id=theme_id)
    return theme_out(theme)
