"""What every commerce service shares: validation of input, and the audit record of a write."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import RequestMeta
from storegate.core.errors import ApplicationError, ErrorCode, not_found
from storegate.partners.models import PartnerOrganization

MAX_MONEY = Decimal("9999999999.99")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def invalid(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field=field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise invalid(_("This field is required."), field)
    if len(text) > max_length:
        raise invalid(
            _("Use at most %(n)d characters.") % {"n": max_length},
            field,
        )
    return text


def clean_money(
    value: Any, *, field: str, allow_none: bool = False, positive: bool = False
) -> Decimal | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise invalid(_("Enter an amount."), field)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise invalid(_("Enter an amount such as 19.99."), field) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise invalid(_("Use at most two decimal places."), field)
    if amount < 0 or amount > MAX_MONEY:
        raise invalid(_("The amount must be between 0 and 9,999,999,999.99."), field)
    if positive and amount == 0:
        raise invalid(_("The amount must be more than zero."), field)
    return amount.quantize(Decimal("0.01"))


def clean_country(value: Any, *, field: str) -> str:
    code = str(value or "").strip().upper()
    if not _COUNTRY.match(code):
        raise invalid(_("Use a two-letter ISO country code such as SE."), field)
    return code


def clean_countries(values: Any, *, field: str) -> list[str]:
    if not isinstance(values, list) or not values:
        raise invalid(_("List at least one country."), field)
    return sorted({clean_country(v, field=field) for v in values})


def clean_currency(value: Any, *, field: str) -> str:
    code = str(value or "").strip().upper()
    if not _CURRENCY.match(code):
        raise invalid(_("Use a three-letter ISO currency code such as EUR."), field)
    return code


def clean_tags(values: Any, *, field: str = "tags") -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or len(values) > 50:
        raise invalid(_("Give at most 50 tags."), field)
    tags = []
    for value in values:
        tag = clean_text(value, field=field, max_length=40)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def parse_id(value: Any, what: str) -> int:
    """Ids are opaque strings to clients; anything that is not ours is simply not found."""
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        raise not_found(what) from None
    if pk <= 0:
        raise not_found(what)
    return pk


def get_in_store(model: type[models.Model], *, access: StoreAccess, pk: Any, what: str) -> Any:
    """The object with this id in the caller's store, or 404 (the same for other stores' ids)."""
    obj = model._default_manager.filter(store_id=access.store_id, pk=parse_id(pk, what)).first()
    if obj is None:
        raise not_found(what)
    return obj


def organization_of(access: StoreAccess) -> PartnerOrganization | None:
    if access.organization_id is None:
        return None
    return PartnerOrganization(pk=access.organization_id)


def audit_write(
    *,
    action: AuditAction,
    access: StoreAccess,
    acting_user: Any,
    target: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    meta: RequestMeta | None = None,
) -> None:
    """R25: every write names the person and, for a collaborator, their organization."""
    from storegate.stores.models import Store

    audit_record(
        action=action,
        actor=acting_user,
        organization=organization_of(access),
        store=Store(pk=access.store_id),
        target=target,
        before=_jsonable(before),
        after=_jsonable(after),
        meta=meta,
    )


def _jsonable(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def changes(obj: models.Model, updates: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply ``updates`` to ``obj``; return (before, after) of the fields that really changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field, value in updates.items():
        old = getattr(obj, field)
        if old != value:
            before[field] = old
            after[field] = value
            setattr(obj, field, value)
    return before, after
