"""The access resolver: what may this caller do in this store?

One function, one indexed query per request, no cache of grants (S3): a revoked, suspended,
expired or narrowed grant is denied on the very next request. The answer is a ``StoreAccess``
whose permission checks are a single AND on a bitmask.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.authentication import (
    PERSONAL_TOKEN_PREFIX,
    TOKEN_RESOLVERS,
    Principal,
    personal_principal,
    register_store_token_resolver,
)
from storegate.accounts.services import TokenLookupExtra, api_token_lookup
from storegate.core.crypto import hash_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.sql import fetch_one
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
        from django.db.models import F

        from storegate.collaborators.models import CollaboratorAccess

        CollaboratorAccess.objects.filter(pk=self.access_id).update(
            used_permissions_mask=F("used_permissions_mask").bitor(needed)
        )

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


def _store_pk(store_id: Any) -> int:
    """The store id in a path or body as an integer, or 404 (R19) for one no store can have."""
    try:
        store_pk = int(store_id)
    except (TypeError, ValueError):
        raise store_not_found() from None
    if not 0 < store_pk <= _MAX_ID:
        raise store_not_found()
    return store_pk


def resolve_store_access(
    *, user: Any, store_id: Any, store_session_token: str | None = None
) -> StoreAccess:
    """Resolve the caller's access to a store, or raise.

    - With a store-session token (opened through the partner dashboard, R18): the session's live,
      usable collaborator access, or 404.
    - Otherwise: owner, then active staff. A partner member whose organization has access but who
      is neither owner nor staff is told to log in through the partner dashboard (R18). Anyone
      else gets 404 (R19).
    """
    store_pk = _store_pk(store_id)
    if user is None or not getattr(user, "is_authenticated", False):
        raise ApplicationError(ErrorCode.AUTHENTICATION_REQUIRED, _("Log in first."))
    now = timezone.now()

    if store_session_token is not None:
        return _resolve_collaborator(
            user=user, store_pk=store_pk, token=store_session_token, now=now
        )

    row = fetch_one(_sql()["member"], [user.pk, user.pk, store_pk])
    return member_access(user_id=user.pk, store_pk=store_pk, row=row)


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


@functools.cache
def _sql() -> dict[str, str]:
    """The resolver's two statements, written once as SQL.

    Each runs on every store request; building them through the ORM cost about a millisecond of
    Python per request, twenty times the query itself (docs/benchmarks.md), and ``fetch_one``
    runs them prepared on PostgreSQL. Table names come from the models, so renames stay in one
    place.
    """
    from storegate.collaborators.models import CollaboratorAccess, StoreSession
    from storegate.partners.models import PartnerMember
    from storegate.stores.models import StaffMember, Store

    q = connection.ops.quote_name
    store, staff = q(Store._meta.db_table), q(StaffMember._meta.db_table)
    access, member = q(CollaboratorAccess._meta.db_table), q(PartnerMember._meta.db_table)
    session = q(StoreSession._meta.db_table)

    def member_columns(user: str) -> str:
        # Owner, active staff mask, and whether the user's organization has a live access, for
        # the store ``st`` and the user whose id is ``user`` (a parameter or a column).
        return (
            f"st.owner_id, "  # noqa: S608 (table names from the models; values are parameters)
            f"(SELECT sm.permissions_mask FROM {staff} sm WHERE sm.store_id = st.id "
            f"AND sm.user_id = {user} AND sm.status = 'active' LIMIT 1), "
            f"EXISTS(SELECT 1 FROM {access} a JOIN {member} m "
            f"ON m.organization_id = a.organization_id WHERE a.store_id = st.id "
            f"AND a.status IN ('active', 'suspended') AND m.user_id = {user})"
        )

    return {
        "member": f"SELECT {member_columns('%s')} FROM {store} st WHERE st.id = %s",  # noqa: S608
        # The same columns inside the personal-token look-up (``u`` is the token's user), with
        # the store's id first so that a missing store reads as NULL.
        "member_select": f"st.id, {member_columns('u.id')}",
        "member_join": f"LEFT JOIN {store} st ON st.id = %s",
        # The session (by its unique token hash) and its access, both live and usable.
        "collaborator": (
            f"SELECT s.id, s.store_id, s.access_id"  # noqa: S608 (as above)
            f", a.organization_id, a.permissions_mask, "
            f"a.used_permissions_mask FROM {session} s JOIN {access} a ON a.id = s.access_id "
            f"WHERE s.token_hash = %s AND s.store_id = %s AND s.user_id = %s "
            f"AND s.ended_at IS NULL AND s.expires_at > %s AND a.status = 'active' "
            f"AND (a.expires_at IS NULL OR a.expires_at > %s)"
        ),
    }


@dataclass(frozen=True, slots=True)
class StoreLink:
    """What a personal token's look-up read about the store its request names: the member columns
    ``(owner id, staff mask, is partner)``, or None when there is no such store."""

    store_id: int
    row: tuple[Any, ...] | None


@functools.cache
def _link_extra() -> TokenLookupExtra:
    sql = _sql()
    return TokenLookupExtra(select=sql["member_select"], join=sql["member_join"])


@register_store_token_resolver(PERSONAL_TOKEN_PREFIX)
def _personal_in_store(raw: str, store_id: str) -> Principal | None:
    """A personal token on a request that names a store: the token, its user and the user's link
    to that store in one statement, so that an owner's or staff member's request makes one round
    trip before the view, as a collaborator's does (docs/benchmarks.md)."""
    try:
        store_pk = _store_pk(store_id)
    except ApplicationError:  # no store can have this id: the guard answers 404 later
        return TOKEN_RESOLVERS[PERSONAL_TOKEN_PREFIX](raw)
    token = api_token_lookup(raw, extra=_link_extra(), extra_params=(store_pk,))
    if token is None:
        return None
    found, *member = token.extra
    link = StoreLink(store_id=store_pk, row=tuple(member) if found is not None else None)
    return personal_principal(token, store_link=link)


def linked_access_in_store(
    link: StoreLink | None, *, user_id: int, store_id: Any
) -> StoreAccess | None:
    """The access a personal token's link gives in this store, read with the token; None when the
    link is for no store or another one (the caller then resolves it with ``resolve_store_access``)."""
    if link is None or str(link.store_id) != str(store_id):
        return None
    return member_access(user_id=user_id, store_pk=link.store_id, row=link.row)


def collaborator_access_in_store(access: StoreAccess | None, store_id: Any) -> StoreAccess:
    """A store session's live access, if it is for this store; else 404 (R19)."""
    store_pk = _store_pk(store_id)
    if access is None or access.store_id != store_pk:
        raise store_not_found()
    return access


def _resolve_collaborator(*, user: Any, store_pk: int, token: str, now: Any) -> StoreAccess:
    stamp = connection.ops.adapt_datetimefield_value(now)
    row = fetch_one(_sql()["collaborator"], [hash_token(token), store_pk, user.pk, stamp, stamp])
    if row is None:
        raise store_not_found()
    return collaborator_access_from_row(user.pk, row)


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
