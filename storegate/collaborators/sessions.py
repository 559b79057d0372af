"""Store sessions: a collaborator enters a store only through the partner dashboard (R18).

``store_session_open`` is the one way in: it checks the organization's access, refuses users who
are the store's owner or staff (R22: they log in as staff), demands two-factor when the operator
requires it (S4), and audits the log-in under the person's and the organization's names (R25).
The raw token (``sgs_…``) is returned once; only its SHA-256 is stored.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.authentication import Principal, register_token_resolver
from storegate.access.store_access import collaborator_access_from_row
from storegate.accounts.models import User
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import AccessStatus, CollaboratorAccess, StoreSession
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token, new_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.sql import fetch_one
from storegate.partners.models import PartnerMember
from storegate.stores.models import StaffMember, StaffStatus, Store

STORE_SESSION_PREFIX = "sgs"


@dataclass(frozen=True)
class IssuedStoreSession:
    session: StoreSession
    raw: str


def _store_not_found() -> ApplicationError:
    return ApplicationError(ErrorCode.STORE_NOT_FOUND, _("No such store."))


def _store_pk(store_id: Any) -> int:
    try:
        return int(str(store_id))
    except (TypeError, ValueError):
        raise _store_not_found() from None


@transaction.atomic
def store_session_open(
    *,
    member: PartnerMember,
    store_id: Any,
    two_factor: bool,
    acting: Acting,
) -> IssuedStoreSession:
    """Open a store session for ``member`` (the person acting) through their organization's
    collaborator access."""
    store = Store.objects.filter(pk=_store_pk(store_id)).first()
    if store is None:
        raise _store_not_found()
    now = timezone.now()
    # Locked so that a suspension or removal committing now cannot interleave with the log-in.
    access = (
        CollaboratorAccess.objects.select_for_update()
        .filter(
            store=store,
            organization_id=member.organization_id,
            status__in=[AccessStatus.ACTIVE, AccessStatus.SUSPENDED],
        )
        .first()
    )
    if access is None:
        # The same answer as for a store that does not exist: no link, nothing to see.
        raise _store_not_found()
    if access.status == AccessStatus.SUSPENDED:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("The store suspended your organization's collaborator access."),
        )
    if not access.is_usable(now):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("Your organization's collaborator access to this store has ended."),
        )
    user = member.user
    is_staff = StaffMember.objects.filter(
        store=store, user=user, status=StaffStatus.ACTIVE
    ).exists()
    if store.owner_id == user.pk or is_staff:
        raise ApplicationError(
            ErrorCode.STAFF_LOGIN_ONLY,
            _(
                "You have a staff account in this store, so you log in to it as staff, "
                "not as a collaborator."
            ),
        )
    if settings.STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS and not two_factor:
        raise ApplicationError(
            ErrorCode.TWO_FACTOR_REQUIRED,
            _(
                "Logging in to a store as a collaborator needs two-factor authentication: "
                "turn it on and log in with your authenticator code."
            ),
        )
    raw = new_token(STORE_SESSION_PREFIX)
    expires_at = now + timedelta(hours=settings.STOREGATE_STORE_SESSION_HOURS)
    if access.expires_at is not None:
        expires_at = min(expires_at, access.expires_at)
    session = StoreSession.objects.create(
        access=access,
        store=store,
        user=user,
        member=member,
        token_hash=hash_token(raw),
        expires_at=expires_at,
    )
    CollaboratorAccess.objects.filter(pk=access.pk).update(last_login_at=now)
    audit_record(
        action=AuditAction.COLLABORATOR_LOGGED_IN,
        actor=user,
        organization=member.organization,
        store=store,
        target=session,
        after={"access_id": access.pk, "role": member.role, "expires_at": expires_at.isoformat()},
        acting=acting,
    )
    return IssuedStoreSession(session=session, raw=raw)


@transaction.atomic
def store_session_end(*, session: StoreSession, acting: Acting) -> None:
    """Log out of a store session (idempotent); the session's person unless ``acting`` names
    someone."""
    updated = StoreSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    if updated:
        audit_record(
            action=AuditAction.COLLABORATOR_LOGGED_OUT,
            acting=acting,
            actor=acting.user or session.user,
            organization=session.access.organization,
            store=session.store,
            target=session,
        )


@functools.cache
def _principal_sql() -> tuple[str, list[str]]:
    # Runs on every collaborator request: plain SQL, because building it through the ORM cost
    # far more Python than the indexed look-up itself (docs/benchmarks.md). The access comes
    # with the session (LEFT JOIN: NULL when it is not live), so that authentication and the
    # store's access resolution share one round trip and one snapshot (S3).
    q = connection.ops.quote_name
    columns = [str(f.column) for f in User._meta.concrete_fields]
    names = [f.attname for f in User._meta.concrete_fields]
    select = ", ".join(f"u.{q(c)}" for c in columns)
    access = q(CollaboratorAccess._meta.db_table)
    sql = (
        f"SELECT s.id, s.store_id, a.id, a.organization_id, a.permissions_mask, "  # noqa: S608
        f"a.used_permissions_mask, {select} FROM {q(StoreSession._meta.db_table)} s "
        f"JOIN {q(User._meta.db_table)} u ON u.id = s.user_id "
        f"LEFT JOIN {access} a ON a.id = s.access_id AND a.status = 'active' "
        f"AND (a.expires_at IS NULL OR a.expires_at > %s) "
        f"WHERE s.token_hash = %s AND s.ended_at IS NULL AND s.expires_at > %s"
    )
    return sql, names


@register_token_resolver(STORE_SESSION_PREFIX)
def _store_session_principal(raw: str) -> Principal | None:
    sql, names = _principal_sql()
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    row = fetch_one(sql, [stamp, hash_token(raw), stamp])
    if row is None:
        return None
    user = User.from_db(connection.alias, names, row[6:])
    if not user.is_active:
        return None
    # No access id: the session's access is not live (suspended, removed, expired).
    live = row[2] is not None
    store_access = collaborator_access_from_row(user.pk, row[:6]) if live else None
    return Principal(
        user=user,
        kind="store_session",
        token_id=row[0],
        store_session_token=raw,
        store_access=store_access,
    )
