"""Putting a service's error next to the form field that caused it."""

from __future__ import annotations

from django import forms

from storegate.core.errors import ApplicationError

# Service field names that a form shows under another name.
FIELD_ALIASES = {"store_reference": "store", "expires_at": "end_date"}


def add_application_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a service's error next to the field that caused it, else at the top of the form."""
    field = FIELD_ALIASES.get(exc.field or "", exc.field)
    if form.prefix and field and field.startswith(form.prefix + "."):
        field = field.removeprefix(form.prefix + ".")  # "shipping_address.city" → "city"
    form.add_error(field if field in form.fields else None, exc.message)
