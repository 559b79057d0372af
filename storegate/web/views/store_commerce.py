"""The commerce sections of the store admin (R19): each page declares its permission, and the
navigation shows only the sections the caller may open. Lists are keyset-paginated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from storegate.commerce import selectors
from storegate.commerce.models import (
    FinancialStatus,
    FulfillmentStatus,
    Order,
    OrderStatus,
    ProductStatus,
)
from storegate.commerce.services import (
    fulfillment_create,
    general_settings_update,
    product_update,
)
from storegate.core.errors import ApplicationError
from storegate.core.pagination import keyset_page
from storegate.stores.access import StoreAccess
from storegate.stores.guard import requires, store_access_of
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission as P
from storegate.web.forms import (
    GeneralSettingsForm,
    OrderInformationForm,
    OrderRefundForm,
    ShippingAddressForm,
    add_application_error,
)
from storegate.web.views.common import acting_user, meta_of

PAGE_SIZE = 50


def _list_page(
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


def _money(amount: Any, currency: str) -> str:
    return f"{amount} {currency}"


@login_required
@requires(P.ORDERS_VIEW)
@require_GET
def order_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/orders/"
    return _list_page(
        request,
        title=_("Orders"),
        queryset=selectors.order_list(store_id=store_id),
        columns=[
            (_("Order"), lambda o: f"#{o.number}"),
            (_("Date"), lambda o: o.processed_at.strftime("%Y-%m-%d")),
            (_("Payment"), lambda o: o.get_financial_status_display()),
            (_("Fulfilment"), lambda o: o.get_fulfillment_status_display()),
            (_("Total"), lambda o: _money(o.total, o.currency)),
        ],
        link=lambda o: f"{base}{o.pk}/",
        empty=_("No orders yet."),
    )


class FulfillmentForm(forms.Form):
    tracking_company = forms.CharField(
        label=gettext_lazy("Shipping carrier"), max_length=120, required=False
    )
    tracking_number = forms.CharField(
        label=gettext_lazy("Tracking number"), max_length=120, required=False
    )
    tracking_url = forms.CharField(
        label=gettext_lazy("Tracking URL"), max_length=500, required=False
    )
    notify_customer = forms.BooleanField(
        label=gettext_lazy("Send the shipping confirmation to the customer"), required=False
    )


def order_page(
    request: HttpRequest,
    access: StoreAccess,
    order: Order,
    *,
    fulfill_form: FulfillmentForm | None = None,
    information_form: OrderInformationForm | None = None,
    refund_form: OrderRefundForm | None = None,
    address_form: ShippingAddressForm | None = None,
) -> HttpResponse:
    """The order with the forms and buttons the caller's permissions allow (the actions post to
    their own URLs, which render this page again with their form's errors)."""
    posted = [
        f for f in (fulfill_form, information_form, refund_form, address_form) if f is not None
    ]
    is_open = order.status != OrderStatus.CANCELLED
    unfulfilled = any(item.unfulfilled_quantity for item in order.line_items.all())
    paid = order.financial_status in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED)
    base = f"/stores/{access.store_id}/orders/{order.pk}/"
    return render(
        request,
        "web/store/order.html",
        {
            "store": Store.objects.get(pk=access.store_id),
            "order": order,
            "order_url": base,
            "form": fulfill_form or FulfillmentForm(),
            "information_form": information_form
            or OrderInformationForm(initial={"note": order.note, "tags": ", ".join(order.tags)}),
            "refund_form": refund_form or OrderRefundForm(),
            "address_form": address_form or ShippingAddressForm(initial=order.shipping_address),
            "refundable": order.total - order.refunded_total,
            "can_fulfill": access.can(P.ORDERS_FULFILL_AND_SHIP) and unfulfilled and is_open,
            "can_edit_information": access.can(P.ORDERS_MANAGE_INFORMATION),
            "can_mark_as_paid": access.can(P.ORDERS_MARK_AS_PAID)
            and is_open
            and order.financial_status == FinancialStatus.PENDING,
            "can_cancel": access.can(P.ORDERS_CANCEL)
            and is_open
            and order.fulfillment_status == FulfillmentStatus.UNFULFILLED,
            "can_refund": access.can(P.ORDERS_REFUND) and paid,
            "show_customer": access.can(P.CUSTOMERS_VIEW),
        },
        status=400 if any(f.is_bound and f.errors for f in posted) else 200,
    )


@login_required
@requires(P.ORDERS_VIEW)
@require_http_methods(["GET", "POST"])
def order_detail(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """An order; with ``orders.fulfill_and_ship`` the caller can post tracking (fulfil)."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    if request.method != "POST":
        return order_page(request, access, order)
    access.require(P.ORDERS_FULFILL_AND_SHIP)
    form = FulfillmentForm(request.POST)
    if form.is_valid():
        try:
            fulfillment_create(
                access=access,
                acting_user=acting_user(request),
                order_id=order.pk,
                lines=None,
                tracking_company=form.cleaned_data["tracking_company"],
                tracking_number=form.cleaned_data["tracking_number"],
                tracking_url=form.cleaned_data["tracking_url"],
                notify_customer=form.cleaned_data["notify_customer"],
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Tracking was added and the items are fulfilled."))
            return redirect(f"/stores/{store_id}/orders/{order.pk}/")
    return order_page(request, access, order, fulfill_form=form)


@login_required
@requires(P.DRAFT_ORDERS_VIEW)
@require_GET
def draft_order_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return _list_page(
        request,
        title=_("Draft orders"),
        queryset=selectors.draft_order_list(store_id=store_id),
        columns=[
            (_("Draft"), lambda d: f"#D{d.number}"),
            (_("E-mail"), lambda d: d.email),
            (_("Status"), lambda d: d.get_status_display()),
        ],
        empty=_("No draft orders."),
    )


@login_required
@requires(P.PRODUCTS_VIEW)
@require_GET
def product_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/products/"
    return _list_page(
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
    return _list_page(
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
@requires(P.LOCATIONS_VIEW)
@require_GET
def location_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/locations/"
    can_manage = store_access_of(request).can(P.LOCATIONS_MANAGE)
    return _list_page(
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


@login_required
@requires(P.CUSTOMERS_VIEW)
@require_GET
def customer_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/customers/"
    can_manage = store_access_of(request).can(P.CUSTOMERS_MANAGE)
    return _list_page(
        request,
        title=_("Customers"),
        queryset=selectors.customer_list(store_id=store_id, q=request.GET.get("q") or None),
        columns=[
            (_("Name"), lambda c: f"{c.first_name} {c.last_name}".strip() or c.email),
            (_("E-mail"), lambda c: c.email),
            (_("Country"), lambda c: c.country_code),
        ],
        link=lambda c: f"{base}{c.pk}/",
        empty=_("No customers yet."),
        actions=[(f"{base}new/", _("Add customer"))] if can_manage else None,
    )


@login_required
@requires(P.DISCOUNTS_VIEW)
@require_GET
def discount_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/discounts/"
    can_manage = store_access_of(request).can(P.DISCOUNTS_MANAGE)
    return _list_page(
        request,
        title=_("Discounts"),
        queryset=selectors.discount_list(store_id=store_id),
        columns=[
            (_("Code"), lambda d: d.code),
            (_("Type"), lambda d: d.get_kind_display()),
            (_("Used"), lambda d: d.times_used),
            (_("Active"), lambda d: _("Yes") if d.is_active else _("No")),
        ],
        link=lambda d: f"{base}{d.pk}/",
        empty=_("No discounts yet."),
        actions=[(f"{base}new/", _("Create discount"))] if can_manage else None,
    )


@login_required
@requires(P.GIFT_CARDS_VIEW)
@require_GET
def gift_card_list(request: HttpRequest, store_id: int) -> HttpResponse:
    base = f"/stores/{store_id}/gift-cards/"
    can_manage = store_access_of(request).can(P.GIFT_CARDS_MANAGE)
    return _list_page(
        request,
        title=_("Gift cards"),
        queryset=selectors.gift_card_list(store_id=store_id),
        columns=[
            (_("Code"), lambda g: f"…{g.last_characters}"),
            (_("Currency"), lambda g: g.currency),
            (_("Expires"), lambda g: g.expires_on or "—"),
            (_("Disabled"), lambda g: _("Yes") if g.disabled_at else _("No")),
        ],
        link=lambda g: f"{base}{g.pk}/",
        empty=_("No gift cards yet."),
        actions=[(f"{base}new/", _("Issue gift card"))] if can_manage else None,
    )


@login_required
@requires(P.MARKETS_VIEW)
@require_GET
def market_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return _list_page(
        request,
        title=_("Markets"),
        queryset=selectors.market_list(store_id=store_id),
        columns=[
            (_("Name"), lambda m: m.name),
            (_("Countries"), lambda m: ", ".join(m.countries)),
            (_("Currency"), lambda m: m.currency),
            (_("Enabled"), lambda m: _("Yes") if m.enabled else _("No")),
        ],
        empty=_("No markets yet."),
    )


@login_required
@requires(P.THEMES_VIEW)
@require_GET
def theme_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return _list_page(
        request,
        title=_("Online store"),
        queryset=selectors.theme_list(store_id=store_id),
        columns=[
            (_("Theme"), lambda t: t.name),
            (_("Role"), lambda t: t.get_role_display()),
            (_("Version"), lambda t: t.version),
        ],
        empty=_("No themes yet."),
    )


@login_required
@requires(P.REPORTS_VIEW)
@require_GET
def sales_report(request: HttpRequest, store_id: int) -> HttpResponse:
    report = selectors.sales_report(store_id=store_id)
    return render(
        request,
        "web/store/report.html",
        {"store": Store.objects.get(pk=store_id), "report": report},
    )


@login_required
@requires(P.SETTINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def store_settings(request: HttpRequest, store_id: int) -> HttpResponse:
    """Settings → General (editable) and Shipping and delivery (shown; edited on its own page)."""
    access = store_access_of(request)
    general = selectors.general_settings(store_id=access.store_id)
    initial = {
        name: getattr(general, name)
        for name in GeneralSettingsForm.base_fields
        if hasattr(general, name)
    }
    form = GeneralSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            general_settings_update(
                access=access,
                acting_user=acting_user(request),
                data=form.cleaned_data,
                meta=meta_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect(f"/stores/{store_id}/settings/")
    return render(
        request,
        "web/store/settings.html",
        {
            "store": Store.objects.get(pk=access.store_id),
            "general": general,
            "form": form,
            "zones": selectors.shipping_zones(store_id=access.store_id),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
