"""Declaring and enforcing the partner role of every partner-side page and API operation.

``@partner_requires(PartnerRole.STORE_MANAGER)`` on a view whose path has ``org_id``: the caller
must be a member (else 404) with at least that role (else 403). An organization API token acts
with its own role and only in its own organization. Leaves ``request.partner_member``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from ninja.utils import contribute_operation_callback

from storegate.access.guard import SCOPE_ATTR, _typed_signature, guard_before_parsing
from storegate.access.principal import PrincipalKind
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerMember, PartnerRole, role_at_least

F = TypeVar("F", bound=Callable[..., Any])
ROLE_ATTR = "storegate_partner_role"


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


def partner_member_for_request(
    request: Any, organization_id: Any, minimum_role: str
) -> PartnerMember:
    principal: Any = getattr(request, "auth", None)
    kind = getattr(principal, "kind", None)
    if kind == PrincipalKind.STORE_SESSION:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("A store-session token acts only inside its store.")
        )
    if kind == PrincipalKind.ORGANIZATION:
        if str(principal.organization_id) != str(organization_id):
            raise ApplicationError(ErrorCode.NOT_FOUND, _("No such partner organization."))
        if not role_at_least(principal.organization_role or "", minimum_role):
            raise ApplicationError(
                ErrorCode.PERMISSION_DENIED, _("This token's role does not allow this.")
            )
    user = principal.user if principal is not None else request.user
    member = membership_for(user=user, organization_id=organization_id, minimum_role=minimum_role)
    if kind == PrincipalKind.ORGANIZATION:
        # The token's role bounds what its creator may do through it.
        member.role = principal.organization_role
    return member


def partner_requires(minimum_role: str) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        def decide(request: Any, path: dict[str, Any]) -> None:
            request.partner_member = partner_member_for_request(
                request, path.get("org_id"), minimum_role
            )

        @functools.wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            # On API operations ``decide`` already ran before the input was parsed.
            if getattr(request, "partner_member", None) is None:
                decide(request, kwargs)
            return view(request, *args, **kwargs)

        signature = _typed_signature(view)
        if signature is not None:
            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        setattr(wrapper, SCOPE_ATTR, "partner")
        setattr(wrapper, ROLE_ATTR, str(minimum_role))
        contribute_operation_callback(
            wrapper,
            guard_before_parsing(
                decide,
                f"Requires membership of the organization with role `{minimum_role}` or higher.",
            ),
        )
        return wrapper  # type: ignore[return-value]

    return decorator


def partner_member_of(request: Any) -> PartnerMember:
    member: PartnerMember = request.partner_member
    return member
