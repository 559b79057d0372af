"""Organization API tokens (R27): create, revoke and list ``sgo_…`` bearer tokens (they are
authenticated by storegate.access.authentication)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.principal import ORGANIZATION_TOKEN_PREFIX
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token, new_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import (
    OrganizationApiToken,
    PartnerMember,
    PartnerOrganization,
    PartnerRole,
    role_at_least,
)

MAX_TOKEN_DAYS = 3650


@dataclass(frozen=True)
class IssuedOrganizationToken:
    token: OrganizationApiToken
    raw: str


@transaction.atomic
def organization_token_create(
    *,
    member: PartnerMember,
    name: str,
    role: str,
    expires_in_days: int | None = None,
    acting: Acting,
) -> IssuedOrganizationToken:
    """A new token of ``member``'s organization; its role may not exceed the creator's (S6).

    ``member`` is the acting person's membership as the partner guard resolved it (with an
    organization token, bounded by that token's role)."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Name the token (at most 100 characters)."),
            field="name",
        )
    if role not in PartnerRole.values:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Choose one of the roles: %(roles)s.") % {"roles": ", ".join(PartnerRole.values)},
            field="role",
        )
    if not role_at_least(member.role, role):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("A token cannot have a higher role than yours."),
            field="role",
        )
    expires_at: datetime | None = None
    if expires_in_days is not None:
        if not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR,
                _("A token lasts between 1 and %(max)s days.") % {"max": MAX_TOKEN_DAYS},
                field="expires_in_days",
            )
        expires_at = timezone.now() + timedelta(days=expires_in_days)
    raw = new_token(ORGANIZATION_TOKEN_PREFIX)
    token = OrganizationApiToken.objects.create(
        organization_id=member.organization_id,
        created_by_id=member.user_id,
        name=name,
        role=role,
        token_hash=hash_token(raw),
        prefix=raw[:10],
        expires_at=expires_at,
    )
    audit_record(
        action=AuditAction.PARTNER_TOKEN_CREATED,
        acting=acting,
        organization=member.organization,
        target=token,
        after={"name": name, "role": role, "expires_at": expires_at and expires_at.isoformat()},
    )
    return IssuedOrganizationToken(token=token, raw=raw)


@transaction.atomic
def organization_token_revoke(
    *, token: OrganizationApiToken, acting: Acting
) -> OrganizationApiToken:
    """Revoke at once: the resolver reads ``revoked_at`` on every request (S3)."""
    token = OrganizationApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            action=AuditAction.PARTNER_TOKEN_REVOKED,
            acting=acting,
            organization=token.organization,
            target=token,
            before={"name": token.name, "role": token.role},
        )
    return token


def organization_token_list(*, organization: PartnerOrganization) -> QuerySet[OrganizationApiToken]:
    return OrganizationApiToken.objects.select_related("created_by").filter(
        organization=organization
    )


def organization_token_get(*, organization_id: int, token_id: object) -> OrganizationApiToken:
    try:
        pk = int(str(token_id))
    except (TypeError, ValueError):
        pk = 0
    token = OrganizationApiToken.objects.filter(organization_id=organization_id, pk=pk).first()
    if token is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such token."))
    return token
