"""Forms of the merchant admin and the partner dashboard, and putting errors next to fields."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.commerce.models import AdjustmentReason, DiscountKind, WeightUnit
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import (
    PermissionSet,
    Preset,
    Section,
    StorePermission,
    catalogue_by_section,
)

# Service field names that a form shows under another name.
FIELD_ALIASES = {"store_reference": "store", "expires_at": "end_date"}


def add_application_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a service's error next to the field that caused it, else at the top of the form."""
    field = FIELD_ALIASES.get(exc.field or "", exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def preset_choices(*, include_none: bool = True) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("No preset: choose below"))] if include_none else []
    return choices + [(p.key, p.label) for p in Preset]


class PermissionField(forms.MultipleChoiceField):
    """Permission checkboxes; the template groups them by section."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", [(p.code, p.label) for p in StorePermission])
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Permissions"))
        super().__init__(**kwargs)


def grouped_permissions(
    checked: PermissionSet, *, allowed: PermissionSet | None = None
) -> list[dict[str, Any]]:
    """The catalogue by section, each permission with whether it is checked and may be changed."""
    groups = []
    for section, permissions in catalogue_by_section():
        groups.append(
            {
                "section": section,
                "permissions": [
                    {
                        "code": p.code,
                        "label": p.label,
                        "checked": p in checked,
                        "disabled": allowed is not None and p not in allowed and p not in checked,
                    }
                    for p in permissions
                ],
            }
        )
    return groups


def section_labels(permissions: PermissionSet) -> list[tuple[Section, list[StorePermission]]]:
    grouped = permissions.by_section()
    return [(s, grouped[s]) for s in Section if s in grouped]


def end_of_day(day: Any) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time(23, 59)), timezone.get_current_timezone())


class RequestAccessForm(forms.Form):
    """Stores → Add store → Request access to store (R01–R03)."""

    store = forms.CharField(
        label=_("Store URL"),
        max_length=200,
        help_text=_("For example https://northwind.storegate.test, or just its handle."),
    )
    code = forms.CharField(
        label=_("Collaborator request code"),
        required=False,
        max_length=8,
        help_text=_("If the store requires one, ask the store owner for the 4-digit code."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    preset = forms.ChoiceField(label=_("Preset"), required=False)
    permissions = PermissionField()
    message = forms.CharField(
        label=_("Add a message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. The store owner sees it with your request."),
    )
    duration_days = forms.IntegerField(
        label=_("Duration (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Optional. Access ends after this many days."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preset = self.fields["preset"]
        assert isinstance(preset, forms.ChoiceField)
        preset.choices = preset_choices()


class ReviewForm(forms.Form):
    """The merchant's review of a request or edit of an access (R11, R13)."""

    permissions = PermissionField()
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional. Access is removed automatically at the end of this day."),
    )

    def permission_set(self) -> PermissionSet:
        return PermissionSet.of(self.cleaned_data.get("permissions") or [])


# --- commerce edits of the store admin -------------------------------------------------------
# Forms only parse what a person typed; the commerce services validate and write (their errors
# are put next to these fields by ``add_application_error``), as they do for the API.


def split_tags(text: str) -> list[str]:
    """Tags typed as "vip, wholesale" → ["vip", "wholesale"]; the service checks them."""
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def tags_field() -> forms.CharField:
    return forms.CharField(
        label=_("Tags"),
        max_length=2500,
        required=False,
        help_text=_("Separate tags with commas."),
    )


def _money_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class OrderInformationForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tags = tags_field()


class OrderRefundForm(forms.Form):
    amount = _money_field(_("Amount to refund"))
    reason = forms.CharField(label=_("Reason for the refund"), max_length=255, required=False)


CANCEL_REASON_CHOICES = [
    ("customer", _("The customer changed or cancelled the order")),
    ("fraud", _("Fraudulent order")),
    ("inventory", _("Items unavailable")),
    ("declined", _("Payment declined")),
    ("other", _("Other")),
]


class OrderCancelForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for cancellation"), choices=CANCEL_REASON_CHOICES)


class InventoryAdjustForm(forms.Form):
    delta = forms.IntegerField(
        label=_("Change in available quantity"),
        help_text=_("A positive number adds stock, a negative one removes it (for example -3)."),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=AdjustmentReason.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    address1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country_code = forms.CharField(
        label=_("Country"), max_length=2, help_text=_("Two letters, for example SE.")
    )
    fulfills_online_orders = forms.BooleanField(
        label=_("Fulfil online orders from this location"), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


class CustomerForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=120, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    country_code = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("Two letters, for example SE."),
    )
    accepts_marketing = forms.BooleanField(
        label=_("The customer agreed to receive marketing e-mails"), required=False
    )
    tags = tags_field()
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


_LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DiscountForm(forms.Form):
    code = forms.CharField(
        label=_("Discount code"),
        max_length=64,
        help_text=_("Letters, digits, hyphens and underscores; customers type it at checkout."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=DiscountKind.choices)
    value = _money_field(
        _("Value"),
        required=False,
        help_text=_("A percentage (1–100) or an amount; leave empty for free shipping."),
    )
    minimum_subtotal = _money_field(_("Minimum purchase amount"), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), required=False, widget=_LOCAL_DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), required=False, widget=_LOCAL_DATETIME)
    usage_limit = forms.IntegerField(
        label=_("Limit on the number of uses"), required=False, min_value=1
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)


class GiftCardForm(forms.Form):
    initial_value = _money_field(_("Initial value"))
    expires_on = forms.DateField(
        label=_("Expiry date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class GeneralSettingsForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=255, required=False)
    contact_email = forms.CharField(label=_("Contact e-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    address1 = forms.CharField(label=_("Address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country_code = forms.CharField(
        label=_("Country"), max_length=2, help_text=_("Two letters, for example SE.")
    )
    timezone = forms.CharField(
        label=_("Time zone"), max_length=64, help_text=_("For example Europe/Stockholm.")
    )
    weight_unit = forms.ChoiceField(label=_("Weight unit"), choices=WeightUnit.choices)
    order_number_prefix = forms.CharField(
        label=_("Order number prefix"), max_length=8, required=False
    )
