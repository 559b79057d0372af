"""Writes of the store's settings: shipping zones and rates, and General."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.input import (
    clean_countries,
    clean_country,
    clean_email,
    clean_money,
    clean_text,
    invalid,
)
from storegate.commerce.lookup import store_access
from storegate.commerce.settings.models import ShippingRate, ShippingZone, StoreSettings, WeightUnit
from storegate.core.acting import Acting


@transaction.atomic
def shipping_settings_replace(
    *,
    acting: Acting,
    zones: list[dict[str, Any]],
) -> list[ShippingZone]:
    """Replace the shipping zones and their rates (Settings → Shipping and delivery)."""
    access = store_access(acting)
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
        acting=acting,
        target=None,
        before={"zones": before},
        after={"zones": [c[0] for c in cleaned]},
    )
    return created


@transaction.atomic
def general_settings_update(*, acting: Acting, data: dict[str, Any]) -> StoreSettings:
    access = store_access(acting)
    settings_row, _created = StoreSettings.objects.select_for_update().get_or_create(
        store_id=access.store_id
    )
    updates: dict[str, Any] = {}
    for name, limit in (("legal_name", 255), ("phone", 32), ("address1", 255), ("city", 120)):
        if name in data and data[name] is not None:
            updates[name] = clean_text(data[name], field=name, max_length=limit)
    if data.get("contact_email") is not None:
        updates["contact_email"] = clean_email(
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
            acting=acting,
            target=settings_row,
            before=before,
            after=after,
        )
    return settings_row
