"""Partner organizations and their members (SPEC §9, partner side)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from storegate.access.authentication import partner_token, personal_token, principal_of
from storegate.access.guard import acting_of, declare_scope
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.accounts.services import user_by_email
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.partners.models import PartnerMember, PartnerRole
from storegate.partners.schemas import (
    MemberIn,
    MemberListOut,
    MemberOut,
    OrganizationCreateIn,
    OrganizationOut,
)
from storegate.partners.selectors import organizations_of_user
from storegate.partners.services import member_add, organization_create

router = Router(tags=["Partners"])


def member_out(member: PartnerMember) -> dict[str, object]:
    return {
        "id": str(member.pk),
        "user_id": str(member.user_id),
        "email": member.user.email,
        "name": member.user.name,
        "role": member.role,
        "two_factor": member.user.has_two_factor,
    }


@router.post(
    "/partners",
    response=with_errors({201: OrganizationOut}),
    auth=personal_token,
    summary="Create a partner organization",
)
@declare_scope("account")
def create_organization(
    request: HttpRequest, payload: OrganizationCreateIn
) -> Status[dict[str, object]]:
    org = organization_create(
        name=payload.name, website=payload.website or "", acting=acting_of(request)
    )
    return Status(
        201,
        {
            "id": str(org.pk),
            "name": org.name,
            "website": org.website,
            "role": PartnerRole.OWNER,
            "created_at": org.created_at,
        },
    )


@router.get(
    "/partners",
    response=with_errors({200: list[OrganizationOut]}),
    auth=personal_token,
    summary="My partner organizations",
)
@declare_scope("account")
def list_organizations(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": str(m.organization.pk),
            "name": m.organization.name,
            "website": m.organization.website,
            "role": m.role,
            "created_at": m.organization.created_at,
        }
        for m in organizations_of_user(user=principal_of(request).user)
    ]


@router.get(
    "/partners/{org_id}/members",
    response=with_errors({200: MemberListOut}),
    auth=partner_token,
    summary="Members",
)
@partner_requires(PartnerRole.STORE_VIEWER)
def list_members(request: HttpRequest, org_id: str, cursor: str | None = None) -> dict[str, object]:
    qs = PartnerMember.objects.select_related("user").filter(
        organization_id=partner_member_of(request).organization_id
    )
    rows, next_cursor = keyset_page(qs, cursor=cursor, descending=False)
    return page_response(rows, next_cursor, member_out)


@router.post(
    "/partners/{org_id}/members",
    response=with_errors({201: MemberOut}),
    auth=partner_token,
    summary="Add a member",
)
@partner_requires(PartnerRole.ADMIN)
def add_member(request: HttpRequest, org_id: str, payload: MemberIn) -> Status[dict[str, object]]:
    adder = partner_member_of(request)
    user = user_by_email(payload.email)
    if user is None:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("No Storegate account uses this e-mail; ask them to sign up first."),
            field="email",
        )
    member = member_add(
        organization=adder.organization,
        user=user,
        role=payload.role,
        adder=adder,
        acting=acting_of(request),
    )
    return Status(201, member_out(member))
