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
    try:
        store_pk = int(store_id)
    except (TypeError, ValueError):
        raise store_not_found() from None
    if user is None or not getattr(user, "is_authenticated", False):
        raise ApplicationError(ErrorCode.AUTHENTICATION_REQUIRED, _("Log in first."))
    now = timezone.now()

    if store_session_token is not None:
        return _resolve_collaborator(
            user=user, store_pk=store_pk, token=store_session_token, now=now
        )

    row = fetch_one(_sql()["member"], [user.pk, user.pk, store_pk])
    if row is None:
        raise store_not_found()
    owner_id, staff_mask, is_partner = row
    if owner_id == user.pk:
        return StoreAccess(
            store_id=store_pk,
            user_id=user.pk,
            role=StoreRole.OWNER,
            permissions=PermissionSet.all(),
        )
    if staff_mask is not None:
        return StoreAccess(
            store_id=store_pk,
            user_id=user.pk,
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
    return {
        # Owner, active staff mask, and whether the user's organization has a live access.
        "member": (
            f"SELECT st.owner_id, "  # noqa: S608 (table names from the models; values are parameters)
            f"(SELECT sm.permissions_mask FROM {staff} sm WHERE sm.store_id = st.id "
            f"AND sm.user_id = %s AND sm.status = 'active' LIMIT 1), "
            f"EXISTS(SELECT 1 FROM {access} a JOIN {member} m "
            f"ON m.organization_id = a.organization_id WHERE a.store_id = st.id "
            f"AND a.status IN ('active', 'suspended') AND m.user_id = %s) "
            f"FROM {store} st WHERE st.id = %s"
        ),
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


def collaborator_access_in_store(access: StoreAccess | None, store_id: Any) -> StoreAccess:
    """A store session's live access, if it is for this store; else 404 (R19)."""
    try:
        store_pk = int(store_id)
    except (TypeError, ValueError):
        raise store_not_found() from None
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
