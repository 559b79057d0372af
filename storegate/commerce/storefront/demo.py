"""Demo data of the online store: three markets and two themes, one live with its files."""

from __future__ import annotations

import hashlib
from typing import Any

from storegate.commerce.storefront.models import Market, Theme, ThemeFile, ThemeRole


def load_storefront(store: Any) -> None:
    Market.objects.bulk_create(
        [
            Market(
                store=store,
                name="Sweden",
                handle="sweden",
                countries=["SE"],
                currency="SEK",
                is_primary=True,
            ),
            Market(
                store=store,
                name="Nordics",
                handle="nordics",
                countries=["DK", "FI", "NO"],
                currency="EUR",
            ),
            Market(
                store=store,
                name="Europe",
                handle="europe",
                countries=["BE", "DE", "FR", "NL"],
                currency="EUR",
            ),
        ]
    )
    live = Theme.objects.create(store=store, name="Fjord", role=ThemeRole.MAIN, version="3.2.0")
    Theme.objects.create(store=store, name="Fjord — winter campaign", version="3.3.0-beta")
    for key, content in (
        ("layout/theme.liquid", "<!doctype html><html>{{ content_for_layout }}</html>"),
        ("templates/index.json", '{"sections": {"hero": {"type": "hero"}}}'),
        ("config/settings_data.json", '{"current": {"colors_accent": "#2f6b4f"}}'),
    ):
        ThemeFile.objects.create(
            theme=live,
            key=key,
            content=content,
            checksum=hashlib.sha256(content.encode()).hexdigest(),
        )
