"""What the commerce pages of the store admin share: paginated lists, forms that call a
service, and the create / edit / delete flow of simple objects (R19).

Every write calls the same service, under the same permission, as its JSON API operation
(storegate/commerce/api/). A page that shows an object declares the section's view
permission and demands the manage permission in its POST branch, showing the form only to
those who hold it; a page that exists only to act (a new object, cancel, refund, …) declares
the action's permission itself, so the guard refuses everyone else before anything is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from storegate.access.guard import store_access_of
from storegate.core.errors import ApplicationError, not_found
from storegate.core.pagination import keyset_page
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.views.confirm import confirm_page
from storegate.web.views.requester import acting_user, meta_of

PAGE_SIZE = 50


def list_page(
    request: HttpRequest,
    *,
    title: Any,
    queryset: QuerySet[Any],
    columns: list[tuple[Any, Callable[[Any], Any]]],
    link: Callable[[Any], str] | None = None,
    empty: Any,
    actions: list[tuple[str, Any]] | None = None,
) -> HttpResponse:
    """A keyset-paginated table; ``actions`` are (url, label) buttons the caller may use."""
    store = Store.objects.get(pk=store_access_of(request).store_id)
    try:
        rows, next_cursor = keyset_page(
            queryset, cursor=request.GET.get("cursor") or None, limit=PAGE_SIZE
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        rows, next_cursor = [], None
    table = [
        {
            "cells": [render_cell(obj) for _label, render_cell in columns],
            "url": link(obj) if link else None,
        }
        for obj in rows
    ]
    return render(
        request,
        "web/store/list.html",
        {
            "store": store,
            "title": title,
            "headers": [label for label, _fn in columns],
            "rows": table,
            "next_cursor": next_cursor,
            "empty": empty,
            "actions": [{"url": url, "label": label} for url, label in actions or []],
        },
    )


def money(amount: Any, currency: str) -> str:
    return f"{amount} {currency}"


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


def store_of(store_id: int) -> Store:
    return Store.objects.get(pk=store_id)


def one_of(queryset: Any, pk: int, what: str) -> Any:
    # The selectors' lists are already limited to the store, so another store's id is 404.
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise not_found(what)
    return obj


@dataclass(frozen=True)
class Editable:
    """What differs between the sections whose objects are created and edited with one form."""

    section: str  # the list's path segment, "locations"
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
        return f"/stores/{store_id}/{self.section}/{pk}/"

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
                "store": store_of(store_id),
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
                access=access,
                acting_user=acting_user(request),
                data=spec.data(form),
                meta=meta_of(request),
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
    if request.method == "POST":
        access.require(spec.manage)
        if form_saved(
            request,
            form,
            lambda: spec.update(
                access=access,
                acting_user=acting_user(request),
                data=spec.data(form),
                meta=meta_of(request),
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
    access = store_access_of(request)
    page = {**page, "cancel_url": spec.url(store_id, obj.pk)}
    assert spec.remove is not None
    if request.method == "POST":
        try:
            spec.remove(
                access=access,
                acting_user=acting_user(request),
                meta=meta_of(request),
                **{spec.id_arg: obj.pk},
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, str(spec.deleted))
        return redirect(f"/stores/{store_id}/{spec.section}/")
    return confirm_page(request, **page)
