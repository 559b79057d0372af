"""Writes of customers, discounts, gift cards, markets, themes and store settings."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.accounts.models import User
from storegate.audit.actions import AuditAction
from storegate.commerce.customers.models import Customer
from storegate.commerce.marketing.models import Discount, DiscountKind, GiftCard
from storegate.commerce.services._common import (
    audit_write,
    changes,
    clean_countries,
    clean_country,
    clean_currency,
    clean_money,
    clean_tags,
    clean_text,
    get_in_store,
    invalid,
)
from storegate.commerce.settings.models import ShippingRate, ShippingZone, StoreSettings, WeightUnit
from storegate.commerce.storefront.models import Market, Theme, ThemeFile, ThemeRole
from storegate.core.acting import RequestMeta
from storegate.core.crypto import hash_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import Store


def _email(value: Any, *, field: str = "email", required: bool = True) -> str:
    email = clean_text(value, field=field, max_length=254, required=required).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise invalid(_("Enter a valid e-mail address."), field) from None
    return email


def _conflict(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.CONFLICT, message, field=field)


# --- customers -----------------------------------------------------------------------------


def _customer_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "email" in data:
        out["email"] = _email(data.get("email"))
    for name, limit in (("first_name", 120), ("last_name", 120), ("phone", 32), ("note", 5000)):
        if not partial or name in data:
            out[name] = clean_text(data.get(name), field=name, max_length=limit)
    if "accepts_marketing" in data and data["accepts_marketing"] is not None:
        out["accepts_marketing"] = bool(data["accepts_marketing"])
    if not partial or "tags" in data:
        out["tags"] = clean_tags(data.get("tags"))
    if data.get("country_code"):
        out["country_code"] = clean_country(data["country_code"], field="country_code")
    return out


@transaction.atomic
def customer_create(
    *, access: StoreAccess, acting_user: User, data: dict[str, Any], meta: RequestMeta | None = None
) -> Customer:
    fields = _customer_fields(data, partial=False)
    try:
        with transaction.atomic():
            customer = Customer.objects.create(store_id=access.store_id, **fields)
    except IntegrityError:
        raise _conflict(_("A customer with this e-mail exists already."), "email") from None
    audit_write(
        action=AuditAction.CUSTOMER_CREATED,
        access=access,
        acting_user=acting_user,
        target=customer,
        after={"email": customer.email},
        meta=meta,
    )
    return customer


@transaction.atomic
def customer_update(
    *,
    access: StoreAccess,
    acting_user: User,
    customer_id: Any,
    data: dict[str, Any],
    meta: RequestMeta | None = None,
) -> Customer:
    customer = get_in_store(Customer, access=access, pk=customer_id, what="customer")
    before, after = changes(customer, _customer_fields(data, partial=True))
    if after:
        try:
            with transaction.atomic():
                customer.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise _conflict(_("A customer with this e-mail exists already."), "email") from None
        audit_write(
            action=AuditAction.CUSTOMER_UPDATED,
            access=access,
            acting_user=acting_user,
            target=customer,
            before=before,
            after=after,
            meta=meta,
        )
    return customer


@transaction.atomic
def customer_delete(
    *, access: StoreAccess, acting_user: User, customer_id: Any, meta: RequestMeta | None = None
) -> None:
    customer = get_in_store(Customer, access=access, pk=customer_id, what="customer")
    audit_write(
        action=AuditAction.CUSTOMER_DELETED,
        access=access,
        acting_user=acting_user,
        target=customer,
        before={"email": customer.email},
        meta=meta,
    )
    customer.delete()


# --- discounts -----------------------------------------------------------------------------


def _when(value: Any, field: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    raise invalid(_("Enter a date and time."), field)


def _discount_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "code" in data:
        code = clean_text(data.get("code"), field="code", max_length=64, required=True).upper()
        if not all(c.isalnum() or c in "-_" for c in code):
            raise invalid(_("Use letters, digits, hyphens and underscores."), "code")
        out["code"] = code
    if not partial or "kind" in data:
        kind = data.get("kind")
        if kind not in DiscountKind.values:
            raise invalid(_("Use one of: percentage, fixed_amount, free_shipping."), "kind")
        out["kind"] = kind
    if not partial or "value" in data:
        out["value"] = clean_money(data.get("value") or 0, field="value")
    if "minimum_subtotal" in data:
        out["minimum_subtotal"] = clean_money(
            data.get("minimum_subtotal"), field="minimum_subtotal", allow_none=True
        )
    if data.get("starts_at") is not None:
        out["starts_at"] = _when(data["starts_at"], "starts_at")
    if "ends_at" in data:
        out["ends_at"] = _when(data.get("ends_at"), "ends_at")
    if "usage_limit" in data:
        limit = data.get("usage_limit")
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise invalid(_("The usage limit must be at least 1."), "usage_limit")
        out["usage_limit"] = limit
    if "is_active" in data and data["is_active"] is not None:
        out["is_active"] = bool(data["is_active"])
    return out


def _check_discount(discount: Discount) -> None:
    if discount.kind == DiscountKind.PERCENTAGE and not 0 < discount.value <= 100:
        raise invalid(_("A percentage is more than 0 and at most 100."), "value")
    if discount.kind == DiscountKind.FIXED_AMOUNT and discount.value <= 0:
        raise invalid(_("Enter an amount more than zero."), "value")
    if discount.ends_at is not None and discount.ends_at <= discount.starts_at:
        raise invalid(_("The end must be after the start."), "ends_at")


@transaction.atomic
def discount_create(
    *, access: StoreAccess, acting_user: User, data: dict[str, Any], meta: RequestMeta | None = None
) -> Discount:
    discount = Discount(store_id=access.store_id, **_discount_fields(data, partial=False))
    _check_discount(discount)
    try:
        with transaction.atomic():
            discount.save()
    except IntegrityError:
        raise _conflict(_("Another discount uses this code."), "code") from None
    audit_write(
        action=AuditAction.DISCOUNT_CREATED,
        access=access,
        acting_user=acting_user,
        target=discount,
        after={"code": discount.code, "kind": discount.kind, "value": discount.value},
        meta=meta,
    )
    return discount


@transaction.atomic
def discount_update(
    *,
    access: StoreAccess,
    acting_user: User,
    discount_id: Any,
    data: dict[str, Any],
    meta: RequestMeta | None = None,
) -> Discount:
    discount = get_in_store(Discount, access=access, pk=discount_id, what="discount")
    before, after = changes(discount, _discount_fields(data, partial=True))
    _check_discount(discount)
    if after:
        try:
            with transaction.atomic():
                discount.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise _conflict(_("Another discount uses this code."), "code") from None
        audit_write(
            action=AuditAction.DISCOUNT_UPDATED,
            access=access,
            acting_user=acting_user,
            target=discount,
            before=before,
            after=after,
            meta=meta,
        )
    return discount


@transaction.atomic
def discount_delete(
    *, access: StoreAccess, acting_user: User, discount_id: Any, meta: RequestMeta | None = None
) -> None:
    discount = get_in_store(Discount, access=access, pk=discount_id, what="discount")
    audit_write(
        action=AuditAction.DISCOUNT_DELETED,
        access=access,
        acting_user=acting_user,
        target=discount,
        before={"code": discount.code},
        meta=meta,
    )
    discount.delete()


# --- gift cards ----------------------------------------------------------------------------

_GIFT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _gift_code() -> str:
    raw = "".join(secrets.choice(_GIFT_ALPHABET) for _ in range(16))
    return " ".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def gift_card_create(
    *,
    access: StoreAccess,
    acting_user: User,
    initial_value: Any,
    customer_id: Any = None,
    note: str = "",
    expires_on: date | None = None,
    meta: RequestMeta | None = None,
) -> tuple[GiftCard, str]:
    """A new gift card and its code, which is shown this once and stored only as a hash."""
    value = clean_money(initial_value, field="initial_value", positive=True)
    assert value is not None
    note = clean_text(note, field="note", max_length=255)
    if expires_on is not None and expires_on <= timezone.now().date():
        raise invalid(_("The expiry date must be in the future."), "expires_on")
    customer = None
    if customer_id is not None:
        customer = get_in_store(Customer, access=access, pk=customer_id, what="customer")
    store = Store.objects.get(pk=access.store_id)
    code = _gift_code()
    card = GiftCard.objects.create(
        store_id=access.store_id,
        code_hash=hash_token(code.replace(" ", "")),
        last_characters=code[-4:],
        initial_value=value,
        balance=value,
        currency=store.currency,
        customer=customer,
        note=note,
        expires_on=expires_on,
    )
    audit_write(
        action=AuditAction.GIFT_CARD_CREATED,
        access=access,
        acting_user=acting_user,
        target=card,
        after={"last_characters": card.last_characters, "initial_value": value},
        meta=meta,
    )
    return card, code


@transaction.atomic
def gift_card_disable(
    *, access: StoreAccess, acting_user: User, gift_card_id: Any, meta: RequestMeta | None = None
) -> GiftCard:
    card = get_in_store(GiftCard, access=access, pk=gift_card_id, what="gift card")
    if card.disabled_at is not None:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("This gift card is already disabled."))
    card.disabled_at = timezone.now()
    card.save(update_fields=["disabled_at", "updated_at"])
    audit_write(
        action=AuditAction.GIFT_CARD_DISABLED,
        access=access,
        acting_user=acting_user,
        target=card,
        after={"balance": card.balance},
        meta=meta,
    )
    return card


# --- markets -------------------------------------------------------------------------------


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
def market_create(
    *, access: StoreAccess, acting_user: User, data: dict[str, Any], meta: RequestMeta | None = None
) -> Market:
    fields = _market_fields(data, partial=False)
    try:
        with transaction.atomic():
            market = Market.objects.create(store_id=access.store_id, **fields)
    except IntegrityError:
        raise _conflict(_("Another market has this name."), "name") from None
    audit_write(
        action=AuditAction.MARKET_CREATED,
        access=access,
        acting_user=acting_user,
        target=market,
        after=fields,
        meta=meta,
    )
    return market


@transaction.atomic
def market_update(
    *,
    access: StoreAccess,
    acting_user: User,
    market_id: Any,
    data: dict[str, Any],
    meta: RequestMeta | None = None,
) -> Market:
    market = get_in_store(Market, access=access, pk=market_id, what="market")
    before, after = changes(market, _market_fields(data, partial=True))
    if after:
        market.save(update_fields=[*after, "updated_at"])
        audit_write(
            action=AuditAction.MARKET_UPDATED,
            access=access,
            acting_user=acting_user,
            target=market,
            before=before,
            after=after,
            meta=meta,
        )
    return market


@transaction.atomic
def market_delete(
    *, access: StoreAccess, acting_user: User, market_id: Any, meta: RequestMeta | None = None
) -> None:
    market = get_in_store(Market, access=access, pk=market_id, what="market")
    if market.is_primary:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("The primary market cannot be deleted."))
    audit_write(
        action=AuditAction.MARKET_DELETED,
        access=access,
        acting_user=acting_user,
        target=market,
        before={"name": market.name},
        meta=meta,
    )
    market.delete()


# --- themes --------------------------------------------------------------------------------

MAX_THEME_FILE = 512 * 1024
_THEME_DIRS = ("layout/", "templates/", "sections/", "snippets/", "assets/", "config/", "locales/")


@transaction.atomic
def theme_create(
    *,
    access: StoreAccess,
    acting_user: User,
    name: str,
    version: str = "",
    meta: RequestMeta | None = None,
) -> Theme:
    name = clean_text(name, field="name", max_length=120, required=True)
    version = clean_text(version, field="version", max_length=32)
    if Theme.objects.filter(store_id=access.store_id).count() >= 20:
        raise invalid(_("A store keeps at most 20 themes."), "name")
    theme = Theme.objects.create(store_id=access.store_id, name=name, version=version)
    audit_write(
        action=AuditAction.THEME_CREATED,
        access=access,
        acting_user=acting_user,
        target=theme,
        after={"name": name, "version": version},
        meta=meta,
    )
    return theme


@transaction.atomic
def theme_file_put(
    *,
    access: StoreAccess,
    acting_user: User,
    theme_id: Any,
    key: str,
    content: str,
    meta: RequestMeta | None = None,
) -> ThemeFile:
    theme = get_in_store(Theme, access=access, pk=theme_id, what="theme")
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
        access=access,
        acting_user=acting_user,
        target=theme,
        after={"key": key, "checksum": checksum},
        meta=meta,
    )
    return file


@transaction.atomic
def theme_publish(
    *, access: StoreAccess, acting_user: User, theme_id: Any, meta: RequestMeta | None = None
) -> Theme:
    theme = get_in_store(Theme, access=access, pk=theme_id, what="theme")
    previous = Theme.objects.filter(store_id=access.store_id, role=ThemeRole.MAIN).first()
    Theme.objects.filter(store_id=access.store_id, role=ThemeRole.MAIN).update(
        role=ThemeRole.UNPUBLISHED
    )
    theme.role = ThemeRole.MAIN
    theme.save(update_fields=["role", "updated_at"])
    audit_write(
        action=AuditAction.THEME_PUBLISHED,
        access=access,
        acting_user=acting_user,
        target=theme,
        before={"live_theme_id": previous.pk if previous else None},
        after={"live_theme_id": theme.pk},
        meta=meta,
    )
    return theme


# --- settings ------------------------------------------------------------------------------


@transaction.atomic
def shipping_settings_replace(
    *,
    access: StoreAccess,
    acting_user: User,
    zones: list[dict[str, Any]],
    meta: RequestMeta | None = None,
) -> list[ShippingZone]:
    """Replace the shipping zones and their rates (Settings → Shipping and delivery)."""
    if len(zones) > 50:
        raise invalid(_("At most 50 shipping zones."), "zones")
    cleaned = []
    for i, zone in enumerate(zones):
        name = clean_text(zone.get("name"), field=f"zones.{i}.name", max_length=120, required=True)
        countries = clean_countries(zone.get("countries"), field=f"zones.{i}.countries")
        rates = zone.get("rates") or []
        if not rates or len(rates) > 20:
            raise invalid(_("Give each zone between 1 and 20 rates."), f"zones.{i}.rates")
        cleaned_rates = []
        for j, rate in enumerate(rates):
            cleaned_rates.append(
                {
                    "name": clean_text(
                        rate.get("name"),
                        field=f"zones.{i}.rates.{j}.name",
                        max_length=120,
                        required=True,
                    ),
                    "price": clean_money(rate.get("price"), field=f"zones.{i}.rates.{j}.price"),
                    "minimum_subtotal": clean_money(
                        rate.get("minimum_subtotal"),
                        field=f"zones.{i}.rates.{j}.minimum_subtotal",
                        allow_none=True,
                    ),
                }
            )
        cleaned.append((name, countries, cleaned_rates))
    before = [z.name for z in ShippingZone.objects.filter(store_id=access.store_id)]
    ShippingZone.objects.filter(store_id=access.store_id).delete()
    created = []
    for name, countries, rates in cleaned:
        zone_obj = ShippingZone.objects.create(
            store_id=access.store_id, name=name, countries=countries
        )
        ShippingRate.objects.bulk_create(ShippingRate(zone=zone_obj, **rate) for rate in rates)
        created.append(zone_obj)
    audit_write(
        action=AuditAction.SETTINGS_SHIPPING_UPDATED,
        access=access,
        acting_user=acting_user,
        target=None,
        before={"zones": before},
        after={"zones": [c[0] for c in cleaned]},
        meta=meta,
    )
    return created


@transaction.atomic
def general_settings_update(
    *, access: StoreAccess, acting_user: User, data: dict[str, Any], meta: RequestMeta | None = None
) -> StoreSettings:
    settings_row, _created = StoreSettings.objects.select_for_update().get_or_create(
        store_id=access.store_id
    )
    updates: dict[str, Any] = {}
    for name, limit in (("legal_name", 255), ("phone", 32), ("address1", 255), ("city", 120)):
        if name in data and data[name] is not None:
            updates[name] = clean_text(data[name], field=name, max_length=limit)
    if data.get("contact_email") is not None:
        updates["contact_email"] = _email(
            data["contact_email"], field="contact_email", required=False
        )
    if data.get("country_code") is not None:
        updates["country_code"] = clean_country(data["country_code"], field="country_code")
    if data.get("timezone") is not None:
        import zoneinfo

        tz = str(data["timezone"])
        if tz not in zoneinfo.available_timezones():
            raise invalid(_("Use a time zone such as Europe/Stockholm."), "timezone")
        updates["timezone"] = tz
    if data.get("weight_unit") is not None:
        if data["weight_unit"] not in WeightUnit.values:
            raise invalid(_("Use one of: kg, g, lb, oz."), "weight_unit")
        updates["weight_unit"] = data["weight_unit"]
    if data.get("order_number_prefix") is not None:
        updates["order_number_prefix"] = clean_text(
            data["order_number_prefix"], field="order_number_prefix", max_length=8
        )
    before, after = changes(settings_row, updates)
    if after:
        settings_row.save(update_fields=[*after, "updated_at"])
        audit_write(
            action=AuditAction.SETTINGS_GENERAL_UPDATED,
            access=access,
            acting_user=acting_user,
            target=settings_row,
            before=before,
            after=after,
            meta=meta,
        )
    return settings_row
