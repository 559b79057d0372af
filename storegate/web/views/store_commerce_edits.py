"""Edits in the commerce sections of the store admin (R19).

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
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from storegate.commerce import selectors
from storegate.commerce.models import (
    FinancialStatus,
    GiftCard,
    InventoryLevel,
)
from storegate.commerce.services import (
    customer_create,
    customer_delete,
    customer_update,
    discount_create,
    discount_delete,
    discount_update,
    gift_card_create,
    gift_card_disable,
    inventory_adjust,
    location_create,
    location_update,
    order_cancel,
    order_mark_as_paid,
    order_refund,
    order_update_information,
    shipping_settings_replace,
)
from storegate.core.errors import ApplicationError, not_found
from storegate.stores.guard import requires, store_access_of
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import (
    CustomerForm,
    DiscountForm,
    GiftCardForm,
    InventoryAdjustForm,
    InventoryStockForm,
    LocationForm,
    OrderCancelForm,
    OrderInformationForm,
    OrderRefundForm,
    ShippingAddressForm,
    ShippingZonesForm,
    add_application_error,
    split_tags,
)
from storegate.web.views.common import acting_user, confirm_page, meta_of
from storegate.web.views.store_commerce import order_page


def _saved(request: HttpRequest, form: forms.Form, write: Callable[[], Any], done: str) -> Any:
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


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _status(form: forms.Form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _store(store_id: int) -> Store:
    return Store.objects.get(pk=store_id)


def _one(queryset: Any, pk: int, what: str) -> Any:
    # The selectors' lists are already limited to the store, so another store's id is 404.
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise not_found(what)
    return obj


# --- orders ----------------------------------------------------------------------------------


def _order_url(store_id: int, order_id: int) -> str:
    return f"/stores/{store_id}/orders/{order_id}/"


@login_required
@requires(P.ORDERS_MANAGE_INFORMATION)
@require_POST
def order_information(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """The order's note and tags."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = OrderInformationForm(request.POST)
    if _saved(
        request,
        form,
        lambda: order_update_information(
            access=access,
            acting_user=acting_user(request),
            order_id=order.pk,
            data={"note": form.cleaned_data["note"], "tags": split_tags(form.cleaned_data["tags"])},
            meta=meta_of(request),
        ),
        _("The note and tags were saved."),
    ):
        return redirect(_order_url(store_id, order.pk))
    return order_page(request, access, order, information_form=form)


@login_required
@requires(P.ORDERS_MANAGE_INFORMATION)
@require_POST
def order_shipping_address(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """The order's shipping address; keys the form does not show (from the API) are kept."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = ShippingAddressForm(request.POST)
    if _saved(
        request,
        form,
        lambda: order_update_information(
            access=access,
            acting_user=acting_user(request),
            order_id=order.pk,
            data={"shipping_address": {**order.shipping_address, **form.cleaned_data}},
            meta=meta_of(request),
        ),
        _("The shipping address was saved."),
    ):
        return redirect(_order_url(store_id, order.pk))
    return order_page(request, access, order, address_form=form)


@login_required
@requires(P.ORDERS_REFUND)
@require_POST
def order_refund_view(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = OrderRefundForm(request.POST)
    if _saved(
        request,
        form,
        lambda: order_refund(
            access=access,
            acting_user=acting_user(request),
            order_id=order.pk,
            amount=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            meta=meta_of(request),
        ),
        _("The refund was recorded."),
    ):
        return redirect(_order_url(store_id, order.pk))
    return order_page(request, access, order, refund_form=form)


@login_required
@requires(P.ORDERS_MARK_AS_PAID)
@require_http_methods(["GET", "POST"])
def order_mark_as_paid_view(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    back = _order_url(store_id, order.pk)
    page: dict[str, Any] = {
        "title": _("Mark order %(number)s as paid") % {"number": order.name},
        "body": _("Record that %(total)s %(currency)s was received for this order?")
        % {"total": order.total, "currency": order.currency},
        "button": _("Mark as paid"),
        "cancel_url": back,
        "danger": False,
    }
    if request.method == "POST":
        try:
            order_mark_as_paid(
                access=access,
                acting_user=acting_user(request),
                order_id=order.pk,
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, _("The order is marked as paid."))
        return redirect(back)
    return confirm_page(request, **page)


@login_required
@requires(P.ORDERS_CANCEL)
@require_http_methods(["GET", "POST"])
def order_cancel_view(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """Cancelling asks for a reason and a confirmation; a paid order is refunded in full."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = OrderCancelForm(_posted(request))
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: order_cancel(
            access=access,
            acting_user=acting_user(request),
            order_id=order.pk,
            reason=form.cleaned_data["reason"],
            meta=meta_of(request),
        ),
        _("Order %(number)s was cancelled.") % {"number": order.name},
    ):
        return redirect(_order_url(store_id, order.pk))
    return render(
        request,
        "web/store/order_cancel.html",
        {
            "store": _store(access.store_id),
            "order": order,
            "form": form,
            "refunds_in_full": order.refunded_total < order.total
            and order.financial_status
            in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED),
            "cancel_url": _order_url(store_id, order.pk),
        },
        status=_status(form),
    )


# --- inventory -------------------------------------------------------------------------------


@login_required
@requires(P.INVENTORY_VIEW)
@require_http_methods(["GET", "POST"])
def inventory_level_detail(request: HttpRequest, store_id: int, level_id: int) -> HttpResponse:
    """The stock of one variant at one location, its recent adjustments, and (with
    ``inventory.manage``) a form to adjust it; every change is recorded with its reason."""
    access = store_access_of(request)
    level: InventoryLevel = _one(
        selectors.inventory_level_list(store_id=access.store_id), level_id, "inventory level"
    )
    form = InventoryAdjustForm(_posted(request))
    if request.method == "POST":
        access.require(P.INVENTORY_MANAGE)
        if _saved(
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
            "store": _store(access.store_id),
            "level": level,
            "adjustments": adjustments,
            "form": form,
            "can_adjust": access.can(P.INVENTORY_MANAGE),
        },
        status=_status(form),
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
    form = InventoryStockForm(_posted(request), initial=initial, locations=locations)
    if request.method == "POST":
        done = _saved(
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
            "store": _store(access.store_id),
            "variant": variant,
            "form": form,
            "has_locations": bool(locations),
        },
        status=_status(form),
    )


# --- locations and discounts: a list's "new" page and an object's edit page -----------------


@dataclass(frozen=True)
class _Editable:
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
                "store": _store(store_id),
                self.name: obj,
                "form": form,
                "can_edit": can,
                "can_delete": can_delete,
            },
            status=_status(form),
        )


def _new_object(
    request: HttpRequest, store_id: int, spec: _Editable, initial: dict
) -> HttpResponse:
    access = store_access_of(request)
    form = spec.form_class(_posted(request), initial=initial)
    if request.method == "POST":
        created = _saved(
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


def _edit_object(request: HttpRequest, store_id: int, spec: _Editable, obj: Any) -> HttpResponse:
    access = store_access_of(request)
    initial = {name: getattr(obj, name) for name in spec.form_class.base_fields}
    form = spec.form_class(_posted(request), initial=initial)
    if request.method == "POST":
        access.require(spec.manage)
        if _saved(
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


def _delete_object(
    request: HttpRequest, store_id: int, spec: _Editable, obj: Any, page: dict[str, Any]
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


LOCATIONS = _Editable(
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
DISCOUNTS = _Editable(
    section="discounts",
    name="discount",
    form_class=DiscountForm,
    create=discount_create,
    update=discount_update,
    id_arg="discount_id",
    manage=P.DISCOUNTS_MANAGE,
    created=gettext_lazy("The discount was created."),
    saved=gettext_lazy("The discount was saved."),
    delete=P.DISCOUNTS_DELETE,
    remove=discount_delete,
    deleted=gettext_lazy("The discount was deleted."),
)
CUSTOMERS = _Editable(
    section="customers",
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
@requires(P.LOCATIONS_MANAGE)
@require_http_methods(["GET", "POST"])
def location_new(request: HttpRequest, store_id: int) -> HttpResponse:
    initial = {"fulfills_online_orders": True, "is_active": True}
    return _new_object(request, store_id, LOCATIONS, initial)


@login_required
@requires(P.LOCATIONS_VIEW)
@require_http_methods(["GET", "POST"])
def location_detail(request: HttpRequest, store_id: int, location_id: int) -> HttpResponse:
    """A location; with ``locations.manage`` the caller can edit it."""
    locations = selectors.location_list(store_id=store_access_of(request).store_id)
    return _edit_object(request, store_id, LOCATIONS, _one(locations, location_id, "location"))


@login_required
@requires(P.DISCOUNTS_MANAGE)
@require_http_methods(["GET", "POST"])
def discount_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return _new_object(request, store_id, DISCOUNTS, {"is_active": True})


@login_required
@requires(P.DISCOUNTS_VIEW)
@require_http_methods(["GET", "POST"])
def discount_detail(request: HttpRequest, store_id: int, discount_id: int) -> HttpResponse:
    """A discount; with ``discounts.manage`` the caller can edit or deactivate it."""
    discounts = selectors.discount_list(store_id=store_access_of(request).store_id)
    return _edit_object(request, store_id, DISCOUNTS, _one(discounts, discount_id, "discount"))


@login_required
@requires(P.DISCOUNTS_DELETE)
@require_http_methods(["GET", "POST"])
def discount_delete_view(request: HttpRequest, store_id: int, discount_id: int) -> HttpResponse:
    discounts = selectors.discount_list(store_id=store_access_of(request).store_id)
    discount = _one(discounts, discount_id, "discount")
    page = {
        "title": _("Delete discount %(code)s") % {"code": discount.code},
        "body": _(
            "Delete this discount? Customers can no longer use the code, and it cannot be undone."
        ),
        "button": _("Delete discount"),
    }
    return _delete_object(request, store_id, DISCOUNTS, discount, page)


# --- customers -------------------------------------------------------------------------------


@login_required
@requires(P.CUSTOMERS_MANAGE)
@require_http_methods(["GET", "POST"])
def customer_new(request: HttpRequest, store_id: int) -> HttpResponse:
    return _new_object(request, store_id, CUSTOMERS, {})


@login_required
@requires(P.CUSTOMERS_DELETE)
@require_http_methods(["GET", "POST"])
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
    return _delete_object(request, store_id, CUSTOMERS, customer, page)


@login_required
@requires(P.CUSTOMERS_VIEW)
@require_http_methods(["GET", "POST"])
def customer_detail(request: HttpRequest, store_id: int, customer_id: int) -> HttpResponse:
    """A customer; with ``customers.manage`` the caller can edit them."""
    access = store_access_of(request)
    customer = selectors.customer_get(store_id=access.store_id, customer_id=customer_id)
    initial = {name: getattr(customer, name) for name in CustomerForm.base_fields}
    initial["tags"] = ", ".join(customer.tags)
    form = CustomerForm(_posted(request), initial=initial)
    if request.method == "POST":
        access.require(P.CUSTOMERS_MANAGE)
        if _saved(
            request,
            form,
            lambda: customer_update(
                access=access,
                acting_user=acting_user(request),
                customer_id=customer.pk,
                data=CUSTOMERS.data(form),
                meta=meta_of(request),
            ),
            _("The customer was saved."),
        ):
            return redirect(f"/stores/{store_id}/customers/{customer.pk}/")
    return render(
        request,
        "web/store/customer.html",
        {
            "store": _store(access.store_id),
            "customer": customer,
            "form": form,
            "can_edit": access.can(P.CUSTOMERS_MANAGE),
            "can_delete": access.can(P.CUSTOMERS_DELETE),
        },
        status=_status(form),
    )


# --- gift cards ------------------------------------------------------------------------------


@login_required
@requires(P.GIFT_CARDS_MANAGE)
@require_http_methods(["GET", "POST"])
def gift_card_new(request: HttpRequest, store_id: int) -> HttpResponse:
    """Issue a gift card. Its code is in this one response and nowhere else (it is stored only
    as a hash), so the page is not cached and there is no redirect that could lose it."""
    access = store_access_of(request)
    form = GiftCardForm(_posted(request))
    issued = None
    if request.method == "POST":
        issued = _saved(
            request,
            form,
            lambda: gift_card_create(
                access=access,
                acting_user=acting_user(request),
                initial_value=form.cleaned_data["initial_value"],
                note=form.cleaned_data["note"],
                expires_on=form.cleaned_data["expires_on"],
                meta=meta_of(request),
            ),
            _("The gift card was issued."),
        )
    if issued is not None:
        card, code = issued
        response = render(
            request,
            "web/store/gift_card.html",
            {"store": _store(access.store_id), "card": card, "code": code, "can_disable": True},
        )
        add_never_cache_headers(response)
        return response
    return render(
        request,
        "web/store/gift_card_new.html",
        {"store": _store(access.store_id), "form": form},
        status=_status(form),
    )


def _gift_card(store_id: int, gift_card_id: int) -> GiftCard:
    card: GiftCard = _one(selectors.gift_card_list(store_id=store_id), gift_card_id, "gift card")
    return card


@login_required
@requires(P.GIFT_CARDS_VIEW)
@require_http_methods(["GET"])
def gift_card_detail(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    return render(
        request,
        "web/store/gift_card.html",
        {
            "store": _store(access.store_id),
            "card": card,
            "code": None,
            "can_disable": access.can(P.GIFT_CARDS_MANAGE) and card.disabled_at is None,
        },
    )


@login_required
@requires(P.GIFT_CARDS_MANAGE)
@require_http_methods(["GET", "POST"])
def gift_card_disable_view(request: HttpRequest, store_id: int, gift_card_id: int) -> HttpResponse:
    access = store_access_of(request)
    card = _gift_card(access.store_id, gift_card_id)
    back = f"/stores/{store_id}/gift-cards/{card.pk}/"
    page: dict[str, Any] = {
        "title": _("Deactivate gift card …%(last)s") % {"last": card.last_characters},
        "body": _(
            "Deactivate this gift card? Its balance of %(balance)s %(currency)s can no longer "
            "be spent. This cannot be undone."
        )
        % {"balance": card.balance, "currency": card.currency},
        "button": _("Deactivate gift card"),
        "cancel_url": back,
    }
    if request.method == "POST":
        try:
            gift_card_disable(
                access=access,
                acting_user=acting_user(request),
                gift_card_id=card.pk,
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, _("The gift card was deactivated."))
        return redirect(back)
    return confirm_page(request, **page)


# --- settings --------------------------------------------------------------------------------


@login_required
@requires(P.SETTINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def shipping_settings(request: HttpRequest, store_id: int) -> HttpResponse:
    """Settings → Shipping and delivery: the zones and their rates, replaced as a whole by the
    same service as ``PUT .../settings/shipping``."""
    access = store_access_of(request)
    zones = selectors.shipping_zones(store_id=access.store_id)
    form = ShippingZonesForm(_posted(request), zones=zones)
    if request.method == "POST" and form.is_valid():
        try:
            shipping_settings_replace(
                access=access,
                acting_user=acting_user(request),
                zones=form.zones(),
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("The shipping zones were saved."))
            return redirect(f"/stores/{store_id}/settings/")
    return render(
        request,
        "web/store/shipping_settings.html",
        {"store": _store(access.store_id), "form": form},
        status=_status(form),
    )
