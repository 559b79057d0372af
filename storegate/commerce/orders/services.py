"""Writes of orders: information, payment, cancellation, refunds and fulfilments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.customers.models import Customer
from storegate.commerce.input import (
    clean_money,
    clean_tags,
    clean_text,
    invalid,
)
from storegate.commerce.inventory.models import Location
from storegate.commerce.lookup import get_in_store, parse_id, store_access
from storegate.commerce.money import ZERO
from storegate.commerce.orders.models import (
    DraftOrder,
    FinancialStatus,
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    LineItem,
    Order,
    OrderStatus,
    Refund,
)
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import Store

CANCEL_REASONS = ("customer", "fraud", "inventory", "declined", "other")


FIRST_ORDER_NUMBER = 1001


def invalid_state(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_STATE, message)


def _locked_order(acting: Acting, order_id: Any) -> Order:
    get_in_store(Order, acting=acting, pk=order_id, what="order")
    return Order.objects.select_for_update().get(pk=parse_id(order_id, "order"))


def fulfillment_status_of(order: Order) -> str:
    lines = list(order.line_items.all())
    shipped = sum(line.fulfilled_quantity for line in lines)
    if shipped == 0:
        return FulfillmentStatus.UNFULFILLED
    if all(line.fulfilled_quantity >= line.quantity for line in lines):
        return FulfillmentStatus.FULFILLED
    return FulfillmentStatus.PARTIALLY_FULFILLED


@transaction.atomic
def order_update_information(
    *,
    acting: Acting,
    order_id: Any,
    data: dict[str, Any],
) -> Order:
    """Notes, tags and the shipping address (``orders.manage_information``)."""
    order = _locked_order(acting, order_id)
    updates: dict[str, Any] = {}
    if "note" in data and data["note"] is not None:
        updates["note"] = clean_text(data["note"], field="note", max_length=5000)
    if "tags" in data and data["tags"] is not None:
        updates["tags"] = clean_tags(data["tags"])
    if "shipping_address" in data and data["shipping_address"] is not None:
        address = data["shipping_address"]
        if not isinstance(address, dict) or len(address) > 12:
            raise invalid(_("Give the address as an object of text fields."), "shipping_address")
        if any(not 1 <= len(str(key)) <= 40 for key in address):
            # Refused rather than cut: two long names cut alike would overwrite each other.
            raise invalid(_("Name each address field in 1 to 40 characters."), "shipping_address")
        updates["shipping_address"] = {
            str(k): clean_text(v, field=f"shipping_address.{k}", max_length=255)
            for k, v in address.items()
        }
    before, after = changes(order, updates)
    if after:
        order.save(update_fields=[*after, "updated_at"])
        audit_write(
            action=AuditAction.ORDER_INFORMATION_UPDATED,
            acting=acting,
            target=order,
            before=before,
            after=after,
        )
    return order


@transaction.atomic
def order_mark_as_paid(*, acting: Acting, order_id: Any) -> Order:
    order = _locked_order(acting, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise invalid_state(_("A cancelled order cannot be marked as paid."))
    if order.financial_status != FinancialStatus.PENDING:
        raise invalid_state(_("Only an order with payment pending can be marked as paid."))
    order.financial_status = FinancialStatus.PAID
    order.save(update_fields=["financial_status", "updated_at"])
    audit_write(
        action=AuditAction.ORDER_MARKED_AS_PAID,
        acting=acting,
        target=order,
        before={"financial_status": FinancialStatus.PENDING},
        after={"financial_status": FinancialStatus.PAID},
    )
    return order


@transaction.atomic
def order_cancel(
    *,
    acting: Acting,
    order_id: Any,
    reason: str,
) -> Order:
    """Cancel an order nothing of which has shipped; a paid order is refunded in full."""
    access = store_access(acting)
    if reason not in CANCEL_REASONS:
        raise invalid(
            _("Use one of the reasons: %(r)s.") % {"r": ", ".join(CANCEL_REASONS)}, "reason"
        )
    order = _locked_order(acting, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise invalid_state(_("This order is already cancelled."))
    if order.fulfillment_status != FulfillmentStatus.UNFULFILLED:
        raise invalid_state(
            _("An order with shipped items cannot be cancelled; return the items instead.")
        )
    before = {"status": order.status, "financial_status": order.financial_status}
    if order.financial_status == FinancialStatus.PENDING:
        order.financial_status = FinancialStatus.VOIDED
    elif order.financial_status in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED):
        remaining = order.total - order.refunded_total
        if remaining > 0:
            Refund.objects.create(
                store_id=access.store_id,
                order=order,
                amount=remaining,
                reason=_("Order cancelled"),
                created_by=acting.user,
            )
        order.refunded_total = order.total
        order.financial_status = FinancialStatus.REFUNDED
    order.status = OrderStatus.CANCELLED
    order.cancelled_at = timezone.now()
    order.cancel_reason = reason
    order.save(
        update_fields=[
            "status",
            "financial_status",
            "refunded_total",
            "cancelled_at",
            "cancel_reason",
            "updated_at",
        ]
    )
    audit_write(
        action=AuditAction.ORDER_CANCELLED,
        acting=acting,
        target=order,
        before=before,
        after={
            "status": order.status,
            "financial_status": order.financial_status,
            "reason": reason,
        },
    )
    return order


@transaction.atomic
def order_refund(
    *,
    acting: Acting,
    order_id: Any,
    amount: Any,
    reason: str = "",
) -> Refund:
    access = store_access(acting)
    value = clean_money(amount, field="amount", positive=True)
    assert value is not None
    reason = clean_text(reason, field="reason", max_length=255)
    order = _locked_order(acting, order_id)
    if order.financial_status not in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED):
        raise invalid_state(_("Only a paid order can be refunded."))
    refundable = order.total - order.refunded_total
    if value > refundable:
        raise invalid(
            _("At most %(amount)s %(currency)s can be refunded.")
            % {"amount": refundable, "currency": order.currency},
            "amount",
        )
    refund = Refund.objects.create(
        store_id=access.store_id, order=order, amount=value, reason=reason, created_by=acting.user
    )
    before = {"financial_status": order.financial_status, "refunded_total": order.refunded_total}
    order.refunded_total += value
    order.financial_status = (
        FinancialStatus.REFUNDED
        if order.refunded_total >= order.total
        else FinancialStatus.PARTIALLY_REFUNDED
    )
    order.save(update_fields=["refunded_total", "financial_status", "updated_at"])
    audit_write(
        action=AuditAction.ORDER_REFUNDED,
        acting=acting,
        target=order,
        before=before,
        after={
            "financial_status": order.financial_status,
            "refunded_total": order.refunded_total,
            "amount": value,
        },
    )
    return refund


@transaction.atomic
def order_delete(*, acting: Acting, order_id: Any) -> None:
    order = _locked_order(acting, order_id)
    if order.status != OrderStatus.CANCELLED:
        raise invalid_state(_("Only cancelled orders can be deleted."))
    audit_write(
        action=AuditAction.ORDER_DELETED,
        acting=acting,
        target=order,
        before={"number": order.number, "total": order.total},
    )
    order.delete()


@transaction.atomic
def fulfillment_create(
    *,
    acting: Acting,
    order_id: Any,
    lines: list[dict[str, Any]] | None,
    location_id: Any = None,
    tracking_company: str = "",
    tracking_number: str = "",
    tracking_url: str = "",
    notify_customer: bool = False,
) -> Fulfillment:
    """Ship some or all of an order's unshipped items with tracking; the order's fulfilment
    status follows. Without ``lines``, everything still unshipped ships."""
    access = store_access(acting)
    company = clean_text(tracking_company, field="tracking_company", max_length=120)
    number = clean_text(tracking_number, field="tracking_number", max_length=120)
    url = clean_text(tracking_url, field="tracking_url", max_length=500)
    if url and not url.startswith(("https://", "http://")):
        raise invalid(_("The tracking URL must start with https://."), "tracking_url")
    order = _locked_order(acting, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise invalid_state(_("A cancelled order cannot be fulfilled."))
    location = None
    if location_id is not None:
        location = get_in_store(Location, acting=acting, pk=location_id, what="location")
    items = {item.pk: item for item in order.line_items.select_for_update()}
    wanted: dict[int, int] = {}
    if lines is None:
        wanted = {
            pk: item.unfulfilled_quantity for pk, item in items.items() if item.unfulfilled_quantity
        }
    else:
        for i, line in enumerate(lines):
            try:
                pk = int(str(line.get("line_item_id")))
            except (TypeError, ValueError):
                pk = 0
            if pk not in items:
                raise invalid(
                    _("This order has no such line item."), f"line_items.{i}.line_item_id"
                )
            quantity = line.get("quantity")
            if not isinstance(quantity, int) or quantity < 1:
                raise invalid(_("Enter a quantity of at least 1."), f"line_items.{i}.quantity")
            wanted[pk] = wanted.get(pk, 0) + quantity
        for i, (pk, quantity) in enumerate(wanted.items()):
            if quantity > items[pk].unfulfilled_quantity:
                raise invalid(
                    _("Only %(n)d of this item are left to ship.")
                    % {"n": items[pk].unfulfilled_quantity},
                    f"line_items.{i}.quantity",
                )
    if not wanted:
        raise invalid_state(_("Everything in this order has shipped already."))
    fulfillment = Fulfillment.objects.create(
        store_id=access.store_id,
        order=order,
        location=location,
        tracking_company=company,
        tracking_number=number,
        tracking_url=url,
        notify_customer=bool(notify_customer),
        created_by=acting.user,
    )
    for pk, quantity in wanted.items():
        item = items[pk]
        FulfillmentLine.objects.create(fulfillment=fulfillment, line_item=item, quantity=quantity)
        item.fulfilled_quantity += quantity
        item.save(update_fields=["fulfilled_quantity"])
    before_status = order.fulfillment_status
    order.fulfillment_status = fulfillment_status_of(order)
    order.save(update_fields=["fulfillment_status", "updated_at"])
    audit_write(
        action=AuditAction.ORDER_FULFILLED,
        acting=acting,
        target=order,
        before={"fulfillment_status": before_status},
        after={
            "fulfillment_status": order.fulfillment_status,
            "fulfillment_id": fulfillment.pk,
            "tracking_company": company,
            "tracking_number": number,
            "tracking_url": url,
            "items": sum(wanted.values()),
        },
    )
    return fulfillment


def next_number(model: type[Order] | type[DraftOrder], store_id: int, first: int) -> int:
    # The store row is locked first, so two writers cannot take the same number.
    Store.objects.select_for_update().filter(pk=store_id).first()
    current = model.objects.filter(store_id=store_id).aggregate(m=Max("number"))["m"]
    return (current or first - 1) + 1


def create_order_record(
    *,
    store_id: int,
    currency: str,
    lines: list[dict[str, Any]],
    customer: Customer | None,
    email: str,
    shipping_total: Decimal = ZERO,
    tax_rate: Decimal = ZERO,
    financial_status: str = FinancialStatus.PENDING,
    note: str = "",
    processed_at: Any = None,
) -> Order:
    """The rows of a new order (used by draft completion and the demo data); no audit here."""
    subtotal = sum((Decimal(line["price"]) * line["quantity"] for line in lines), ZERO)
    tax = (subtotal * tax_rate).quantize(Decimal("0.01"))
    order = Order.objects.create(
        store_id=store_id,
        number=next_number(Order, store_id, FIRST_ORDER_NUMBER),
        customer=customer,
        email=email,
        currency=currency,
        financial_status=financial_status,
        subtotal=subtotal,
        shipping_total=shipping_total,
        tax_total=tax,
        total=subtotal + shipping_total + tax,
        note=note,
        processed_at=processed_at or timezone.now(),
    )
    LineItem.objects.bulk_create(
        LineItem(
            order=order,
            variant_id=line["variant_id"],
            title=line["title"],
            sku=line.get("sku", ""),
            quantity=line["quantity"],
            price=Decimal(line["price"]),
        )
        for line in lines
    )
    return order
