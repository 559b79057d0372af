"""Products, inventory and locations in the store admin: lists, details and edits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from storegate.access.guard import requires, store_access_of
from storegate.commerce import selectors
from storegate.commerce.models import (
    InventoryLevel,
    ProductStatus,
)
from storegate.commerce.services import (
    inventory_adjust,
    location_create,
    location_update,
    product_update,
)
from storegate.core.errors import ApplicationError
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.forms import InventoryAdjustForm, InventoryStockForm, LocationForm
from storegate.web.views.requester import acting_user, meta_of
from storegate.web.views.store_common import (
    Editable,
    edit_object,
    form_saved,
    form_status,
    list_page,
    new_object,
    one_of,
    posted,
    store_of,
)


@login_required
@requires(P.PRODUCTS_VIEW)
@require_GET
def product_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/products/"
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
        link=lambda p: f"{base}{p.pk}/",
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
@requires(P.PRODUCTS_VIEW)
@require_http_methods(["GET", "POST"])
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
    if request.method == "POST":
        access.require(P.PRODUCTS_MANAGE)
        if form.is_valid():
            try:
                product_update(
                    access=access,
                    acting_user=acting_user(request),
                    product_id=product.pk,
                    data=form.cleaned_data,
                    meta=meta_of(request),
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("The product was saved."))
                return redirect(f"/stores/{store_id}/products/{product.pk}/")
    return render(
        request,
        "web/store/product.html",
        {
            "store": Store.objects.get(pk=access.store_id),
            "product": product,
            "form": form,
            "can_edit": access.can(P.PRODUCTS_MANAGE),
            "show_costs": access.can(P.PRODUCTS_VIEW_COSTS),
            "can_stock": access.can(P.INVENTORY_MANAGE),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@requires(P.INVENTORY_VIEW)
@require_GET
def inventory_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/inventory/"
    return list_page(
        request,
        title=_("Inventory"),
        queryset=selectors.inventory_level_list(store_id=store_id),
        columns=[
            (_("Product"), lambda lv: f"{lv.variant.product.title} · {lv.variant.title}"),
            (_("SKU"), lambda lv: lv.variant.sku),
            (_("Location"), lambda lv: lv.location.name),
            (_("Available"), lambda lv: lv.available),
        ],
        link=lambda lv: f"{base}{lv.pk}/",
        empty=_("No inventory is tracked yet."),
    )


@login_required
@requires(P.INVENTORY_VIEW)
@require_http_methods(["GET", "POST"])
def inventory_level_detail(request: HttpRequest, store_id: int, level_id: int) -> HttpResponse:
    """The stock of one variant at one location, its recent adjustments, and (with
    ``inventory.manage``) a form to adjust it; every change is recorded with its reason."""
    access = store_access_of(request)
    level: InventoryLevel = one_of(
        selectors.inventory_level_list(store_id=access.store_id), level_id, "inventory level"
    )
    form = InventoryAdjustForm(posted(request))
    if request.method == "POST":
        access.require(P.INVENTORY_MANAGE)
        if form_saved(
            request,
            form,
            lambda: inventory_adjust(
                access=access,
                acting_user=acting_user(request),
                variant_id=level.variant_id,
                location_id=level.location_id,
                delta=form.cleaned_data["delta"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                meta=meta_of(request),
            ),
            _("The available quantity was adjusted."),
        ):
            return redirect(f"/stores/{store_id}/inventory/{level.pk}/")
    adjustments = selectors.inventory_adjustment_list(store_id=access.store_id).filter(level=level)[
        :20
    ]
    return render(
        request,
        "web/store/inventory_level.html",
        {
            "store": store_of(access.store_id),
            "level": level,
            "adjustments": adjustments,
            "form": form,
            "can_adjust": access.can(P.INVENTORY_MANAGE),
        },
        status=form_status(form),
    )


@login_required
@requires(P.INVENTORY_MANAGE)
@require_http_methods(["GET", "POST"])
def inventory_stock_new(request: HttpRequest, store_id: int, variant_id: int) -> HttpResponse:
    """Stock a variant at a location where it has none yet (the first adjustment creates the
    inventory level, as in the API); locations that already stock it are adjusted on their page."""
    access = store_access_of(request)
    variant = selectors.variant_get(store_id=access.store_id, variant_id=variant_id)
    stocked = set(
        selectors.inventory_level_list(store_id=access.store_id, variant_id=variant.pk).values_list(
            "location_id", flat=True
        )
    )
    locations = [
        (str(loc.pk), loc.name)
        for loc in selectors.location_list(store_id=access.store_id)
        if loc.pk not in stocked
    ]
    initial = {"reason": "received", "location": request.GET.get("location", "")}
    form = InventoryStockForm(posted(request), initial=initial, locations=locations)
    if request.method == "POST":
        done = form_saved(
            request,
            form,
            lambda: inventory_adjust(
                access=access,
                acting_user=acting_user(request),
                variant_id=variant.pk,
                location_id=form.cleaned_data["location"],
                delta=form.cleaned_data["delta"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                meta=meta_of(request),
            ),
            _("The stock at this location was recorded."),
        )
        if done is not None:
            return redirect(f"/stores/{store_id}/inventory/{done.level_id}/")
    return render(
        request,
        "web/store/inventory_stock_new.html",
        {
            "store": store_of(access.store_id),
            "variant": variant,
            "form": form,
            "has_locations": bool(locations),
        },
        status=form_status(form),
    )


@login_required
@requires(P.LOCATIONS_VIEW)
@require_GET
def location_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/locations/"
    can_manage = store_access_of(request).can(P.LOCATIONS_MANAGE)
    return list_page(
        request,
        title=_("Locations"),
        queryset=selectors.location_list(store_id=store_id),
        columns=[
            (_("Name"), lambda loc: loc.name),
            (_("City"), lambda loc: loc.city),
            (_("Country"), lambda loc: loc.country_code),
            (
                _("Fulfils online orders"),
                lambda loc: _("Yes") if loc.fulfills_online_orders else _("No"),
            ),
        ],
        link=lambda loc: f"{base}{loc.pk}/",
        empty=_("No locations yet."),
        actions=[(f"{base}new/", _("Add location"))] if can_manage else None,
    )


LOCATIONS = Editable(
    section="locations",
    name="location",
    form_class=LocationForm,
    create=location_create,
    update=location_update,
    id_arg="location_id",
    manage=P.LOCATIONS_MANAGE,
    created=gettext_lazy("The location was added."),
    saved=gettext_lazy("The location was saved."),
)


@login_required
@requires(P.LOCATIONS_MANAGE)
@require_http_methods(["GET", "POST"])
def location_new(request: HttpRequest, store_id: int) -> HttpResponse:
    initial = {"fulfills_online_orders": True, "is_active": True}
    return new_object(request, store_id, LOCATIONS, initial)


@login_required
@requires(P.LOCATIONS_VIEW)
@require_http_methods(["GET", "POST"])
def location_detail(request: HttpRequest, store_id: int, location_id: int) -> HttpResponse:
    """A location; with ``locations.manage`` the caller can edit it."""
    locations = selectors.location_list(store_id=store_access_of(request).store_id)
    return edit_object(request, store_id, LOCATIONS, one_of(locations, location_id, "location"))
