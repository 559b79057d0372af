"""Reads of markets, themes and theme files; each takes the store."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from storegate.commerce.lookup import in_store
from storegate.commerce.storefront.models import Market, Theme, ThemeFile


def market_list(*, store_id: int) -> QuerySet[Market]:
    return Market.objects.filter(store_id=store_id)


def theme_list(*, store_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(store_id=store_id)


def theme_files(*, store_id: int, theme_id: Any) -> tuple[Theme, QuerySet[ThemeFile]]:
    theme = in_store(Theme.objects.all(), store_id, theme_id, "theme")
    return theme, ThemeFile.objects.filter(theme=theme)
