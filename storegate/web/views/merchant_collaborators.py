"""Reviewing collaborator requests and managing accesses (R10–R14).

The review page is at the path the R04 e-mail links to:
``/stores/<store_id>/settings/collaborators/requests/<request_id>/``.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.access.store_access import StoreAccess
from storegate.collaborators.models import CollaboratorAccess, RequestStatus
from storegate.collaborators.selectors import access_for_store, request_for_store
from storegate.collaborators.services import (
    collaborator_access_remove,
    collaborator_access_resume,
    collaborator_access_suspend,
    collaborator_access_update,
    collaborator_request_approve,
    collaborator_request_decline,
)
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.permissions import PermissionSet, Preset, StorePermission
from storegate.web.collaborator_forms import ReviewForm, end_of_day
from storegate.web.form_errors import add_application_error
from storegate.web.permission_checkboxes import grouped_permissions, section_labels
from storegate.web.views.confirm import confirm_page
from storegate.web.views.merchant_users import users_url


def _allowed(access: StoreAccess) -> PermissionSet | None:
    # R11: staff can never grant what they do not hold; the owner holds everything.
    return None if access.is_owner else access.permissions


def _posted_permissions(request: HttpRequest) -> PermissionSet:
    try:
        return PermissionSet.of(request.POST.getlist("permissions"))
    except ValueError:
        return PermissionSet()


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def preset_permissions(request: HttpRequest, store_id: int) -> HttpResponse:
    """htmx: the checkboxes after the reviewer applies a preset."""
    checked = PermissionSet()
    key = request.GET.get("preset") or ""
    if key:
        try:
            checked = Preset.from_key(key).permissions
        except ValueError:
            checked = PermissionSet()
    return render(
        request,
        "web/_permission_checkboxes.html",
        {"groups": grouped_permissions(checked, allowed=_allowed(store_access_of(request)))},
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def request_review(request: HttpRequest, store_id: int, request_id: int) -> HttpResponse:
    """R10–R12: the organization, the member, the message and the permissions by section,
    as checkboxes the reviewer may change; an end date; approve or decline."""
    reviewer = store_access_of(request)
    store = acting_of(request).store
    access_request = request_for_store(store=store, request_id=request_id)
    pending = access_request.status == RequestStatus.PENDING
    initial_end = None
    if access_request.duration_days:
        initial_end = (timezone.now() + timedelta(days=access_request.duration_days)).date()
    form = ReviewForm(request.POST or None, initial={"end_date": initial_end})
    if request.method == "POST" and pending and form.is_valid():
        try:
            collaborator_request_approve(
                request=access_request,
                acting=acting_of(request),
                permissions=form.permission_set(),
                expires_at=end_of_day(form.cleaned_data.get("end_date")),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("%(org)s is now a collaborator of your store.")
                % {"org": access_request.organization.name},
            )
            return redirect(users_url(store_id) + "#collaborators")
    checked = _posted_permissions(request) if form.is_bound else access_request.permissions
    return render(
        request,
        "web/store/review.html",
        {
            "store": store,
            "req": access_request,
            "pending": pending,
            "form": form,
            "groups": grouped_permissions(checked, allowed=_allowed(reviewer)),
            "requested": section_labels(access_request.permissions),
            "presets": list(Preset),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def request_decline(request: HttpRequest, store_id: int, request_id: int) -> HttpResponse:
    reviewer = store_access_of(request)
    access_request = request_for_store(store=reviewer.store_id, request_id=request_id)
    back = reverse("request_review", args=[store_id, request_id])
    title = _("Decline request")
    body = _("Decline the request from %(org)s? They are told by e-mail.") % {
        "org": access_request.organization.name
    }
    if request.method == "POST":
        try:
            collaborator_request_decline(
                request=access_request,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(
                request,
                title=title,
                body=body,
                button=_("Decline request"),
                cancel_url=back,
                error=exc.message,
                status=exc.status,
            )
        messages.success(request, _("The request was declined."))
        return redirect(users_url(store_id))
    return confirm_page(
        request, title=title, body=body, button=_("Decline request"), cancel_url=back
    )


def _live(store_id: int, access_id: int) -> CollaboratorAccess:
    access = access_for_store(store=store_id, access_id=access_id)
    if not access.is_live():
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator."))
    return access


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def collaborator_edit(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    """R13: change a collaborator's permissions and end date."""
    reviewer = store_access_of(request)
    access = _live(reviewer.store_id, access_id)
    initial = {"end_date": access.expires_at.date() if access.expires_at else None}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            collaborator_access_update(
                access=access,
                acting=acting_of(request),
                permissions=form.permission_set(),
                expires_at=end_of_day(form.cleaned_data.get("end_date")),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request,
                _("The access of %(org)s was saved.") % {"org": access.organization.name},
            )
            return redirect(users_url(store_id) + "#collaborators")
    checked = _posted_permissions(request) if form.is_bound else access.permissions
    return render(
        request,
        "web/store/collaborator_edit.html",
        {
            "store": access.store,
            "collab": access,
            "form": form,
            "groups": grouped_permissions(checked, allowed=_allowed(reviewer)),
            "presets": list(Preset),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _access_action(
    request: HttpRequest,
    store_id: int,
    access_id: int,
    *,
    service: object,
    title: str,
    body: str,
    button: str,
    done: str,
    danger: bool = True,
) -> HttpResponse:
    reviewer = store_access_of(request)
    access = _live(reviewer.store_id, access_id)
    params = {"org": access.organization.name}
    back = users_url(store_id) + "#collaborators"
    if request.method == "POST":
        try:
            service(  # type: ignore[operator]
                access=access,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(
                request,
                title=title,
                body=body % params,
                button=button,
                cancel_url=back,
                error=exc.message,
                status=exc.status,
            )
        messages.success(request, done % params)
        return redirect(back)
    return confirm_page(
        request, title=title, body=body % params, button=button, cancel_url=back, danger=danger
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def collaborator_suspend(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    return _access_action(
        request,
        store_id,
        access_id,
        service=collaborator_access_suspend,
        title=_("Suspend collaborator"),
        body=_(
            "Suspend the access of %(org)s? Their sessions end at once; you can resume it later."
        ),
        button=_("Suspend"),
        done=_("The access of %(org)s is suspended."),
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def collaborator_resume(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    return _access_action(
        request,
        store_id,
        access_id,
        service=collaborator_access_resume,
        title=_("Resume collaborator"),
        body=_("Resume the access of %(org)s with the permissions it had?"),
        button=_("Resume"),
        done=_("The access of %(org)s is active again."),
        danger=False,
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def collaborator_remove(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    return _access_action(
        request,
        store_id,
        access_id,
        service=collaborator_access_remove,
        title=_("Remove collaborator"),
        body=_(
            "Remove the access of %(org)s? Their sessions end at once. To work in your store "
            "again they must send a new request."
        ),
        button=_("Remove collaborator"),
        done=_("The access of %(org)s was removed."),
    )
