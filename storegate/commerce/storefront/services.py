"""Writes of the online store: markets, themes and theme files."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.input import (
    clean_countries,
    clean_currency,
    clean_text,
    conflict,
    invalid,
)
from storegate.commerce.lookup import get_in_store, store_access
from storegate.commerce.storefront.models import Market, Theme, ThemeFile, ThemeRole
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode


def _market_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "name" in data:
        out["name"] = clean_text(data.get("name"), field="name", max_length=120, required=True)
        if not partial:
            out["handle"] = slugify(out["name"])[:120] or "market"
    if not partial or "countries" in data:
        out["countries"] = clean_countries(data.get("countries"), field="countries")
    if not partial or "currency" in data:
        out["currency"] = clean_currency(data.get("currency"), field="currency")
    if "enabled" in data and data["enabled"] is not None:
        out["enabled"] = bool(data["enabled"])
    return out


@transaction.atomic
def market_create(*, acting: Acting, data: dict[str, Any]) -> Market:
    access = store_access(acting)
    fields = _market_fields(data, partial=False)
    try:
        with transaction.atomic():
            market = Market.objects.create(store_id=access.store_id, **fields)
    except IntegrityError:
        raise conflict(_("Another market has this name."), "name") from None
    audit_write(
        action=AuditAction.MARKET_CREATED,
        acting=acting,
        target=market,
        after=fields,
    )
    return market


@transaction.atomic
def market_update(
    *,
    acting: Acting,
    market_id: Any,
    data: dict[str, Any],
) -> Market:
    market = get_in_store(Market, acting=acting, pk=market_id, what="market")
    before, after = changes(market, _market_fields(data, partial=True))
    if after:
        market.save(update_fields=[*after, "updated_at"])
        audit_write(
            action=AuditAction.MARKET_UPDATED,
            acting=acting,
            target=market,
            before=before,
            after=after,
        )
    return market


@transaction.atomic
def market_delete(*, acting: Acting, market_id: Any) -> None:
    market = get_in_store(Market, acting=acting, pk=market_id, what="market")
    if market.is_primary:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("The primary market cannot be deleted."))
    audit_write(
        action=AuditAction.MARKET_DELETED,
        acting=acting,
        target=market,
        before={"name": market.name},
    )
    market.delete()


MAX_THEME_FILE = 512 * 1024


_THEME_DIRS = ("layout/", "templates/", "sections/", "snippets/", "assets/", "config/", "locales/")


@transaction.atomic
def theme_create(
    *,
    acting: Acting,
    name: str,
    version: str = "",
) -> Theme:
    access = store_access(acting)
    name = clean_text(name, field="name", max_length=120, required=True)
    version = clean_text(version, field="version", max_length=32)
    if Theme.objects.filter(store_id=access.store_id).count() >= 20:
        raise invalid(_("A store keeps at most 20 themes."), "name")
    theme = Theme.objects.create(store_id=access.store_id, name=name, version=version)
    audit_write(
        action=AuditAction.THEME_CREATED,
        acting=acting,
        target=theme,
        after={"name": name, "version": version},
    )
    return theme


@transaction.atomic
def theme_file_put(
    *,
    acting: Acting,
    theme_id: Any,
    key: str,
    content: str,
) -> ThemeFile:
    theme = get_in_store(Theme, acting=acting, pk=theme_id, what="theme")
    key = clean_text(key, field="key", max_length=255, required=True)
    if not key.startswith(_THEME_DIRS) or ".." in key or key.endswith("/"):
        raise invalid(
            _(
                "A theme file lives in layout/, templates/, sections/, snippets/, assets/, config/ or locales/."
            ),
            "key",
        )
    if len(content.encode()) > MAX_THEME_FILE:
        raise invalid(_("A theme file is at most 512 KiB."), "content")
    checksum = hashlib.sha256(content.encode()).hexdigest()
    file, created = ThemeFile.objects.update_or_create(
        theme=theme, key=key, defaults={"content": content, "checksum": checksum}
    )
    audit_write(
        action=AuditAction.THEME_FILE_CREATED if created else AuditAction.THEME_FILE_UPDATED,
        acting=acting,
        target=theme,
        after={"key": key, "checksum": checksum},
    )
    return file


@transaction.atomic
def theme_publish(*, acting: Acting, theme_id: Any) -> Theme:
    access = store_access(acting)
    theme = get_in_store(Theme, acting=acting, pk=theme_id, what="theme")
    previous = Theme.objects.filter(store_id=access.store_id, role=ThemeRole.MAIN).first()
    Theme.objects.filter(store_id=access.store_id, role=ThemeRole.MAIN).update(
        role=ThemeRole.UNPUBLISHED
    )
    theme.role = ThemeRole.MAIN
    theme.save(update_fields=["role", "updated_at"])
    audit_write(
        action=AuditAction.THEME_PUBLISHED,
        acting=acting,
        target=theme,
        before={"live_theme_id": previous.pk if previous else None},
        after={"live_theme_id": theme.pk},
    )
    return theme
