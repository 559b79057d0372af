"""What may this caller do in this store? ``store_access_for(request, store_id)`` answers.

One indexed statement per request, no cache of grants (S3): a revoked, suspended, expired or
narrowed grant is denied on the very next request. On the API that statement is the token's
own (``authentication.authenticate`` reads the caller's link to the store, or the store
session's access, with the token); on pages it is the store look-up below. The answer is a
``StoreAccess`` whose permission checks are a single AND on a bitmask.

A page's store sessions (opened through the partner dashboard, R18) are kept in the web session
by ``remember_store_session`` and read back only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access import statements
from storegate.access.principal import PrincipalKind, StoreLink
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.permissions import PermissionSet, StorePermission


class StoreRole(StrEnum):
    OWNER = "owner"
    STAFF = "staff"
    COLLABORATOR = "collaborator"


@dataclass(frozen=True, slots=True)
class StoreAccess:
    store_id: int
    user_id: int
    role: StoreRole
    permissions: PermissionSet
    organization_id: int | None = None
    access_id: int | None = None
    store_session_id: int | None = None
    # R26: the permissions this collaborator access has exercised so far (read in the same query).
    used_mask: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_owner(self) -> bool:
        return self.role is StoreRole.OWNER

    @property
    def is_collaborator(self) -> bool:
        return self.role is StoreRole.COLLABORATOR

    def can(self, permission: StorePermission) -> bool:
        return permission in self.permissions

    def allows(self, needed_mask: int) -> bool:
        """The guard's decision: one AND against a mask computed once per declaration."""
        return self.permissions.mask & needed_mask == needed_mask

    def require(self, *permissions: StorePermission) -> None:
        if not self.permissions.has_all(permissions):
            missing = ", ".join(p.code for p in permissions if p not in self.permissions)
            raise ApplicationError(
                ErrorCode.PERMISSION_DENIED,
                _("You do not have the permission this needs: %(missing)s.") % {"missing": missing},
                extra={"required": [p.code for p in permissions]},
            )
        if self.is_collaborator:
            self.note_use(PermissionSet.of(permissions).mask)

    def note_use(self, needed: int) -> None:
        """R26: remember which granted permissions a collaborator exercised.

        The resolver read the current mask in its one query, so a steady-state request writes
        nothing; the first use of a permission is one UPDATE.
        """
        if self.access_id is None or not needed or self.used_mask & needed == needed:
            return
        statements.record_permission_use(self.access_id, needed)

    def require_owner(self) -> None:
        if not self.is_owner:
            raise ApplicationError(
                ErrorCode.PERMISSION_DENIED, _("Only the store owner can do this.")
            )


def store_not_found() -> ApplicationError:
    # The same answer for a store that does not exist and one the caller has no link to (R19).
    return ApplicationError(ErrorCode.STORE_NOT_FOUND, _("No such store."))


# Store ids beyond a 64-bit integer cannot exist (and SQLite cannot even compare them).
_MAX_ID = 2**63 - 1


def parse_store_id(store_id: Any) -> int:
    """The store id in a path or body as an integer, or 404 (R19) for one no store can have."""
    try:
        store_pk = int(store_id)
    except (TypeError, ValueError):
        raise store_not_found() from None
    if not 0 < store_pk <= _MAX_ID:
        raise store_not_found()
    return store_pk


# The web session's key for a page's store sessions: ``{store id: raw sgs_ token}``.
_STORE_SESSIONS_KEY = "store_sessions"


def remember_store_session(request: Any, store_id: Any, raw: str) -> None:
    """Keep a store session opened on the partner dashboard for this browser's later pages."""
    sessions = dict(request.session.get(_STORE_SESSIONS_KEY, {}))
    sessions[str(store_id)] = raw
    request.session[_STORE_SESSIONS_KEY] = sessions


def remembered_store_session(request: Any, store_id: Any) -> str | None:
    """The raw store-session token this browser keeps for the store, if any."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    token: str | None = session.get(_STORE_SESSIONS_KEY, {}).get(str(store_id))
    return token


def store_access_for(request: Any, store_id: Any) -> StoreAccess:
    """What the caller of this request may do in this store, or raise (the guards' one call).

    Uses what authentication already read with the token when it can (a store session's
    access, a personal token's link to the store in the path), else resolves it: one statement
    either way.
    """
    principal: Any = getattr(request, "auth", None)
    kind = getattr(principal, "kind", None)
    if kind is None:  # a page: the logged-in user, and the store session this browser keeps
        return resolve_store_access(
            user=request.user,
            store_id=store_id,
            store_session_token=remembered_store_session(request, store_id),
        )
    if kind == PrincipalKind.ORGANIZATION:
        raise ApplicationError(
            ErrorCode.LOGIN_THROUGH_PARTNER_DASHBOARD,
            "Organization tokens act on the partner side; open a store session with "
            "POST /api/v1/partners/{org_id}/stores/{store_id}/login.",
        )
    if kind == PrincipalKind.STORE_SESSION:
        # Read with the session itself, in the authentication's one statement; None when the
        # session's access is not usable.
        access: StoreAccess | None = principal.store_access
        if access is None or access.store_id != parse_store_id(store_id):
            raise store_not_found()
        return access
    link: StoreLink | None = principal.store_link
    if link is not None and str(link.store_id) == str(store_id):
        # A personal token: its link to the store was read in the token's statement.
        return member_access(user_id=principal.user.pk, store_pk=link.store_id, row=link.row)
    return resolve_store_access(user=principal.user, store_id=store_id)


def resolve_store_access(
    *, user: Any, store_id: Any, store_session_token: str | None = None
) -> StoreAccess:
    """Resolve a user's access to a store from the database, or raise.

    - With a store-session token (opened through the partner dashboard, R18): the session's live,
      usable collaborator access, or 404.
    - Otherwise: owner, then active staff. A partner member whose organization has access but who
      is neither owner nor staff is told to log in through the partner dashboard (R18). Anyone
      else gets 404 (R19).
    """
    store_pk = parse_store_id(store_id)
    if user is None or not getattr(user, "is_authenticated", False):
        raise ApplicationError(ErrorCode.AUTHENTICATION_REQUIRED, _("Log in first."))
    if store_session_token is not None:
        row = statements.collaborator_row(
            store_session_token, store_pk=store_pk, user_id=user.pk, now=timezone.now()
        )
        if row is None:
            raise store_not_found()
        return collaborator_access_from_row(user.pk, row)
    return member_access(
        user_id=user.pk, store_pk=store_pk, row=statements.member_row(user.pk, store_pk)
    )


def member_access(*, user_id: int, store_pk: int, row: Sequence[Any] | None) -> StoreAccess:
    """Owner, then active staff, from the member columns ``(owner id, staff mask, is partner)``
    (None: no such store). A partner member whose organization has access is told to log in
    through the partner dashboard (R18); anyone else gets 404 (R19)."""
    if row is None:
        raise store_not_found()
    owner_id, staff_mask, is_partner = row
    if owner_id == user_id:
        return StoreAccess(
            store_id=store_pk,
            user_id=user_id,
            role=StoreRole.OWNER,
            permissions=PermissionSet.all(),
        )
    if staff_mask is not None:
        return StoreAccess(
            store_id=store_pk,
            user_id=user_id,
            role=StoreRole.STAFF,
            permissions=PermissionSet(staff_mask),
        )
    if is_partner:
        raise ApplicationError(
            ErrorCode.LOGIN_THROUGH_PARTNER_DASHBOARD,
            _(
                "Collaborators log in to a store only through the partner dashboard: Stores → Log in."
            ),
        )
    raise store_not_found()


def collaborator_access_from_row(user_id: int, row: Sequence[Any]) -> StoreAccess:
    """A store session's access from ``(session id, store id, access id, organization id,
    permissions mask, used mask)``, the columns both collaborator statements select."""
    session_id, store_id, access_id, organization_id, mask, used_mask = row
    return StoreAccess(
        store_id=store_id,
        user_id=user_id,
        role=StoreRole.COLLABORATOR,
        permissions=PermissionSet(mask),
        organization_id=organization_id,
        access_id=access_id,
        store_session_id=session_id,
        used_mask=used_mask,
    )
