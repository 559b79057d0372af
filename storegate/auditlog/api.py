"""Audit trail endpoints (SPEC §9, R25).

Who may read a store's audit trail: the owner and anyone holding ``collaborators.manage`` (the
people who decide who gets into the store should see what was done in it). A partner
organization's admins and owner read their own organization's events.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from storegate.access.authentication import any_token, partner_token
from storegate.access.guard import acting_of, requires
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.audit.models import AuditEvent
from storegate.audit.services import audit_export_record
from storegate.auditlog.export import AuditExportFormat, audit_export_response
from storegate.auditlog.selectors import (
    audit_event_filter,
    audit_event_list,
    organization_member_ids,
)
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.pagination import page_response
from storegate.core.schemas import with_errors
from storegate.partners.models import PartnerRole
from storegate.stores.permissions import StorePermission

router = Router(tags=["Audit trail"])


class AuditFilters(Schema):
    date_from: str | None = Field(default=None, alias="from", description="ISO date or date-time.")
    date_to: str | None = Field(
        default=None, alias="to", description="ISO date (whole day) or date-time, inclusive."
    )
    actor: str | None = Field(default=None, description="The person: e-mail or user id.")
    organization: str | None = Field(default=None, description="A partner organization id.")
    action: str | None = Field(default=None, description="Exact, or a prefix ending in *.")
    format: str | None = Field(
        default=None, description="csv or json: stream the whole filtered trail, no cap."
    )
    cursor: str | None = None
    limit: int | None = None


class AuditActorOut(Schema):
    id: str | None
    email: str


class AuditOrganizationOut(Schema):
    id: str
    name: str


class AuditEventOut(Schema):
    id: str
    created_at: datetime
    action: str
    actor: AuditActorOut
    organization: AuditOrganizationOut | None
    store_id: str | None
    target_type: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    ip: str | None
    user_agent: str


class AuditEventListOut(Schema):
    items: list[AuditEventOut]
    next_cursor: str | None


def audit_event_out(
    event: AuditEvent, private_unless: frozenset[int] | None = None
) -> dict[str, object]:
    hide = private_unless is not None and event.actor_id not in private_unless
    return {
        "id": str(event.pk),
        "created_at": event.created_at,
        "action": event.action,
        "actor": {
            "id": str(event.actor_id) if event.actor_id else None,
            "email": event.actor_email,
        },
        "organization": (
            {"id": str(event.organization_id), "name": event.organization.name}
            if event.organization_id and event.organization is not None
            else None
        ),
        "store_id": str(event.store_id) if event.store_id else None,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "before": event.before,
        "after": event.after,
        "ip": None if hide else event.ip,
        "user_agent": "" if hide else event.user_agent,
    }


def check_format(value: str | None) -> AuditExportFormat | None:
    if value in (None, ""):
        return None
    try:
        return AuditExportFormat(value)
    except ValueError:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, _("format is csv or json."), field="format"
        ) from None


@router.get(
    "/stores/{store_id}/audit-events",
    response=with_errors({200: AuditEventListOut}),
    auth=any_token,
    summary="The store's audit trail; format=csv|json streams an export",
)
@requires(StorePermission.COLLABORATORS_MANAGE)
def store_audit_events(request: HttpRequest, store_id: str, filters: Query[AuditFilters]) -> Any:
    acting = acting_of(request)
    store = acting.store
    export_format = check_format(filters.format)
    criteria: dict[str, Any] = {
        "store": store,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "actor": filters.actor,
        "organization_id": filters.organization,
        "action": filters.action,
    }
    if export_format is None:
        rows, next_cursor = audit_event_list(**criteria, cursor=filters.cursor, limit=filters.limit)
        return page_response(rows, next_cursor, audit_event_out)
    exported = audit_export_record(
        acting=acting,
        store=store,
        organization=None,
        export_format=export_format,
        criteria=criteria,
    )
    # The export is a snapshot: everything before the event that records it.
    queryset = audit_event_filter(**criteria).filter(id__lt=exported.pk)
    return audit_export_response(
        queryset=queryset, export_format=export_format, filename=f"audit-{store.handle}"
    )


@router.get(
    "/partners/{org_id}/audit-events",
    response=with_errors({200: AuditEventListOut}),
    auth=partner_token,
    summary="The organization's own audit trail; format=csv|json streams an export",
)
@partner_requires(PartnerRole.ADMIN)
def partner_audit_events(request: HttpRequest, org_id: str, filters: Query[AuditFilters]) -> Any:
    member = partner_member_of(request)
    organization = member.organization
    export_format = check_format(filters.format)
    criteria: dict[str, Any] = {
        "organization": organization,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "actor": filters.actor,
        "action": filters.action,
    }
    if export_format is None:
        rows, next_cursor = audit_event_list(**criteria, cursor=filters.cursor, limit=filters.limit)
        members = organization_member_ids(organization)
        return page_response(rows, next_cursor, lambda e: audit_event_out(e, members))
    exported = audit_export_record(
        acting=acting_of(request),
        store=None,
        organization=organization,
        export_format=export_format,
        criteria=criteria,
    )
    queryset = audit_event_filter(**criteria).filter(id__lt=exported.pk)
    return audit_export_response(
        queryset=queryset,
        export_format=export_format,
        filename=f"audit-partner-{organization.pk}",
        private_unless=organization_member_ids(organization),
    )
