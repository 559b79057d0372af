"""Validation of what callers send to a commerce service, and the errors it raises.

Every write of every group cleans its input here, so an amount, a country code or a tag list is
refused with the same message, naming the same field, from the API and from the pages alike.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from storegate.core.errors import ApplicationError, ErrorCode

if TYPE_CHECKING:
    from ninja import Schema


MAX_MONEY = Decimal("9999999999.99")


_COUNTRY = re.compile(r"^[A-Z]{2}$")


_CURRENCY = re.compile(r"^[A-Z]{3}$")


def invalid(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field=field)


def conflict(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.CONFLICT, message, field=field)


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


def clean_email(value: Any, *, field: str = "email", required: bool = True) -> str:
    email = clean_text(value, field=field, max_length=254, required=required).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise invalid(_("Enter a valid e-mail address."), field) from None
    return email


def sent_fields(payload: Schema) -> dict[str, Any]:
    # Only the fields the caller sent, so a PATCH changes nothing it did not name.
    return payload.model_dump(exclude_unset=True)
