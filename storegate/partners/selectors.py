"""Reads of the partners app (the partner-side guard is storegate.access.partner_guard)."""

from __future__ import annotations

from typing import Any

from storegate.partners.models import PartnerMember


def organizations_of_user(*, user: Any) -> list[PartnerMember]:
    return list(
        PartnerMember.objects.select_related("organization")
        .filter(user=user)
        .order_by("organization__name")
    )
