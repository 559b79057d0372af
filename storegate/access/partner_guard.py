"""Declaring and enforcing the partner role of every partner-side page and API operation.

``@partner_requires(PartnerRole.STORE_MANAGER)`` on a view whose path has ``org_id``: the caller
must be a member (else 404) with at least that role (else 403), whatever the method.
``@partner_requires(GET=PartnerRole.STORE_VIEWER, POST=PartnerRole.ADMIN)`` declares the role
per method; a method declared nowhere is answered 405. An organization API token acts with its
own role and only in its own organization. Leaves ``request.partner_member``.

The declaration (a dict method → role, ``"*"`` for any method) is read with
``declared_roles(view)`` and ``declared_role(view, method)`` by the authorization walk.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext as _
from ninja.utils import contribute_operation_callback

from storegate.access.guard import (
    ANY_METHOD,
    METHODS,
    SCOPE_ATTR,
    MethodNotDeclared,
    _typed_signature,
    guard_before_parsing,
)
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


def declared_roles(view: Any) -> dict[str, str]:
    """The roles ``view`` declares, method → minimum role (``"*"`` for every method)."""
    declared: dict[str, str] = getattr(view, ROLE_ATTR, None) or {}
    return declared


def declared_role(view: Any, method: str) -> str | None:
    """The minimum role ``view`` demands for ``method``; None when it declares none for it."""
    declared = declared_roles(view)
    method = "GET" if method.upper() == "HEAD" else method.upper()
    return declared.get(method, declared.get(ANY_METHOD))


def _declared_methods(declared: dict[str, str]) -> tuple[str, ...]:
    if ANY_METHOD in declared:
        return METHODS
    return tuple(m for m in METHODS if m in declared)


def _role_note(declared: dict[str, str]) -> str:
    if ANY_METHOD in declared:
        return (
            f"Requires membership of the organization with role `{declared[ANY_METHOD]}` or higher."
        )
    return (
        "Requires membership of the organization with role "
        + ", ".join(f"`{role}` or higher ({method})" for method, role in declared.items())
        + "."
    )


def partner_requires(
    minimum_role: str | None = None,
    *,
    GET: str | None = None,
    POST: str | None = None,
    PUT: str | None = None,
    PATCH: str | None = None,
    DELETE: str | None = None,
) -> Callable[[F], F]:
    by_method = {
        method: str(role)
        for method, role in zip(METHODS, (GET, POST, PUT, PATCH, DELETE), strict=True)
        if role is not None
    }
    if by_method and minimum_role is not None:
        raise TypeError("declare the role either for every method or per method, not both")
    if not by_method and minimum_role is None:
        raise TypeError("declare the minimum role")
    declared = by_method or {ANY_METHOD: str(minimum_role)}

    def decorator(view: F) -> F:
        def decide(request: Any, path: dict[str, Any]) -> None:
            role = declared_role(wrapper, request.method)
            if role is None:
                raise MethodNotDeclared(request.method)
            request.partner_member = partner_member_for_request(request, path.get("org_id"), role)

        @functools.wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            # On API operations ``decide`` already ran before the input was parsed.
            if getattr(request, "partner_member", None) is None:
                if declared_role(wrapper, request.method) is None:
                    return HttpResponseNotAllowed(_declared_methods(declared))
                decide(request, kwargs)
            return view(request, *args, **kwargs)

        signature = _typed_signature(view)
        if signature is not None:
            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        setattr(wrapper, SCOPE_ATTR, "partner")
        setattr(wrapper, ROLE_ATTR, declared)
        contribute_operation_callback(wrapper, guard_before_parsing(decide, _role_note(declared)))
        return wrapper  # type: ignore[return-value]

    return decorator


def partner_member_of(request: Any) -> PartnerMember:
    member: PartnerMember = request.partner_member
    return member
