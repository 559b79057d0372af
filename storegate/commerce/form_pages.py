"""The forms of the commerce pages in the store admin: a form that calls a service, and the
create / edit / delete flow of simple objects (R19).

Every write calls the same service, under the same permission, as its JSON API operation
(``storegate/commerce/<group>/api.py``). A page declares its permission per method once
(``@requires(GET=..., POST=...)``), so the guard refuses a POST without the manage permission
before anything is read; the page shows the form only to those who hold it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from storegate.access.guard import acting_of, store_access_of
from storegate.core.errors import ApplicationError, not_found
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.views.confirm import confirm_page


def form_saved(request: HttpRequest, form: forms.Form, write: Callable[[], Any], done: str) -> Any:
    """Run the service once the form is valid and return what it wrote, or None when the form
    or the service refused (the service's error then sits next to the field it names)."""
    if not form.is_valid():
        return None
    try:
        result = write()
    except ApplicationError as exc:
        add_application_error(form, exc)
        return None
    messages.success(request, done)
    return result


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def form_status(form: forms.Form) -> int:
    return 400 if form.is_bound and form.errors else 200


def one_of(queryset: Any, pk: int, what: str) -> Any:
    # The selectors' lists are already limited to the store, so another store's id is 404.
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise not_found(what)
    return obj


@dataclass(frozen=True)
class Editable:
    """What differs between the sections whose objects are created and edited with one form."""

    group: str  # the URL namespace of its resource group, "inventory"
    name: str  # the object's name in the template, "location"
    form_class: type[forms.Form]
    create: Callable[..., Any]
    update: Callable[..., Any]
    id_arg: str  # the update service's keyword for the object's id
    manage: P
    created: Any  # lazy success messages
    saved: Any
    delete: P | None = None  # the permission that deletes the object, if it can be deleted
    remove: Callable[..., Any] | None = None  # the delete service
    deleted: Any = None
    data_of: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # form → service data

    def url(self, store_id: int, pk: int) -> str:
        """The object's page: the URL named ``<group>:<name>_detail``."""
        return reverse(f"{self.group}:{self.name}_detail", args=[store_id, pk])

    def list_url(self, store_id: int) -> str:
        """The section's list: the URL named ``<group>:<name>_list``."""
        return reverse(f"{self.group}:{self.name}_list", args=[store_id])

    def data(self, form: forms.Form) -> dict[str, Any]:
        return self.data_of(form.cleaned_data) if self.data_of else form.cleaned_data

    def page(
        self,
        request: HttpRequest,
        store_id: int,
        form: forms.Form,
        obj: Any,
        can: bool,
        can_delete: bool = False,
    ) -> HttpResponse:
        return render(
            request,
            f"web/store/{self.name}.html",
            {
                "store": acting_of(request).store,
                self.name: obj,
                "form": form,
                "can_edit": can,
                "can_delete": can_delete,
            },
            status=form_status(form),
        )


def new_object(request: HttpRequest, store_id: int, spec: Editable, initial: dict) -> HttpResponse:
    access = store_access_of(request)
    form = spec.form_class(posted(request), initial=initial)
    if request.method == "POST":
        created = form_saved(
            request,
            form,
            lambda: spec.create(
                acting=acting_of(request),
                data=spec.data(form),
            ),
            str(spec.created),
        )
        if created is not None:
            return redirect(spec.url(store_id, created.pk))
    return spec.page(request, access.store_id, form, None, can=True)


def edit_object(request: HttpRequest, store_id: int, spec: Editable, obj: Any) -> HttpResponse:
    access = store_access_of(request)
    initial = {name: getattr(obj, name) for name in spec.form_class.base_fields}
    form = spec.form_class(posted(request), initial=initial)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: spec.update(
            acting=acting_of(request),
            data=spec.data(form),
            **{spec.id_arg: obj.pk},
        ),
        str(spec.saved),
    ):
        return redirect(spec.url(store_id, obj.pk))
    can_delete = spec.delete is not None and access.can(spec.delete)
    return spec.page(
        request, access.store_id, form, obj, can=access.can(spec.manage), can_delete=can_delete
    )


def delete_object(
    request: HttpRequest, store_id: int, spec: Editable, obj: Any, page: dict[str, Any]
) -> HttpResponse:
    """A confirmation page whose POST deletes the object and returns to its list."""
    page = {**page, "cancel_url": spec.url(store_id, obj.pk)}
    assert spec.remove is not None
    if request.method == "POST":
        try:
            spec.remove(
                acting=acting_of(request),
                **{spec.id_arg: obj.pk},
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, str(spec.deleted))
        return redirect(spec.list_url(store_id))
    return confirm_page(request, **page)
