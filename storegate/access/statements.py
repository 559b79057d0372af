"""The database work of the access path: every statement authentication and the store access run
on a request, and nothing else sends them.

Each read is one indexed statement. The hot ones are written once as SQL: building them through
the ORM cost about a millisecond of Python per request, twenty times the query itself
(docs/benchmarks.md), and ``core/sql.fetch_one`` runs them prepared on PostgreSQL. Table names
come from the models, and the status rules from their one definition
(``collaborators.models.usable_access_sql`` / ``live_access_sql``,
``stores.models.active_staff_sql``), the same constants the ORM's ``usable()``, ``live()`` and
``active()`` read, so the SQL and the ORM cannot drift apart (tests/foundation/test_usable.py).

Column order is this module's business: callers get the rows decoded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import F
from django.utils import timezone

from storegate.accounts.models import ApiToken, User
from storegate.collaborators.models import (
    CollaboratorAccess,
    StoreSession,
    live_access_sql,
    usable_access_sql,
)
from storegate.core.crypto import hash_token
from storegate.core.sql import fetch_one
from storegate.partners.models import OrganizationApiToken, PartnerMember
from storegate.stores.models import StaffMember, Store, active_staff_sql

# The member columns (see ``_member_columns``) and the collaborator columns
# ``(session id, store id, access id, organization id, permissions mask, used mask)``.
MemberRow = tuple[Any, Any, Any]
CollaboratorRow = tuple[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True, slots=True)
class PersonalTokenRow:
    token_id: int
    two_factor: bool
    last_used_at: datetime | None
    user: User
    # Read only when the look-up names a store: its member columns, None when there is no such
    # store.
    member: MemberRow | None = None


@dataclass(frozen=True, slots=True)
class StoreSessionRow:
    session_id: int
    user: User
    # The session's collaborator access when it is usable, else None.
    collaborator: CollaboratorRow | None


def _stamp(now: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(now)


def _user_columns() -> tuple[str, list[str]]:
    q = connection.ops.quote_name
    fields = User._meta.concrete_fields
    return ", ".join(f"u.{q(str(f.column))}" for f in fields), [f.attname for f in fields]


def _member_columns(user: str) -> str:
    """Owner, active staff mask, and whether the user's organization has a live access, for the
    store ``st`` and the user whose id is ``user`` (a parameter or a column)."""
    q = connection.ops.quote_name
    staff, access = q(StaffMember._meta.db_table), q(CollaboratorAccess._meta.db_table)
    member = q(PartnerMember._meta.db_table)
    return (
        f"st.owner_id, "  # noqa: S608 (table names from the models; values are parameters)
        f"(SELECT sm.permissions_mask FROM {staff} sm WHERE sm.store_id = st.id "
        f"AND sm.user_id = {user} AND {active_staff_sql('sm')} LIMIT 1), "
        f"EXISTS(SELECT 1 FROM {access} a JOIN {member} m "
        f"ON m.organization_id = a.organization_id WHERE a.store_id = st.id "
        f"AND {live_access_sql('a')} AND m.user_id = {user})"
    )


@functools.cache
def _sql() -> dict[str, str]:
    q = connection.ops.quote_name
    users, _names = _user_columns()
    token, user, store = q(ApiToken._meta.db_table), q(User._meta.db_table), q(Store._meta.db_table)
    session, access = q(StoreSession._meta.db_table), q(CollaboratorAccess._meta.db_table)
    personal = (
        f"SELECT t.id, t.two_factor, t.last_used_at, {users}{{select}} "  # noqa: S608
        f"FROM {token} t JOIN {user} u ON u.id = t.user_id{{join}} "
        f"WHERE t.token_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND u.is_active"
    )
    return {
        # A personal token and its active user; params: hash, now.
        "personal": personal.format(select="", join=""),
        # The same, with the user's member columns for one store (``st.id`` first, so that a
        # missing store reads as NULL); params: store id, hash, now.
        "personal_in_store": personal.format(
            select=f", st.id, {_member_columns('u.id')}",
            join=f" LEFT JOIN {store} st ON st.id = %s",
        ),
        # A live store session and its user, with its access when usable (LEFT JOIN: NULL when
        # not), so that authentication and the store access share one round trip and one
        # snapshot (S3); params: now, hash, now.
        "store_session": (
            f"SELECT s.id, s.store_id, a.id, a.organization_id, a.permissions_mask, "  # noqa: S608
            f"a.used_permissions_mask, {users} FROM {session} s "
            f"JOIN {user} u ON u.id = s.user_id "
            f"LEFT JOIN {access} a ON a.id = s.access_id AND {usable_access_sql('a')} "
            f"WHERE s.token_hash = %s AND s.ended_at IS NULL AND s.expires_at > %s"
        ),
        # The member columns of a user in a store; params: user id, user id, store id.
        "member": f"SELECT {_member_columns('%s')} FROM {store} st WHERE st.id = %s",  # noqa: S608
        # A page's store session (by its unique token hash) for this store and user, live, with
        # its usable access; params: hash, store id, user id, now, now.
        "collaborator": (
            f"SELECT s.id, s.store_id, s.access_id, a.organization_id, "  # noqa: S608
            f"a.permissions_mask, a.used_permissions_mask FROM {session} s "
            f"JOIN {access} a ON a.id = s.access_id "
            f"WHERE s.token_hash = %s AND s.store_id = %s AND s.user_id = %s "
            f"AND s.ended_at IS NULL AND s.expires_at > %s AND {usable_access_sql('a')}"
        ),
    }


@functools.cache
def _user_names() -> list[str]:
    return _user_columns()[1]


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment, UTC)


def personal_token(
    raw: str, now: datetime, *, store_pk: int | None = None
) -> PersonalTokenRow | None:
    """The usable (not revoked, not expired) personal token of an active user, or None; with
    ``store_pk``, also the user's member columns for that store, in the same statement."""
    names = _user_names()
    if store_pk is None:
        row = fetch_one(_sql()["personal"], [hash_token(raw), _stamp(now)])
    else:
        row = fetch_one(_sql()["personal_in_store"], [store_pk, hash_token(raw), _stamp(now)])
    if row is None:
        return None
    token_id, two_factor, last_used_at = row[:3]
    user_end = 3 + len(names)
    member: MemberRow | None = None
    if store_pk is not None and row[user_end] is not None:
        member = (row[user_end + 1], row[user_end + 2], row[user_end + 3])
    last_used = ApiToken._meta.get_field("last_used_at").to_python(last_used_at)
    return PersonalTokenRow(
        token_id=token_id,
        two_factor=bool(two_factor),
        last_used_at=_aware(last_used),
        user=User.from_db(connection.alias, names, row[3:user_end]),
        member=member,
    )


def store_session(raw: str, now: datetime) -> StoreSessionRow | None:
    """A live store session and its user (active or not), with its access when usable."""
    stamp = _stamp(now)
    row = fetch_one(_sql()["store_session"], [stamp, hash_token(raw), stamp])
    if row is None:
        return None
    user = User.from_db(connection.alias, _user_names(), row[6:])
    # No access id: the session's access is not usable (suspended, removed, expired).
    collaborator: CollaboratorRow | None = None
    if row[2] is not None:
        collaborator = (row[0], row[1], row[2], row[3], row[4], row[5])
    return StoreSessionRow(session_id=row[0], user=user, collaborator=collaborator)


def organization_token(raw: str) -> OrganizationApiToken | None:
    """An organization token (usable or not) with the member who created it."""
    return (
        OrganizationApiToken.objects.select_related("created_by")
        .filter(token_hash=hash_token(raw))
        .first()
    )


def member_row(user_id: int, store_pk: int) -> MemberRow | None:
    """A user's member columns in a store; None when there is no such store."""
    row = fetch_one(_sql()["member"], [user_id, user_id, store_pk])
    return None if row is None else (row[0], row[1], row[2])


def collaborator_row(
    raw: str, *, store_pk: int, user_id: int, now: datetime
) -> CollaboratorRow | None:
    """A page's store session for this store and user with its usable access, or None."""
    stamp = _stamp(now)
    row = fetch_one(_sql()["collaborator"], [hash_token(raw), store_pk, user_id, stamp, stamp])
    return None if row is None else (row[0], row[1], row[2], row[3], row[4], row[5])


def record_personal_token_use(token_id: int, now: datetime) -> None:
    ApiToken.objects.filter(pk=token_id).update(last_used_at=now)


def record_organization_token_use(token_id: int, now: datetime) -> None:
    OrganizationApiToken.objects.filter(pk=token_id).update(last_used_at=now)


def record_permission_use(access_id: int, mask: int) -> None:
    """R26: add ``mask`` to the permissions a collaborator access has exercised."""
    CollaboratorAccess.objects.filter(pk=access_id).update(
        used_permissions_mask=F("used_permissions_mask").bitor(mask)
    )
