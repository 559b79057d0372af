"""Store sessions: a collaborator enters a store only through the partner dashboard (R18).

``store_session_open`` is the one way in: it checks the organization's access, refuses users who
are the store's owner or staff (R22: they log in as staff), demands two-factor when the operator
requires it (S4), and audits the log-in under the person's and the organization's names (R25).
The raw token (``sgs_…``) is returned once; only its SHA-256 is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.principal import STORE_SESSION_PREFIX
from storegate.access.store_access import parse_store_id, store_not_found
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import AccessStatus, CollaboratorAccess, StoreSession
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token, new_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerMember
from storegate.stores.models import StaffMember, Store


@dataclass(frozen=True)
class IssuedStoreSession:
    session: StoreSession
    raw: str


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
    store = Store.objects.filter(pk=parse_store_id(store_id)).first()
    if store is None:
        raise store_not_found()
    now = timezone.now()
    # Locked so that a suspension or removal committing now cannot interleave with the log-in.
    access = (
        CollaboratorAccess.objects.select_for_update()
        .live()
        .filter(store=store, organization_id=member.organization_id)
        .first()
    )
    if access is None:
        # The same answer as for a store that does not exist: no link, nothing to see.
        raise store_not_found()
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
    is_staff = StaffMember.objects.active().filter(store=store, user=user).exists()
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
