"""Inventory and locations in the store admin: lists, the stock of a variant at a location
with its adjustments, and the location pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.catalogue.selectors import variant_get
from storegate.commerce.form_pages import (
    Editable,
    edit_object,
    form_saved,
    form_status,
    new_object,
    one_of,
    posted,
)
from storegate.commerce.inventory import selectors
from storegate.commerce.inventory.models import InventoryLevel
from storegate.commerce.inventory.services import inventory_adjust, location_create, location_update
from storegate.commerce.list_page import list_page
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import InventoryAdjustForm, InventoryStockForm, LocationForm


@login_required
@requires(GET=P.INVENTORY_VIEW)
def inventory_list(request: HttpRequest, store_id: int) -> HttpResponse:
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
        link=lambda lv: reverse("inventory:inventory_level_detail", args=[store_id, lv.pk]),
        empty=_("No inventory is tracked yet."),
    )


@login_required
@requires(GET=P.INVENTORY_VIEW, POST=P.INVENTORY_MANAGE)
def inventory_level_detail(request: HttpRequest, store_id: int, level_id: int) -> HttpResponse:
    """The stock of one variant at one location, its recent adjustments, and (with
    ``inventory.manage``) a form to adjust it; every change is recorded with its reason."""
    access = store_access_of(request)
    level: InventoryLevel = one_of(
        selectors.inventory_level_list(store_id=access.store_id), level_id, "inventory level"
    )
    form = InventoryAdjustForm(posted(request))
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: inventory_adjust(
            acting=acting_of(request),
            variant_id=level.variant_id,
            location_id=level.location_id,
            delta=form.cleaned_data["delta"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ),
        _("The available quantity was adjusted."),
    ):
        return redirect("inventory:inventory_level_detail", store_id, level.pk)
    adjustments = selectors.inventory_adjustment_list(store_id=access.store_id).filter(level=level)[
        :20
    ]
    return render(
        request,
        "web/store/inventory_level.html",
        {
            "store": acting_of(request).store,
            "level": level,
            "adjustments": adjustments,
            "form": form,
            "can_adjust": access.can(P.INVENTORY_MANAGE),
        },
        status=form_status(form),
    )


@login_required
@requires(GET=P.INVENTORY_MANAGE, POST=P.INVENTORY_MANAGE)
def inventory_stock_new(request: HttpRequest, store_id: int, variant_id: int) -> HttpResponse:
    """Stock a variant at a location where it has none yet (the first adjustment creates the
    inventory level, as in the API); locations that already stock it are adjusted on their page."""
    access = store_access_of(request)
    variant = variant_get(store_id=access.store_id, variant_id=variant_id)
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
                acting=acting_of(request),
                variant_id=variant.pk,
                location_id=form.cleaned_data["location"],
                delta=form.cleaned_data["delta"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            ),
            _("The stock at this location was recorded."),
        )
        if done is not None:
            return redirect("inventory:inventory_level_detail", store_id, done.level_id)
    return render(
        request,
        "web/store/inventory_stock_new.html",
        {
            "store": acting_of(request).store,
            "variant": variant,
            "form": form,
            "has_locations": bool(locations),
        },
        status=form_status(form),
    )


@login_required
@requires(GET=P.LOCATIONS_VIEW)
def location_list(request: HttpRequest, store_id: int) -> HttpResponse:
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
        link=lambda loc: reverse("inventory:location_detail", args=[store_id, loc.pk]),
        empty=_("No locations yet."),
        actions=[(reverse("inventory:location_new", args=[store_id]), _("Add location"))]
        if can_manage
        else None,
    )


LOCATIONS = Editable(
    group="inventory",
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
@requires(GET=P.LOCATIONS_MANAGE, POST=P.LOCATIONS_MANAGE)
def location_new(request: HttpRequest, store_id: int) -> HttpResponse:
    initial = {"fulfills_online_orders": True, "is_active": True}
    return new_object(request, store_id, LOCATIONS, initial)


@login_required
@requires(GET=P.LOCATIONS_VIEW, POST=P.LOCATIONS_MANAGE)
def location_detail(request: HttpRequest, store_id: int, location_id: int) -> HttpResponse:
    """A location; with ``locations.manage`` the caller can edit it."""
    locations = selectors.location_list(store_id=store_access_of(request).store_id)
    return edit_object(request, store_id, LOCATIONS, one_of(locations, location_id, "location"))
