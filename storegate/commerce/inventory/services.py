"""Writes of locations and of the stock at each location."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.input import (
    clean_country,
    clean_text,
    invalid,
)
from storegate.commerce.inventory.models import (
    AdjustmentReason,
    InventoryAdjustment,
    InventoryLevel,
    Location,
)
from storegate.commerce.lookup import get_in_store, store_access
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode


def _location_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "name" in data:
        out["name"] = clean_text(data.get("name"), field="name", max_length=120, required=True)
    for name, limit in (("address1", 255), ("city", 120), ("postal_code", 20)):
        if not partial or name in data:
            out[name] = clean_text(data.get(name), field=name, max_length=limit)
    if not partial or "country_code" in data:
        out["country_code"] = clean_country(data.get("country_code"), field="country_code")
    for name in ("fulfills_online_orders", "is_active"):
        if name in data and data[name] is not None:
            out[name] = bool(data[name])
    return out


def _location_taken() -> ApplicationError:
    return ApplicationError(ErrorCode.CONFLICT, _("Another location has this name."), field="name")


@transaction.atomic
def location_create(*, acting: Acting, data: dict[str, Any]) -> Location:
    access = store_access(acting)
    fields = _location_fields(data, partial=False)
    try:
        with transaction.atomic():
            location = Location.objects.create(store_id=access.store_id, **fields)
    except IntegrityError:
        raise _location_taken() from None
    audit_write(
        action=AuditAction.LOCATION_CREATED,
        acting=acting,
        target=location,
        after=fields,
    )
    return location


@transaction.atomic
def location_update(
    *,
    acting: Acting,
    location_id: Any,
    data: dict[str, Any],
) -> Location:
    location = get_in_store(Location, acting=acting, pk=location_id, what="location")
    before, after = changes(location, _location_fields(data, partial=True))
    if after:
        try:
            with transaction.atomic():
                location.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise _location_taken() from None
        audit_write(
            action=AuditAction.LOCATION_UPDATED,
            acting=acting,
            target=location,
            before=before,
            after=after,
        )
    return location


@transaction.atomic
def inventory_adjust(
    *,
    acting: Acting,
    variant_id: Any,
    location_id: Any,
    delta: int,
    reason: str,
    note: str = "",
) -> InventoryAdjustment:
    """Change the stock of one variant at one location; recorded with its reason and author."""
    access = store_access(acting)
    if reason not in AdjustmentReason.values:
        raise invalid(
            _("Use one of the reasons: %(r)s.") % {"r": ", ".join(AdjustmentReason.values)},
            "reason",
        )
    if not isinstance(delta, int) or delta == 0 or abs(delta) > 1_000_000:
        raise invalid(_("Enter a non-zero change of at most 1,000,000 units."), "delta")
    note = clean_text(note, field="note", max_length=255)
    variant = get_in_store(ProductVariant, acting=acting, pk=variant_id, what="variant")
    location = get_in_store(Location, acting=acting, pk=location_id, what="location")
    level, _created = InventoryLevel.objects.select_for_update().get_or_create(
        variant=variant, location=location, defaults={"store_id": access.store_id}
    )
    if level.available + delta < 0:
        raise invalid(_("Only %(n)d available at this location.") % {"n": level.available}, "delta")
    before = level.available
    level.available += delta
    level.save(update_fields=["available", "updated_at"])
    adjustment = InventoryAdjustment.objects.create(
        store_id=access.store_id,
        level=level,
        delta=delta,
        available_after=level.available,
        reason=reason,
        note=note,
        actor=acting.user,
        organization_id=acting.organization_id,
    )
    audit_write(
        action=AuditAction.INVENTORY_ADJUSTED,
        acting=acting,
        target=level,
        before={"available": before},
        after={
            "available": level.available,
            "delta": delta,
            "reason": reason,
            "variant_id": variant.pk,
            "location_id": location.pk,
        },
    )
    return adjustment
