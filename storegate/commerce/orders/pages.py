"""Orders and draft orders in the store admin: lists, the order page, and its edits (note and
tags, shipping address, tracking, refund, mark as paid, cancel)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.access.store_access import StoreAccess
from storegate.commerce.form_pages import (
    form_saved,
    form_status,
    posted,
)
from storegate.commerce.list_page import list_page
from storegate.commerce.orders import selectors
from storegate.commerce.orders.models import FinancialStatus, FulfillmentStatus, Order, OrderStatus
from storegate.commerce.orders.services import (
    fulfillment_create,
    order_cancel,
    order_mark_as_paid,
    order_refund,
    order_update_information,
)
from storegate.core.errors import ApplicationError
from storegate.stores.permissions import StorePermission as P
from storegate.web.form_errors import add_application_error
from storegate.web.forms import (
    OrderCancelForm,
    OrderInformationForm,
    OrderRefundForm,
    ShippingAddressForm,
    split_tags,
)
from storegate.web.views.confirm import confirm_page


def money(amount: Any, currency: str) -> str:
    return f"{amount} {currency}"


@login_required
@requires(GET=P.ORDERS_VIEW)
def order_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return list_page(
        request,
        title=_("Orders"),
        queryset=selectors.order_list(store_id=store_id),
        columns=[
            (_("Order"), lambda o: f"#{o.number}"),
            (_("Date"), lambda o: o.processed_at.strftime("%Y-%m-%d")),
            (_("Payment"), lambda o: o.get_financial_status_display()),
            (_("Fulfilment"), lambda o: o.get_fulfillment_status_display()),
            (_("Total"), lambda o: money(o.total, o.currency)),
        ],
        link=lambda o: _order_url(store_id, o.pk),
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
    return render(
        request,
        "web/store/order.html",
        {
            "store": acting_of(request).store,
            "order": order,
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
@requires(GET=P.ORDERS_VIEW, POST=P.ORDERS_FULFILL_AND_SHIP)
def order_detail(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """An order; with ``orders.fulfill_and_ship`` the caller can post tracking (fulfil)."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    if request.method != "POST":
        return order_page(request, access, order)
    form = FulfillmentForm(request.POST)
    if form.is_valid():
        try:
            fulfillment_create(
                acting=acting_of(request),
                order_id=order.pk,
                lines=None,
                tracking_company=form.cleaned_data["tracking_company"],
                tracking_number=form.cleaned_data["tracking_number"],
                tracking_url=form.cleaned_data["tracking_url"],
                notify_customer=form.cleaned_data["notify_customer"],
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Tracking was added and the items are fulfilled."))
            return redirect(_order_url(store_id, order.pk))
    return order_page(request, access, order, fulfill_form=form)


@login_required
@requires(GET=P.DRAFT_ORDERS_VIEW)
def draft_order_list(request: HttpRequest, store_id: int) -> HttpResponse:
    return list_page(
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


def _order_url(store_id: int, order_id: int) -> str:
    return reverse("orders:order_detail", args=[store_id, order_id])


def _order_form_post(
    request: HttpRequest,
    order_id: int,
    form_class: type[forms.Form],
    write: Callable[..., Any],
    done: str,
    form_name: str,
) -> HttpResponse:
    """A form on the order page, posted: ``write(order=..., data=..., **caller)`` calls the
    service; on success back to the order, else the order page again with the form's errors."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = form_class(request.POST)
    caller = {"acting": acting_of(request)}
    if form_saved(
        request, form, lambda: write(order=order, data=form.cleaned_data, **caller), done
    ):
        return redirect(_order_url(access.store_id, order.pk))
    with_errors: dict[str, Any] = {form_name: form}
    return order_page(request, access, order, **with_errors)


@login_required
@requires(POST=P.ORDERS_MANAGE_INFORMATION)
def order_information(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """The order's note and tags."""

    def write(*, order: Order, data: dict[str, Any], **caller: Any) -> Any:
        tags = split_tags(data["tags"])
        return order_update_information(
            order_id=order.pk, data={"note": data["note"], "tags": tags}, **caller
        )

    return _order_form_post(
        request,
        order_id,
        OrderInformationForm,
        write,
        _("The note and tags were saved."),
        "information_form",
    )


@login_required
@requires(POST=P.ORDERS_MANAGE_INFORMATION)
def order_shipping_address(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """The order's shipping address; keys the form does not show (from the API) are kept."""

    def write(*, order: Order, data: dict[str, Any], **caller: Any) -> Any:
        address = {**order.shipping_address, **data}
        return order_update_information(
            order_id=order.pk, data={"shipping_address": address}, **caller
        )

    return _order_form_post(
        request,
        order_id,
        ShippingAddressForm,
        write,
        _("The shipping address was saved."),
        "address_form",
    )


@login_required
@requires(POST=P.ORDERS_REFUND)
def order_refund_view(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    def write(*, order: Order, data: dict[str, Any], **caller: Any) -> Any:
        return order_refund(
            order_id=order.pk, amount=data["amount"], reason=data["reason"], **caller
        )

    return _order_form_post(
        request, order_id, OrderRefundForm, write, _("The refund was recorded."), "refund_form"
    )


@login_required
@requires(GET=P.ORDERS_MARK_AS_PAID, POST=P.ORDERS_MARK_AS_PAID)
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
                acting=acting_of(request),
                order_id=order.pk,
            )
        except ApplicationError as exc:
            return confirm_page(request, **page, error=exc.message, status=exc.status)
        messages.success(request, _("The order is marked as paid."))
        return redirect(back)
    return confirm_page(request, **page)


@login_required
@requires(GET=P.ORDERS_CANCEL, POST=P.ORDERS_CANCEL)
def order_cancel_view(request: HttpRequest, store_id: int, order_id: int) -> HttpResponse:
    """Cancelling asks for a reason and a confirmation; a paid order is refunded in full."""
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    form = OrderCancelForm(posted(request))
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: order_cancel(
            acting=acting_of(request),
            order_id=order.pk,
            reason=form.cleaned_data["reason"],
        ),
        _("Order %(number)s was cancelled.") % {"number": order.name},
    ):
        return redirect(_order_url(store_id, order.pk))
    return render(
        request,
        "web/store/order_cancel.html",
        {
            "store": acting_of(request).store,
            "order": order,
            "form": form,
            "refunds_in_full": order.refunded_total < order.total
            and order.financial_status
            in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED),
            "cancel_url": _order_url(store_id, order.pk),
        },
        status=form_status(form),
    )
