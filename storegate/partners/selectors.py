"""Reads of the partners app, and the partner-side guard."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerMember, PartnerRole, role_at_least


def membership_for(
    *, user: Any, organization_id: Any, minimum_role: str = PartnerRole.STORE_VIEWER
) -> PartnerMember:
    """The caller's membership, or 404 for non-members (indistinguishable from no such organization)
    and 403 when their role is below ``minimum_role``."""
    try:
        org_pk = int(organization_id)
    except (TypeError, ValueError):
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such partner organization.")) from None
    member = (
        PartnerMember.objects.select_related("organization", "user")
        .filter(organization_id=org_pk, user_id=getattr(user, "pk", 0) or 0)
        .first()
    )
    if member is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such partner organization."))
    if not role_at_least(member.role, minimum_role):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("Your role in this organization does not allow this."),
            extra={"required_role": str(minimum_role)},
        )
    return member


def organizations_of_user(*, user: Any) -> list[PartnerMember]:
    return list(
        PartnerMember.objects.select_related("organization")
        .filter(user=user)
        .order_by("organization__name")
    )
