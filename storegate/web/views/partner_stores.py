"""The partner dashboard's *Stores* (R17): request access, cancel, log in, remove, hide."""

from __future__ import annotations

import contextlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.access.store_access import remember_store_session
from storegate.collaborators.models import PartnerStoreStatus, RequestStatus
from storegate.collaborators.selectors import (
    access_for_organization,
    partner_store_list,
    request_for_organization,
    store_for_organization_entry,
)
from storegate.collaborators.services import (
    collaborator_access_remove_by_partner,
    collaborator_request_cancel,
    collaborator_request_create,
    partner_store_hide,
)
from storegate.collaborators.sessions import store_session_open
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.models import Notification
from storegate.partners.models import PartnerRole, role_at_least
from storegate.stores.permissions import PermissionSet, Preset
from storegate.web.collaborator_forms import RequestAccessForm
from storegate.web.form_errors import add_application_error
from storegate.web.permission_checkboxes import grouped_permissions
from storegate.web.views.confirm import confirm_page
from storegate.web.views.htmx import is_htmx
from storegate.web.views.requester import acting_user

PAGE_SIZE = 25


def _stores_url(org_id: int) -> str:
    return reverse("partner_stores", args=[org_id])


@login_required
@partner_requires(GET=PartnerRole.STORE_VIEWER)
def store_list(request: HttpRequest, org_id: int) -> HttpResponse:
    member = partner_member_of(request)
    organization = member.organization
    status = request.GET.get("status") or None
    q = (request.GET.get("q") or "").strip()
    error = None
    try:
        entries, next_cursor = partner_store_list(
            organization=organization,
            status=status,
            q=q or None,
            cursor=request.GET.get("cursor") or None,
            limit=PAGE_SIZE,
        )
    except ApplicationError as exc:
        entries, next_cursor, error = [], None, exc.message
    keep = {k: v for k, v in {"status": status or "", "q": q}.items() if v}
    context = {
        "organization": organization,
        "member": member,
        "entries": entries,
        "next_url": (
            f"?{urlencode({**keep, 'cursor': next_cursor})}" if next_cursor is not None else None
        ),
        "status": status or "",
        "q": q,
        "statuses": [s for s in PartnerStoreStatus if s != PartnerStoreStatus.CANCELLED],
        "can_manage": role_at_least(member.role, PartnerRole.STORE_MANAGER),
        "error": error,
        "filtered": bool(status or q),
    }
    if is_htmx(request):
        return render(request, "web/partner/_stores_table.html", context)
    notifications = list(
        Notification.objects.filter(recipient=acting_user(request), organization=organization)[:5]
    )
    context["notifications"] = notifications
    response = render(request, "web/partner/stores.html", context)
    # Shown once as unread, then read.
    unread = [n.pk for n in notifications if n.read_at is None]
    if unread:
        from django.utils import timezone

        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return response


def _checked_from(form: RequestAccessForm) -> PermissionSet:
    data = form.data
    checked = PermissionSet()
    codes = data.getlist("permissions") if hasattr(data, "getlist") else []
    try:
        checked = PermissionSet.of([c for c in codes if isinstance(c, str)])
    except ValueError:
        checked = PermissionSet()
    preset_key = data.get("preset") if hasattr(data, "get") else None
    if preset_key and not codes:
        with contextlib.suppress(ValueError):
            checked = Preset.from_key(preset_key).permissions
    return checked


@login_required
@partner_requires(GET=PartnerRole.STORE_MANAGER, POST=PartnerRole.STORE_MANAGER)
def request_access(request: HttpRequest, org_id: int) -> HttpResponse:
    """Stores → Add store → Request access to store (R01–R06)."""
    member = partner_member_of(request)
    initial = {"store": request.GET.get("store", "")}
    form = RequestAccessForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        codes = list(data.get("permissions") or [])
        try:
            collaborator_request_create(
                organization=member.organization,
                store_reference=data["store"],
                code=data.get("code") or None,
                # The checkboxes a preset filled in are what the partner finally chose; the
                # preset alone counts only when no box is ticked (e.g. without JavaScript).
                permissions=codes or None,
                preset=None if codes else (data.get("preset") or None),
                message=data.get("message") or None,
                duration_days=data.get("duration_days"),
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("Request sent. The store owner gets an e-mail and a notification to review it."),
            )
            return redirect(_stores_url(org_id))
    checked = _checked_from(form) if form.is_bound else PermissionSet()
    return render(
        request,
        "web/partner/request_access.html",
        {
            "organization": member.organization,
            "form": form,
            "groups": grouped_permissions(checked),
            "presets": list(Preset),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@partner_requires(GET=PartnerRole.STORE_MANAGER)
def request_permissions(request: HttpRequest, org_id: int) -> HttpResponse:
    """htmx: the permission checkboxes after a preset is picked (R03)."""
    checked = PermissionSet()
    key = request.GET.get("preset") or ""
    if key:
        try:
            checked = Preset.from_key(key).permissions
        except ValueError:
            checked = PermissionSet()
    return render(
        request, "web/_permission_checkboxes.html", {"groups": grouped_permissions(checked)}
    )


@login_required
@partner_requires(GET=PartnerRole.STORE_MANAGER, POST=PartnerRole.STORE_MANAGER)
def request_cancel(request: HttpRequest, org_id: int, request_id: int) -> HttpResponse:
    """R08: Stores → Cancel request → Cancel access request."""
    member = partner_member_of(request)
    access_request = request_for_organization(
        organization=member.organization, request_id=request_id
    )
    title = _("Cancel access request")
    body = _("Cancel your request for access to %(store)s? The store owner no longer sees it.") % {
        "store": access_request.store.name
    }
    if access_request.status != RequestStatus.PENDING:
        messages.info(request, _("This request is no longer pending."))
        return redirect(_stores_url(org_id))
    if request.method == "POST":
        try:
            collaborator_request_cancel(request=access_request, acting=acting_of(request))
        except ApplicationError as exc:
            return confirm_page(
                request,
                title=title,
                body=body,
                button=_("Cancel access request"),
                cancel_url=_stores_url(org_id),
                error=exc.message,
                status=exc.status,
            )
        messages.success(request, _("The access request was cancelled."))
        return redirect(_stores_url(org_id))
    return confirm_page(
        request,
        title=title,
        body=body,
        button=_("Cancel access request"),
        cancel_url=_stores_url(org_id),
    )


@login_required
@partner_requires(POST=PartnerRole.STORE_VIEWER)
def store_login(request: HttpRequest, org_id: int, store_id: int) -> HttpResponse:
    """R18: the one way a collaborator enters a store: Stores → Log in."""
    member = partner_member_of(request)
    try:
        issued = store_session_open(
            member=member,
            store_id=store_id,
            two_factor=bool(request.session.get("two_factor")),
            acting=acting_of(request),
        )
    except ApplicationError as exc:
        if exc.code == ErrorCode.TWO_FACTOR_REQUIRED:
            messages.info(
                request,
                _("Turn on two-factor authentication to log in to stores, then log in again."),
            )
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': _stores_url(org_id)})}")
        messages.error(request, exc.message)
        return redirect(_stores_url(org_id))
    remember_store_session(request, store_id, issued.raw)
    return redirect("store_home", store_id=store_id)


@login_required
@partner_requires(GET=PartnerRole.STORE_MANAGER, POST=PartnerRole.STORE_MANAGER)
def access_remove(request: HttpRequest, org_id: int, store_id: int) -> HttpResponse:
    """R20: Stores → Remove access → Remove store."""
    member = partner_member_of(request)
    access = access_for_organization(organization=member.organization, store_id=store_id)
    title = _("Remove access")
    body = _(
        "Remove your organization's access to %(store)s? Everyone in your organization is logged "
        "out of the store at once. To work in it again you must request access again."
    ) % {"store": access.store.name}
    if request.method == "POST":
        try:
            collaborator_access_remove_by_partner(access=access, acting=acting_of(request))
        except ApplicationError as exc:
            return confirm_page(
                request,
                title=title,
                body=body,
                button=_("Remove store"),
                cancel_url=_stores_url(org_id),
                error=exc.message,
                status=exc.status,
            )
        messages.success(
            request, _("Your access to %(store)s was removed.") % {"store": access.store.name}
        )
        return redirect(_stores_url(org_id))
    return confirm_page(
        request, title=title, body=body, button=_("Remove store"), cancel_url=_stores_url(org_id)
    )


@login_required
@partner_requires(GET=PartnerRole.STORE_MANAGER, POST=PartnerRole.STORE_MANAGER)
def store_hide(request: HttpRequest, org_id: int, store_id: int) -> HttpResponse:
    """R21: Remove from list (after access was removed, declined, cancelled or expired)."""
    member = partner_member_of(request)
    store = store_for_organization_entry(organization=member.organization, store_id=store_id)
    title = _("Remove from list")
    body = _("Remove %(store)s from your list of stores? Nothing else changes.") % {
        "store": store.name
    }
    if request.method == "POST":
        try:
            partner_store_hide(
                organization=member.organization,
                store=store,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(_stores_url(org_id))
        messages.success(
            request, _("%(store)s was removed from your list.") % {"store": store.name}
        )
        return redirect(_stores_url(org_id))
    return confirm_page(
        request,
        title=title,
        body=body,
        button=_("Remove from list"),
        cancel_url=_stores_url(org_id),
        danger=False,
    )
