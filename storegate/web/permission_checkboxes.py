"""The permission checkboxes, grouped by section, of the staff, request and review forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from storegate.stores.permissions import (
    PermissionSet,
    Preset,
    Section,
    StorePermission,
    catalogue_by_section,
)


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
