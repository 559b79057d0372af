"""Settings → Users and permissions: owner, staff, collaborators, requests and the code.

R10: only the owner and staff holding ``collaborators.manage`` see the code and the requests;
staff holding ``staff.view`` see the staff list. Services decide everything else.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, any_of, requires, store_access_of
from storegate.collaborators.models import CollaboratorAccess, CollaboratorRequest
from storegate.collaborators.selectors import store_collaborator_list, store_pending_requests
from storegate.collaborators.services import request_code_regenerate, request_code_set_required
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet, StorePermission
from storegate.stores.services import staff_invite, staff_remove, staff_update
from storegate.web.form_errors import add_application_error
from storegate.web.permission_checkboxes import PermissionField, grouped_permissions
from storegate.web.views.confirm import confirm_page
from storegate.web.views.htmx import is_htmx


def users_url(store_id: int) -> str:
    return reverse("store_users", args=[store_id])


@login_required
@requires(GET=any_of(StorePermission.STAFF_VIEW, StorePermission.COLLABORATORS_MANAGE))
def users_and_permissions(request: HttpRequest, store_id: int) -> HttpResponse:
    access = store_access_of(request)
    can_staff = access.can(StorePermission.STAFF_VIEW)
    can_collab = access.can(StorePermission.COLLABORATORS_MANAGE)
    store = acting_of(request).store
    staff = (
        list(
            StaffMember.objects.filter(
                store=store, status__in=[StaffStatus.INVITED, StaffStatus.ACTIVE]
            ).select_related("user")[:500]
        )
        if can_staff
        else []
    )
    collaborators: list[CollaboratorAccess] = []
    pending: list[CollaboratorRequest] = []
    if can_collab:
        collaborators, _cursor = store_collaborator_list(store=store, limit=200)
        pending = list(store_pending_requests(store=store)[:50])
    return render(
        request,
        "web/store/users.html",
        {
            "store": store,
            "access": access,
            "can_staff": can_staff,
            "can_manage_staff": access.can(StorePermission.STAFF_MANAGE),
            "can_collab": can_collab,
            "staff": staff,
            "staff_count": len(staff),
            "collaborators": collaborators,
            "pending": pending,
        },
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def code_regenerate(request: HttpRequest, store_id: int) -> HttpResponse:
    """R15: *Generate new code*; the old code stops working at once."""
    store = acting_of(request).store
    if request.method == "POST":
        try:
            store = request_code_regenerate(
                store=store,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(users_url(store_id))
        if is_htmx(request):
            return render(request, "web/store/_code.html", {"store": store, "regenerated": True})
        messages.success(request, _("A new collaborator request code was generated."))
        return redirect(users_url(store_id) + "#code")
    return confirm_page(
        request,
        title=_("Generate new code"),
        body=_("The current code stops working at once. Partners who have it need the new one."),
        button=_("Generate new code"),
        cancel_url=users_url(store_id),
        danger=False,
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def code_required(request: HttpRequest, store_id: int) -> HttpResponse:
    """R02/R15: whether partners need the code to send a request."""
    store = acting_of(request).store
    if request.method == "POST":
        required = request.POST.get("required") == "on"
        try:
            request_code_set_required(
                store=store,
                required=required,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Only people with a collaborator request code can send a collaborator request.")
                if required
                else _("Anyone can send a collaborator request."),
            )
        return redirect(users_url(store_id) + "#code")
    return render(request, "web/store/code_setting.html", {"store": store})


class StaffForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    permissions = PermissionField()


@login_required
@requires(GET=StorePermission.STAFF_MANAGE, POST=StorePermission.STAFF_MANAGE)
def staff_invite_view(request: HttpRequest, store_id: int) -> HttpResponse:
    """Invite staff (R07: not a member of a partner with access; R16: within the plan's limit)."""
    access = store_access_of(request)
    store = acting_of(request).store
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_invite(
                store=store,
                email=form.cleaned_data["email"],
                permissions=PermissionSet.of(form.cleaned_data["permissions"] or []),
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(users_url(store_id))
    checked = PermissionSet.of(request.POST.getlist("permissions")) if form.is_bound else None
    return render(
        request,
        "web/store/staff_form.html",
        {
            "store": store,
            "form": form,
            "groups": grouped_permissions(
                checked or PermissionSet.of([StorePermission.HOME_VIEW]),
                allowed=None if access.is_owner else access.permissions,
            ),
            "member": None,
        },
        status=400 if form.is_bound else 200,
    )


def _staff_member(store: Store, staff_id: int) -> StaffMember:
    member = (
        StaffMember.objects.filter(store=store, pk=staff_id)
        .exclude(status=StaffStatus.REMOVED)
        .first()
    )
    if member is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such staff member."))
    return member


class StaffEditForm(forms.Form):
    permissions = PermissionField()


@login_required
@requires(GET=StorePermission.STAFF_MANAGE, POST=StorePermission.STAFF_MANAGE)
def staff_edit(request: HttpRequest, store_id: int, staff_id: int) -> HttpResponse:
    access = store_access_of(request)
    store = acting_of(request).store
    member = _staff_member(store, staff_id)
    form = StaffEditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_update(
                store=store,
                staff=member,
                permissions=PermissionSet.of(form.cleaned_data["permissions"] or []),
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(
                request, _("Permissions of %(email)s saved.") % {"email": member.email}
            )
            return redirect(users_url(store_id))
    checked = (
        PermissionSet.of(request.POST.getlist("permissions"))
        if form.is_bound
        else member.permissions
    )
    return render(
        request,
        "web/store/staff_form.html",
        {
            "store": store,
            "form": form,
            "member": member,
            "groups": grouped_permissions(
                checked, allowed=None if access.is_owner else access.permissions
            ),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@requires(GET=StorePermission.STAFF_MANAGE, POST=StorePermission.STAFF_MANAGE)
def staff_remove_view(request: HttpRequest, store_id: int, staff_id: int) -> HttpResponse:
    store = acting_of(request).store
    member = _staff_member(store, staff_id)
    title = _("Remove staff account")
    body = _("Remove the staff account of %(email)s? They can no longer log in to this store.") % {
        "email": member.email
    }
    if request.method == "POST":
        try:
            staff_remove(
                store=store,
                staff=member,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(
                request,
                title=title,
                body=body,
                button=_("Remove staff account"),
                cancel_url=users_url(store_id),
                error=exc.message,
                status=exc.status,
            )
        messages.success(
            request, _("The staff account of %(email)s was removed.") % {"email": member.email}
        )
        return redirect(users_url(store_id))
    return confirm_page(
        request,
        title=title,
        body=body,
        button=_("Remove staff account"),
        cancel_url=users_url(store_id),
    )
