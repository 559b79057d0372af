"""Forms of the collaborator pages: a partner's access request and a merchant's review."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.stores.permissions import (
    PermissionSet,
)
from storegate.web.permission_checkboxes import PermissionField, preset_choices


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
