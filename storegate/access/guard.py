"""Declaring and enforcing the permission of every store page and API operation (R19, S3).

``@requires(StorePermission.ORDERS_VIEW)`` on a view or API operation whose path has
``store_id``: the caller's access is resolved from the database on every call, the permission is
checked before any domain code runs, and the result is left on ``request.store_access``. The
declaration is also read by the test that walks every URL and operation, and by the API docs.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpResponseNotAllowed

from storegate.access.store_access import StoreAccess, store_access_for
from storegate.core.acting import Acting, RequestMeta
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission

F = TypeVar("F", bound=Callable[..., Any])

# Attribute names read by the authorization walk (tests/test_authorization_walk.py).
PERMISSIONS_ATTR = "storegate_permissions"
ALTERNATIVES_ATTR = "storegate_permission_alternatives"
SCOPE_ATTR = "storegate_scope"


def _typed_signature(view: Callable[..., Any]) -> inspect.Signature | None:
    # django-ninja resolves string annotations in the wrapper's module; resolve them here,
    # in the view's own module, so `from __future__ import annotations` keeps working.
    try:
        from ninja.signature.utils import get_typed_signature

        return get_typed_signature(view)
    except NameError:
        return None


def _authorize(
    request: Any,
    store_id: Any,
    permissions: tuple[StorePermission, ...],
    owner_only: bool,
    alternatives: tuple[StorePermission, ...] = (),
) -> StoreAccess:
    """Resolve the caller's access from the database and demand what the view declares."""
    access = store_access_for(request, store_id)
    if owner_only:
        access.require_owner()
    else:
        needed = _mask_of(permissions)
        if not access.allows(needed):
            access.require(*permissions)  # raises, naming what is missing
        if alternatives and not any(access.can(p) for p in alternatives):
            access.require(alternatives[0])  # raises, naming the first alternative
        if access.is_collaborator:
            access.note_use(needed)
    request.store_access = access
    return access


# The HTTP methods a declaration may name; HEAD is answered as GET.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ANY_METHOD = "*"


class AnyOf:
    """A declaration satisfied by holding at least one of ``permissions`` (see ``any_of``)."""

    def __init__(self, *permissions: StorePermission) -> None:
        if len(permissions) < 2:
            raise TypeError("any_of() needs at least two permissions")
        self.permissions = permissions


def any_of(*permissions: StorePermission) -> AnyOf:
    """``requires(GET=any_of(P.STAFF_VIEW, P.COLLABORATORS_MANAGE))``: a page made of
    sections, each shown to the holders of its permission, opens for anyone holding one."""
    return AnyOf(*permissions)


Declared = StorePermission | tuple[StorePermission, ...] | AnyOf


def _as_tuple(declared: Declared) -> tuple[StorePermission, ...]:
    if isinstance(declared, AnyOf):
        return ()
    return (declared,) if isinstance(declared, StorePermission) else tuple(declared)


def declared_alternatives(view: Any, method: str) -> tuple[StorePermission, ...]:
    """The permissions of which ``view`` demands at least one for ``method`` (``any_of``)."""
    alternatives: dict[str, tuple[StorePermission, ...]] = getattr(view, ALTERNATIVES_ATTR, {})
    method = "GET" if method.upper() == "HEAD" else method.upper()
    return alternatives.get(method, alternatives.get(ANY_METHOD, ()))


def declared_permissions(view: Any, method: str) -> tuple[StorePermission, ...] | None:
    """What ``view`` demands for ``method``; None when it declares nothing for that method."""
    declared: dict[str, tuple[StorePermission, ...]] | None = getattr(view, PERMISSIONS_ATTR, None)
    if declared is None:
        return None
    method = "GET" if method.upper() == "HEAD" else method.upper()
    if method in declared:
        return declared[method]
    return declared.get(ANY_METHOD)


def declared_methods(view: Any) -> tuple[str, ...]:
    """The methods ``view`` declares a permission for (all of ``METHODS`` for a single one)."""
    declared: dict[str, Any] = getattr(view, PERMISSIONS_ATTR, None) or {}
    if ANY_METHOD in declared:
        return METHODS
    return tuple(m for m in METHODS if m in declared)


@functools.cache
def _mask_of(permissions: tuple[StorePermission, ...]) -> int:
    needed = 0
    for permission in permissions:
        needed |= permission.bit
    return needed


def _permission_note(permissions: tuple[StorePermission, ...], owner_only: bool) -> str:
    if owner_only:
        return "Requires the store owner."
    if not permissions:
        return "Requires a link to the store (owner, staff, or a collaborator's store session)."
    return "Requires " + ", ".join(f"`{p.code}`" for p in permissions) + "."


def guard_before_parsing(
    decide: Callable[[Any, dict[str, Any]], None], note: str
) -> Callable[[Any], None]:
    """Make a django-ninja operation decide authorization right after authentication.

    django-ninja parses and validates the body and query before it calls the view, so a guard in
    the view alone would answer 422 to an unauthorised caller who sends a bad body. This hooks
    the operation's checks (authentication, throttling) instead: ``decide(request, path_params)``
    runs there and raises to refuse, so a caller without the permission gets 403 and an outsider
    404 whatever they send. ``note`` documents the requirement in the OpenAPI description.
    """

    def contribute(operation: Any) -> None:
        operation.description = f"{operation.description}\n\n{note}".strip()
        _install_on_run(operation)

    def guard_run(run: Callable[..., Any]) -> Callable[..., Any]:
        # ``run`` is bound to the (possibly cloned) operation; patch that operation's checks.
        operation = run.__self__  # type: ignore[attr-defined]
        checks = operation._run_checks

        def guarded_checks(request: Any) -> Any:
            error = checks(request)
            if error is not None:
                return error
            try:
                decide(request, request.storegate_path)
            except Exception as exc:  # ApplicationError and friends become the API's error shape
                return operation.api.on_exception(request, exc)
            return None

        operation._run_checks = guarded_checks

        @functools.wraps(run)
        def run_with_path(request: Any, *args: Any, **kw: Any) -> Any:
            request.storegate_path = kw
            return run(request, *args, **kw)

        return run_with_path

    def _install_on_run(operation: Any) -> None:
        from ninja.decorators import _apply_decorators

        _apply_decorators((guard_run,), operation)

    return contribute


def _guard_operation(
    declared: dict[str, tuple[StorePermission, ...]],
    owner_only: bool,
    alternatives: dict[str, tuple[StorePermission, ...]],
) -> Callable[[Any], None]:
    def decide(request: Any, path: dict[str, Any]) -> None:
        permissions = _for_method(declared, request.method)
        method = "GET" if request.method.upper() == "HEAD" else request.method.upper()
        either = alternatives.get(method, alternatives.get(ANY_METHOD, ()))
        _authorize(request, path.get("store_id"), permissions, owner_only, either)

    return guard_before_parsing(decide, _declaration_note(declared, owner_only))


def _for_method(
    declared: dict[str, tuple[StorePermission, ...]], method: str
) -> tuple[StorePermission, ...]:
    method = "GET" if method.upper() == "HEAD" else method.upper()
    found = declared.get(method, declared.get(ANY_METHOD))
    if found is None:
        raise MethodNotDeclared(method)
    return found


class MethodNotDeclared(Exception):
    """A request used a method its view declares no permission for: answered 405."""

    def __init__(self, method: str) -> None:
        super().__init__(method)
        self.method = method


def _declaration_note(declared: dict[str, tuple[StorePermission, ...]], owner_only: bool) -> str:
    if ANY_METHOD in declared or owner_only:
        return _permission_note(declared.get(ANY_METHOD, ()), owner_only)
    return " ".join(
        f"{method}: {_permission_note(perms, owner_only)}" for method, perms in declared.items()
    )


def requires(
    *permissions: StorePermission,
    owner_only: bool = False,
    GET: Declared | None = None,
    POST: Declared | None = None,
    PUT: Declared | None = None,
    PATCH: Declared | None = None,
    DELETE: Declared | None = None,
) -> Callable[[F], F]:
    """Guard a store-scoped view: resolve the caller's access, then demand the permissions it
    declares for the request's method.

    - ``requires(P.ORDERS_VIEW)``: the same permissions for every method.
    - ``requires(GET=P.ORDERS_VIEW, POST=P.ORDERS_FULFILL_AND_SHIP)``: one declaration per
      method; a method declared nowhere is answered 405 before anything is read. ``()`` for a
      method demands only a link to the store.
    - ``requires()`` with no permission still demands a link to the store (owner, staff, or a
      collaborator through a store session); that is how Home is guarded.

    On API operations the check runs before the input is parsed (see ``_guard_operation``); on
    pages, in the wrapper.
    """
    by_method = {
        method: _as_tuple(value)
        for method, value in zip(METHODS, (GET, POST, PUT, PATCH, DELETE), strict=True)
        if value is not None
    }
    if by_method and permissions:
        raise TypeError("declare permissions either for every method or per method, not both")
    declared = by_method or {ANY_METHOD: tuple(permissions)}
    alternatives = {
        method: value.permissions
        for method, value in zip(METHODS, (GET, POST, PUT, PATCH, DELETE), strict=True)
        if isinstance(value, AnyOf)
    }

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(request, "store_access", None) is None:
                try:
                    needed = _for_method(declared, request.method)
                except MethodNotDeclared:
                    return HttpResponseNotAllowed(declared_methods(wrapper))
                _authorize(
                    request,
                    kwargs.get("store_id"),
                    needed,
                    owner_only,
                    declared_alternatives(wrapper, request.method),
                )
            return view(request, *args, **kwargs)

        signature = _typed_signature(view)
        if signature is not None:
            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        setattr(wrapper, PERMISSIONS_ATTR, declared)
        setattr(wrapper, ALTERNATIVES_ATTR, alternatives)
        setattr(wrapper, SCOPE_ATTR, "owner" if owner_only else "store")
        from ninja.utils import contribute_operation_callback

        contribute_operation_callback(wrapper, _guard_operation(declared, owner_only, alternatives))
        return wrapper  # type: ignore[return-value]

    return decorator


def declare_scope(scope: str) -> Callable[[F], F]:
    """Mark a view that is not store-scoped: ``public``, ``account`` (any logged-in user),
    ``partner`` (checked by the partner guard) or ``operator``."""

    def decorator(view: F) -> F:
        setattr(view, SCOPE_ATTR, scope)
        return view

    return decorator


public = declare_scope("public")


def store_access_of(request: Any) -> StoreAccess:
    access: StoreAccess = request.store_access
    return access


def acting_of(request: Any) -> Acting:
    """The acting context of this request, built once from what the guards resolved: the
    person, their partner organization, their store access (with its store, fetched at most
    once) and the request's origin. Every service takes it as ``acting``."""
    acting: Acting | None = getattr(request, "storegate_acting", None)
    if acting is not None:
        return acting
    access: StoreAccess | None = getattr(request, "store_access", None)
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    organization_id = access.organization_id if access is not None else None
    if organization_id is None:
        member = getattr(request, "partner_member", None)
        principal = getattr(request, "auth", None)
        if member is not None:
            organization_id = member.organization_id
        elif principal is not None and getattr(principal, "organization_id", None) is not None:
            organization_id = principal.organization_id
    acting = Acting(
        user=user,
        organization_id=organization_id,
        access=access,
        meta=RequestMeta.from_request(request),
        load_store=(lambda: Store.objects.get(pk=access.store_id)) if access is not None else None,
    )
    request.storegate_acting = acting
    return acting
