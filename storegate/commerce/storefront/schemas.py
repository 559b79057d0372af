"""Request and response shapes of markets, themes and theme files, and the rows turned into them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from storegate.commerce.storefront.models import Market, Theme, ThemeFile


class MarketIn(Schema):
    name: str | None = None
    countries: list[str] | None = None
    currency: str | None = None
    enabled: bool | None = None


class ThemeIn(Schema):
    name: str
    version: str = ""


class ThemeFileIn(Schema):
    key: str
    content: str


class MarketOut(Schema):
    id: str
    name: str
    handle: str
    countries: list[str]
    currency: str
    is_primary: bool
    enabled: bool


class MarketListOut(Schema):
    items: list[MarketOut]
    next_cursor: str | None


class ThemeOut(Schema):
    id: str
    name: str
    role: str
    version: str
    updated_at: datetime


class ThemeListOut(Schema):
    items: list[ThemeOut]
    next_cursor: str | None


class ThemeFileOut(Schema):
    key: str
    checksum: str
    size: int
    content: str | None = None
    updated_at: datetime


class ThemeFileListOut(Schema):
    theme: ThemeOut
    files: list[ThemeFileOut]


def market_out(market: Market) -> dict[str, Any]:
    return {
        "id": str(market.pk),
        "name": market.name,
        "handle": market.handle,
        "countries": market.countries,
        "currency": market.currency,
        "is_primary": market.is_primary,
        "enabled": market.enabled,
    }


def theme_out(theme: Theme) -> dict[str, Any]:
    return {
        "id": str(theme.pk),
        "name": theme.name,
        "role": theme.role,
        "version": theme.version,
        "updated_at": theme.updated_at,
    }


def theme_file_out(file: ThemeFile, *, with_content: bool = False) -> dict[str, Any]:
    return {
        "key": file.key,
        "checksum": file.checksum,
        "size": len(file.content.encode()),
        "content": file.content if with_content else None,
        "updated_at": file.updated_at,
    }
