"""The access review pages (R26): every collaborator at a glance, removing one or all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires
from storegate.collaborators.models import LIVE_ACCESS_STATUSES, CollaboratorAccess
from storegate.collaborators.review import access_review_build, collaborator_access_remove_all
from storegate.collaborators.services import collaborator_access_remove
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.permissions import StorePermission


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def access_review(request: HttpRequest, store_id: int) -> HttpResponse:
    store = acting_of(request).store
    digest = access_review_build(store=store)
    return render(request, "web/automation/review.html", {"store": store, "digest": digest})


def _live_access(store_id: int, access_id: int) -> CollaboratorAccess:
    access = (
        CollaboratorAccess.objects.select_related("organization")
        .filter(store_id=store_id, pk=access_id, status__in=LIVE_ACCESS_STATUSES)
        .first()
    )
    if access is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator access."))
    return access


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def access_review_remove(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    store = acting_of(request).store
    access = _live_access(store.pk, access_id)
    if request.method == "POST":
        collaborator_access_remove(access=access, acting=acting_of(request))
        messages.success(
            request,
            _("The access of %(org)s was removed.") % {"org": access.organization.name},
        )
        return redirect("access_review", store_id=store.pk)
    return render(request, "web/automation/review_remove.html", {"store": store, "access": access})


class RemoveAllForm(forms.Form):
    confirm_handle = forms.CharField(label=gettext_lazy("Type the store's handle"), max_length=63)

    def __init__(self, *args: Any, handle: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handle = handle

    def clean_confirm_handle(self) -> str:
        value = (self.cleaned_data.get("confirm_handle") or "").strip().lower()
        if value != self.handle:
            raise forms.ValidationError(_("Type the handle exactly to confirm."))
        return value


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def access_review_remove_all(request: HttpRequest, store_id: int) -> HttpResponse:
    store = acting_of(request).store
    count = CollaboratorAccess.objects.filter(store=store, status__in=LIVE_ACCESS_STATUSES).count()
    form = RemoveAllForm(request.POST or None, handle=store.handle)
    if request.method == "POST" and form.is_valid():
        removed = collaborator_access_remove_all(store=store, acting=acting_of(request))
        messages.success(request, _("%(n)s collaborator accesses were removed.") % {"n": removed})
        return redirect("access_review", store_id=store.pk)
    return render(
        request,
        "web/automation/review_remove_all.html",
        {"store": store, "form": form, "count": count},
    )
