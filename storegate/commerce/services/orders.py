"""Writes of orders: information, payment, cancellation, refunds, fulfilments and drafts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.accounts.models import User
from storegate.audit.actions import AuditAction
from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import Location
from storegate.commerce.money import ZERO
from storegate.commerce.orders.models import (
    DraftOrder,
    DraftOrderStatus,
    FinancialStatus,
    Fulfillment,
    FulfillmentLine,
    FulfillmentStatus,
    LineItem,
    Order,
    OrderStatus,
    Refund,
)
from storegate.commerce.services._common import (
    audit_write,
    changes,
    clean_money,
    clean_tags,
    clean_text,
    get_in_store,
    invalid,
    parse_id,
)
from storegate.core.acting import RequestMeta
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import Store

CANCEL_REASONS = ("customer", "fraud", "inventory", "declined", "other")
FIRST_ORDER_NUMBER = 1001


def _state(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_STATE, message)


def _locked_order(access: StoreAccess, order_id: Any) -> Order:
    get_in_store(Order, access=access, pk=order_id, what="order")
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
    access: StoreAccess,
    acting_user: User,
    order_id: Any,
    data: dict[str, Any],
    meta: RequestMeta | None = None,
) -> Order:
    """Notes, tags and the shipping address (``orders.manage_information``)."""
    order = _locked_order(access, order_id)
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
            access=access,
            acting_user=acting_user,
            target=order,
            before=before,
            after=after,
            meta=meta,
        )
    return order


@transaction.atomic
def order_mark_as_paid(
    *, access: StoreAccess, acting_user: User, order_id: Any, meta: RequestMeta | None = None
) -> Order:
    order = _locked_order(access, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise _state(_("A cancelled order cannot be marked as paid."))
    if order.financial_status != FinancialStatus.PENDING:
        raise _state(_("Only an order with payment pending can be marked as paid."))
    order.financial_status = FinancialStatus.PAID
    order.save(update_fields=["financial_status", "updated_at"])
    audit_write(
        action=AuditAction.ORDER_MARKED_AS_PAID,
        access=access,
        acting_user=acting_user,
        target=order,
        before={"financial_status": FinancialStatus.PENDING},
        after={"financial_status": FinancialStatus.PAID},
        meta=meta,
    )
    return order


@transaction.atomic
def order_cancel(
    *,
    access: StoreAccess,
    acting_user: User,
    order_id: Any,
    reason: str,
    meta: RequestMeta | None = None,
) -> Order:
    """Cancel an order nothing of which has shipped; a paid order is refunded in full."""
    if reason not in CANCEL_REASONS:
        raise invalid(
            _("Use one of the reasons: %(r)s.") % {"r": ", ".join(CANCEL_REASONS)}, "reason"
        )
    order = _locked_order(access, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise _state(_("This order is already cancelled."))
    if order.fulfillment_status != FulfillmentStatus.UNFULFILLED:
        raise _state(
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
                created_by=acting_user,
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
        access=access,
        acting_user=acting_user,
        target=order,
        before=before,
        after={
            "status": order.status,
            "financial_status": order.financial_status,
            "reason": reason,
        },
        meta=meta,
    )
    return order


@transaction.atomic
def order_refund(
    *,
    access: StoreAccess,
    acting_user: User,
    order_id: Any,
    amount: Any,
    reason: str = "",
    meta: RequestMeta | None = None,
) -> Refund:
    value = clean_money(amount, field="amount", positive=True)
    assert value is not None
    reason = clean_text(reason, field="reason", max_length=255)
    order = _locked_order(access, order_id)
    if order.financial_status not in (FinancialStatus.PAID, FinancialStatus.PARTIALLY_REFUNDED):
        raise _state(_("Only a paid order can be refunded."))
    refundable = order.total - order.refunded_total
    if value > refundable:
        raise invalid(
            _("At most %(amount)s %(currency)s can be refunded.")
            % {"amount": refundable, "currency": order.currency},
            "amount",
        )
    refund = Refund.objects.create(
        store_id=access.store_id, order=order, amount=value, reason=reason, created_by=acting_user
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
        access=access,
        acting_user=acting_user,
        target=order,
        before=before,
        after={
            "financial_status": order.financial_status,
            "refunded_total": order.refunded_total,
            "amount": value,
        },
        meta=meta,
    )
    return refund


@transaction.atomic
def order_delete(
    *, access: StoreAccess, acting_user: User, order_id: Any, meta: RequestMeta | None = None
) -> None:
    order = _locked_order(access, order_id)
    if order.status != OrderStatus.CANCELLED:
        raise _state(_("Only cancelled orders can be deleted."))
    audit_write(
        action=AuditAction.ORDER_DELETED,
        access=access,
        acting_user=acting_user,
        target=order,
        before={"number": order.number, "total": order.total},
        meta=meta,
    )
    order.delete()


@transaction.atomic
def fulfillment_create(
    *,
    access: StoreAccess,
    acting_user: User,
    order_id: Any,
    lines: list[dict[str, Any]] | None,
    location_id: Any = None,
    tracking_company: str = "",
    tracking_number: str = "",
    tracking_url: str = "",
    notify_customer: bool = False,
    meta: RequestMeta | None = None,
) -> Fulfillment:
    """Ship some or all of an order's unshipped items with tracking; the order's fulfilment
    status follows. Without ``lines``, everything still unshipped ships."""
    company = clean_text(tracking_company, field="tracking_company", max_length=120)
    number = clean_text(tracking_number, field="tracking_number", max_length=120)
    url = clean_text(tracking_url, field="tracking_url", max_length=500)
    if url and not url.startswith(("https://", "http://")):
        raise invalid(_("The tracking URL must start with https://."), "tracking_url")
    order = _locked_order(access, order_id)
    if order.status == OrderStatus.CANCELLED:
        raise _state(_("A cancelled order cannot be fulfilled."))
    location = None
    if location_id is not None:
        location = get_in_store(Location, access=access, pk=location_id, what="location")
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
        raise _state(_("Everything in this order has shipped already."))
    fulfillment = Fulfillment.objects.create(
        store_id=access.store_id,
        order=order,
        location=location,
        tracking_company=company,
        tracking_number=number,
        tracking_url=url,
        notify_customer=bool(notify_customer),
        created_by=acting_user,
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
        access=access,
        acting_user=acting_user,
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
        meta=meta,
    )
    return fulfillment


def _price_lines(access: StoreAccess, lines: Any) -> tuple[list[dict[str, Any]], Decimal]:
    if not isinstance(lines, list) or not lines or len(lines) > 250:
        raise invalid(_("Add between 1 and 250 line items."), "line_items")
    priced = []
    subtotal = ZERO
    for i, line in enumerate(lines):
        variant = get_in_store(
            ProductVariant, access=access, pk=line.get("variant_id"), what="variant"
        )
        quantity = line.get("quantity")
        if not isinstance(quantity, int) or not 1 <= quantity <= 10_000:
            raise invalid(_("Enter a quantity between 1 and 10,000."), f"line_items.{i}.quantity")
        title = variant.product.title
        if variant.title and variant.title != "Default":
            title = f"{title} — {variant.title}"
        priced.append(
            {
                "variant_id": variant.pk,
                "title": title,
                "sku": variant.sku,
                "quantity": quantity,
                "price": str(variant.price),
            }
        )
        subtotal += variant.price * quantity
    return priced, subtotal


def _next_number(model: type[Order] | type[DraftOrder], store_id: int, first: int) -> int:
    # The store row is locked first, so two writers cannot take the same number.
    Store.objects.select_for_update().filter(pk=store_id).first()
    current = model.objects.filter(store_id=store_id).aggregate(m=Max("number"))["m"]
    return (current or first - 1) + 1


@transaction.atomic
def draft_order_create(
    *,
    access: StoreAccess,
    acting_user: User,
    line_items: list[dict[str, Any]],
    customer_id: Any = None,
    email: str = "",
    note: str = "",
    meta: RequestMeta | None = None,
) -> DraftOrder:
    customer = None
    if customer_id is not None:
        customer = get_in_store(Customer, access=access, pk=customer_id, what="customer")
    email = clean_text(email, field="email", max_length=254) or (customer.email if customer else "")
    if email and "@" not in email:
        raise invalid(_("Enter a valid e-mail address."), "email")
    note = clean_text(note, field="note", max_length=5000)
    priced, subtotal = _price_lines(access, line_items)
    draft = DraftOrder.objects.create(
        store_id=access.store_id,
        number=_next_number(DraftOrder, access.store_id, 1),
        customer=customer,
        email=email,
        line_items=priced,
        note=note,
        subtotal=subtotal,
    )
    audit_write(
        action=AuditAction.DRAFT_ORDER_CREATED,
        access=access,
        acting_user=acting_user,
        target=draft,
        after={"number": draft.number, "subtotal": subtotal, "lines": len(priced)},
        meta=meta,
    )
    return draft


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
        number=_next_number(Order, store_id, FIRST_ORDER_NUMBER),
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


@transaction.atomic
def draft_order_complete(
    *,
    access: StoreAccess,
    acting_user: User,
    draft_id: Any,
    mark_as_paid: bool = False,
    meta: RequestMeta | None = None,
) -> Order:
    get_in_store(DraftOrder, access=access, pk=draft_id, what="draft order")
    draft = DraftOrder.objects.select_for_update().get(pk=parse_id(draft_id, "draft order"))
    if draft.status != DraftOrderStatus.OPEN:
        raise _state(_("This draft order is already completed."))
    store = Store.objects.get(pk=access.store_id)
    order = create_order_record(
        store_id=access.store_id,
        currency=store.currency,
        lines=draft.line_items,
        customer=draft.customer,
        email=draft.email,
        financial_status=FinancialStatus.PAID if mark_as_paid else FinancialStatus.PENDING,
        note=draft.note,
    )
    draft.status = DraftOrderStatus.COMPLETED
    draft.order = order
    draft.save(update_fields=["status", "order", "updated_at"])
    audit_write(
        action=AuditAction.DRAFT_ORDER_COMPLETED,
        access=access,
        acting_user=acting_user,
        target=draft,
        after={"order_id": order.pk, "order_number": order.number, "paid": bool(mark_as_paid)},
        meta=meta,
    )
    return order


@transaction.atomic
def draft_order_delete(
    *, access: StoreAccess, acting_user: User, draft_id: Any, meta: RequestMeta | None = None
) -> None:
    draft = get_in_store(DraftOrder, access=access, pk=draft_id, what="draft order")
    if draft.status != DraftOrderStatus.OPEN:
        raise _state(_("A completed draft order is kept with its order."))
    audit_write(
        action=AuditAction.DRAFT_ORDER_DELETED,
        access=access,
        acting_user=acting_user,
        target=draft,
        before={"number": draft.number, "subtotal": draft.subtotal},
        meta=meta,
    )
    draft.delete()
