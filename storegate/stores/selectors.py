"""Reads of the stores app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from storegate.stores.models import StaffMember, StaffStatus, Store


def store_find_by_reference(reference: str) -> Store | None:
    """A store named by a partner: its URL (``https://<handle>.<domain>``), host, or handle (R01)."""
    ref = (reference or "").strip().lower()
    if not ref:
        return None
    for scheme in ("https://", "http://"):
        if ref.startswith(scheme):
            ref = ref[len(scheme) :]
    ref = ref.split("/", 1)[0]
    suffix = "." + settings.STOREGATE_STORE_DOMAIN.lower()
    if ref.endswith(suffix):
        ref = ref[: -len(suffix)]
    if not ref or "." in ref or len(ref) > 63:
        return None
    return Store.objects.filter(handle=ref).first()


def stores_of_user(*, user: Any) -> QuerySet[Store]:
    """Stores the user owns or is active staff of (not collaborator accesses)."""
    staff_store_ids = StaffMember.objects.filter(user=user, status=StaffStatus.ACTIVE).values(
        "store_id"
    )
    return Store.objects.filter(owner=user) | Store.objects.filter(pk__in=staff_store_ids)


def staff_list(*, store: Store, include_removed: bool = False) -> QuerySet[StaffMember]:
    qs = StaffMember.objects.filter(store=store).select_related("user")
    if not include_removed:
        qs = qs.exclude(status=StaffStatus.REMOVED)
    return qs


def staff_for_store(*, store: Store, staff_id: Any) -> StaffMember | None:
    try:
        pk = int(str(staff_id))
    except (TypeError, ValueError):
        return None
    return StaffMember.objects.select_related("user").filter(store=store, pk=pk).first()
