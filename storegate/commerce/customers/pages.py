"""Customers in the store admin: the list, a new customer, the customer page and its delete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.customers import selectors
from storegate.commerce.customers.services import customer_create, customer_delete, customer_update
from storegate.commerce.form_pages import (
    Editable,
    delete_object,
    form_saved,
    form_status,
    new_object,
    posted,
)
from storegate.commerce.list_page import list_page
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import CustomerForm, split_tags


@login_required
@requires(GET=P.CUSTOMERS_VIEW)
def customer_list(request: HttpRequest, store_id: int) -> HttpResponse:
    can_manage = store_access_of(request).can(P.CUSTOMERS_MANAGE)
    return list_page(
        request,
        title=_("Customers"),
        queryset=selectors.customer_list(store_id=store_id, q=request.GET.get("q") or None),
        columns=[
            (_("Name"), lambda c: f"{c.first_name} {c.last_name}".strip() or c.email),
            (_("E-mail"), lambda c: c.email),
            (_("Country"), lambda c: c.country_code),
        ],
        link=lambda c: reverse("customers:customer_detail", args=[store_id, c.pk]),
        empty=_("No customers yet."),
        actions=[(reverse("customers:customer_new", args=[store_id]), _("Add customer"))]
        if can_manage
        else None,
    )


CUSTOMERS = Editable(
    group="customers",
    name="customer",
    form_class=CustomerForm,
    create=customer_create,
    update=customer_update,
    id_arg="customer_id",
    manage=P.CUSTOMERS_MANAGE,
    created=gettext_lazy("The customer was added."),
    saved=gettext_lazy("The customer was saved."),
    delete=P.CUSTOMERS_DELETE,
    remove=customer_delete,
    deleted=gettext_lazy("The customer was deleted."),
    data_of=lambda data: {**data, "tags": split_tags(data["tags"])},
)


@login_required
@requires(GET=P.CUSTOMERS_MANAGE, POST=P.CUSTOMERS_MANAGE)
def customer_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return new_object(request, store_id, CUSTOMERS, {})


@login_required
@requires(GET=P.CUSTOMERS_VIEW, POST=P.CUSTOMERS_MANAGE)
def customer_detail(request: HttpRequest, store_id: int, customer_id: int) -> HttpResponse:
    """A customer; with ``customers.manage`` the caller can edit them."""
    access = store_access_of(request)
    customer = selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    initial = {name: getattr(customer, name) for name in CustomerForm.base_fields}
    initial["tags"] = ", ".join(customer.tags)
    form = CustomerForm(posted(request), initial=initial)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: customer_update(
            acting=acting_of(request),
            customer_id=customer.pk,
            data=CUSTOMERS.data(form),
        ),
        _("The customer was saved."),
    ):
        return redirect("customers:customer_detail", store_id, customer.pk)
    return render(
        request,
        "web/store/customer.html",
        {
            "store": acting_of(request).store,
            "customer": customer,
            "form": form,
            "can_edit": access.can(P.CUSTOMERS_MANAGE),
            "can_delete": access.can(P.CUSTOMERS_DELETE),
        },
        status=form_status(form),
    )


@login_required
@requires(GET=P.CUSTOMERS_DELETE, POST=P.CUSTOMERS_DELETE)
def customer_delete_view(request: HttpRequest, store_id: int, customer_id: int) -> HttpResponse:
    """Deleting a customer keeps their orders (they lose the link to the customer)."""
    access = store_access_of(request)
    customer = selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    page = {
        "title": _("Delete customer %(email)s") % {"email": customer.email},
        "body": _(
            "Delete this customer? Their orders are kept but no longer linked to them. "
            "This cannot be undone."
        ),
        "button": _("Delete customer"),
    }
    return delete_object(request, store_id, CUSTOMERS, customer, page)
