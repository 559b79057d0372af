"""Forms of the merchant admin and the partner dashboard, and putting errors next to fields."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
