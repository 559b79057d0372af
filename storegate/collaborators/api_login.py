"""Partner side — store log-in endpoints (SPEC §9, R18)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from storegate.access.authentication import personal_token, principal_of
from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.collaborators.sessions import store_session_open
from storegate.core.links import page_url
from storegate.core.schemas import with_errors
from storegate.partners.models import PartnerRole

router = Router(tags=["Partner side — store log-in"])


class StoreSessionOut(Schema):
    store_session_token: str
    expires_at: datetime
    admin_url: str


@router.post(
    "/partners/{org_id}/stores/{store_id}/login",
    response=with_errors({201: StoreSessionOut}),
    auth=personal_token,
    summary="Log in to a store as a collaborator",
    description=(
        "Opens a store session bound to the organization's collaborator access and to the "
        "calling member (R18). Use the returned `store_session_token` as the bearer token of "
        "the store-side endpoints. Needs a two-factor personal token when the operator "
        "requires two-factor for collaborators (S4). A member who is the store's owner or "
        "staff is refused with `staff_login_only` (R22)."
    ),
)
@partner_requires(PartnerRole.STORE_VIEWER)
def login_to_store(request: HttpRequest, org_id: str, store_id: str) -> Status[dict[str, object]]:
    issued = store_session_open(
        member=partner_member_of(request),
        store_id=store_id,
        two_factor=principal_of(request).two_factor,
        acting=acting_of(request),
    )
    return Status(
        201,
        {
            "store_session_token": issued.raw,
            "expires_at": issued.session.expires_at,
            "admin_url": page_url("store_home", issued.session.store_id),
        },
    )
