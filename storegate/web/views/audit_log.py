"""The audit log pages (R25): the merchant's and the partner's, with their export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from storegate.collaborators.models import CollaboratorAccess
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerRole
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    # Field names are the API's query parameters, so export links reuse the same query string.
    date_from = forms.DateField(label=gettext_lazy("From"), required=False)
    date_to = forms.DateField(label=gettext_lazy("To"), required=False)
    actor = forms.CharField(label=gettext_lazy("Person (e-mail)"), required=False, max_length=254)
    organization = forms.TypedChoiceField(
        label=gettext_lazy("Organization"), required=False, coerce=str
    )
    action = forms.CharField(
        label=gettext_lazy("Action"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("Exact, or a prefix ending in * (collaborator.*)."),
    )

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ChoiceField)
        organization.choices = [("", _("Any organization")), *organizations]
        for name in ("date_from", "date_to"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "actor": data.get("actor") or None,
            "organization_id": data.get("organization") or None,
            "action": data.get("action") or None,
        }


def _store_organizations(store: Store) -> list[tuple[str, str]]:
    rows = (
        CollaboratorAccess.objects.filter(store=store)
        .values_list("organization_id", "organization__name")
        .distinct()
        .order_by("organization__name")[:200]
    )
    return [(str(pk), name) for pk, name in rows]


def _filter_query(request: HttpRequest) -> str:
    keep = {k: v for k, v in request.GET.items() if k != "cursor" and v}
    return urlencode(keep)


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def store_audit_log(request: HttpRequest, store_id: int) -> HttpResponse:
    store = acting_of(request).store
    form = AuditFilterForm(request.GET or None, organizations=_store_organizations(store))
    events: list[AuditEvent] = []
    next_cursor = None
    if form.is_bound and not form.is_valid():
        pass
    else:
        criteria = form.criteria() if form.is_bound else {}
        try:
            events, next_cursor = audit_event_list(
                store=store, cursor=request.GET.get("cursor") or None, limit=PAGE_SIZE, **criteria
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
    query = _filter_query(request)
    return render(
        request,
        "web/automation/audit_log.html",
        {
            "store": store,
            "form": form,
            "events": events,
            "next_cursor": next_cursor,
            "query": query,
            "export_url": reverse("store_audit_export", args=[store.pk]),
        },
    )


def _export(
    request: HttpRequest, *, store: Any, organization: Any, filename: str
) -> HttpResponseBase:
    organizations = _store_organizations(store) if store is not None else []
    form = AuditFilterForm(request.GET, organizations=organizations)
    export_format = request.GET.get("format", AuditExportFormat.CSV)
    if export_format not in set(AuditExportFormat) or not form.is_valid():
        raise ApplicationError(ErrorCode.VALIDATION_ERROR, _("Fix the filters, then export again."))
    criteria = form.criteria()
    if organization is not None:
        criteria.pop("organization_id")
    exported = audit_export_record(
        acting=acting_of(request),
        store=store,
        organization=organization,
        export_format=export_format,
        criteria=criteria,
    )
    queryset = audit_event_filter(store=store, organization=organization, **criteria).filter(
        id__lt=exported.pk
    )
    return audit_export_response(
        queryset=queryset,
        export_format=export_format,
        filename=filename,
        private_unless=organization_member_ids(organization) if organization is not None else None,
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def store_audit_export(request: HttpRequest, store_id: int) -> HttpResponseBase:
    store = acting_of(request).store
    return _export(request, store=store, organization=None, filename=f"audit-{store.handle}")


@login_required
@partner_requires(GET=PartnerRole.ADMIN)
def partner_audit_log(request: HttpRequest, org_id: int) -> HttpResponse:
    organization = partner_member_of(request).organization
    form = AuditFilterForm(request.GET or None, organizations=[])
    del form.fields["organization"]
    events: list[AuditEvent] = []
    next_cursor = None
    if not (form.is_bound and not form.is_valid()):
        criteria = form.criteria() if form.is_bound else {}
        criteria.pop("organization_id", None)
        try:
            events, next_cursor = audit_event_list(
                organization=organization,
                cursor=request.GET.get("cursor") or None,
                limit=PAGE_SIZE,
                **criteria,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
    members = organization_member_ids(organization)
    for event in events:
        if event.actor_id not in members:
            # Shown, never saved: the merchant's network data is not the partner's to see.
            event.ip = None
            event.user_agent = ""
    return render(
        request,
        "web/automation/audit_log.html",
        {
            "organization": organization,
            "form": form,
            "events": events,
            "next_cursor": next_cursor,
            "query": _filter_query(request),
            "export_url": reverse("partner_audit_export", args=[organization.pk]),
        },
    )


@login_required
@partner_requires(GET=PartnerRole.ADMIN)
def partner_audit_export(request: HttpRequest, org_id: int) -> HttpResponseBase:
    organization = partner_member_of(request).organization
    return _export(
        request, store=None, organization=organization, filename=f"audit-partner-{organization.pk}"
    )
