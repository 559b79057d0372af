"""Products in the store admin: the list and the product page with its edit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.catalogue import selectors
from storegate.commerce.catalogue.models import ProductStatus
from storegate.commerce.catalogue.services import product_update
from storegate.commerce.list_page import list_page
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error


@login_required
@requires(GET=P.PRODUCTS_VIEW)
def product_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return list_page(
        request,
        title=_("Products"),
        queryset=selectors.product_list(store_id=store_id, q=request.GET.get("q") or None),
        columns=[
            (_("Product"), lambda p: p.title),
            (_("Status"), lambda p: p.get_status_display()),
            (_("Vendor"), lambda p: p.vendor),
            (_("Variants"), lambda p: len(p.variants.all())),
        ],
        link=lambda p: reverse("catalogue:product_detail", args=[store_id, p.pk]),
        empty=_("No products yet."),
    )


class ProductForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ProductStatus.choices)
    vendor = forms.CharField(label=gettext_lazy("Vendor"), max_length=120, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
@requires(GET=P.PRODUCTS_VIEW, POST=P.PRODUCTS_MANAGE)
def product_detail(request: HttpRequest, store_id: int, product_id: int) -> HttpResponse:
    """A product; with ``products.manage`` the caller can edit it."""
    access = store_access_of(request)
    product = selectors.product_get(store_id=access.store_id, product_id=product_id)
    initial = {
        "title": product.title,
        "status": product.status,
        "vendor": product.vendor,
        "description": product.description,
    }
    form = ProductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            product_update(
                acting=acting_of(request),
                product_id=product.pk,
                data=form.cleaned_data,
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The product was saved."))
            return redirect("catalogue:product_detail", store_id, product.pk)
    return render(
        request,
        "web/store/product.html",
        {
            "store": acting_of(request).store,
            "product": product,
            "form": form,
            "can_edit": access.can(P.PRODUCTS_MANAGE),
            "show_costs": access.can(P.PRODUCTS_VIEW_COSTS),
            "can_stock": access.can(P.INVENTORY_MANAGE),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
