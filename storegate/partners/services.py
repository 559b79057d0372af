"""Writes of the partners app: organizations and members."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from storegate.accounts.models import User
from storegate.accounts.services import acting_person
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole


@transaction.atomic
def organization_create(*, name: str, website: str = "", acting: Acting) -> PartnerOrganization:
    """A new partner organization; the person acting becomes its owner."""
    owner = acting_person(acting)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Enter an organization name (at most 120 characters)."),
            field="name",
        )
    organization = PartnerOrganization.objects.create(name=name, website=website or "")
    PartnerMember.objects.create(organization=organization, user=owner, role=PartnerRole.OWNER)
    audit_record(
        action=AuditAction.PARTNER_CREATED,
        acting=acting,
        organization=organization,
        target=organization,
        after={"name": name},
    )
    return organization


@transaction.atomic
def member_add(
    *,
    organization: PartnerOrganization,
    user: User,
    role: str,
    adder: PartnerMember,
    acting: Acting,
) -> PartnerMember:
    """Add ``user`` to ``organization`` with ``role``. ``adder`` is the membership the guard
    resolved (for an organization token, bounded by the token's role): only an owner adds an
    owner (S6), whichever channel asks."""
    if role not in PartnerRole.values:
        raise ApplicationError(ErrorCode.VALIDATION_ERROR, _("Unknown role."), field="role")
    if role == PartnerRole.OWNER and adder.role != PartnerRole.OWNER:
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED, _("Only an owner can add another owner.")
        )
    try:
        with transaction.atomic():
            member = PartnerMember.objects.create(organization=organization, user=user, role=role)
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("This person is already a member."), field="email"
        ) from None
    audit_record(
        action=AuditAction.PARTNER_MEMBER_ADDED,
        acting=acting,
        organization=organization,
        target=member,
        after={"email": user.email, "role": role},
    )
    return member
