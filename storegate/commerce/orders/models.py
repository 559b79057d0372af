"""Orders with their line items, fulfilments (with tracking) and refunds, and draft orders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.customers.models import Customer
from storegate.commerce.inventory.models import Location
from storegate.commerce.money import ZERO, money_field
from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


class FinancialStatus(models.TextChoices):
    PENDING = "pending", _("Payment pending")
    PAID = "paid", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")
    VOIDED = "voided", _("Voided")


class FulfillmentStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ARCHIVED = "archived", _("Archived")
    CANCELLED = "cancelled", _("Cancelled")


class Order(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="orders")
    # The number the merchant and the buyer see (#1001, #1002 …), unique per store.
    number = models.PositiveIntegerField()
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    email = models.EmailField(blank=True, default="")
    currency = models.CharField(max_length=3, default="USD")
    status = models.CharField(max_length=16, choices=OrderStatus.choices, default=OrderStatus.OPEN)
    financial_status = models.CharField(
        max_length=20, choices=FinancialStatus.choices, default=FinancialStatus.PENDING
    )
    fulfillment_status = models.CharField(
        max_length=20, choices=FulfillmentStatus.choices, default=FulfillmentStatus.UNFULFILLED
    )
    subtotal = money_field(default=ZERO)
    discount_total = money_field(default=ZERO)
    shipping_total = money_field(default=ZERO)
    tax_total = money_field(default=ZERO)
    total = money_field(default=ZERO)
    refunded_total = money_field(default=ZERO)
    discount_code = models.CharField(max_length=64, blank=True, default="")
    note = models.TextField(blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    shipping_address = models.JSONField(default=dict, blank=True)
    processed_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(fields=["store", "number"], name="order_number_per_store")
        ]
        indexes = [
            models.Index(fields=["store", "-id"], name="order_store_idx"),
            models.Index(fields=["store", "financial_status", "-id"], name="order_financial_idx"),
            models.Index(
                fields=["store", "fulfillment_status", "-id"], name="order_fulfillment_idx"
            ),
            models.Index(fields=["store", "processed_at"], name="order_processed_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def name(self) -> str:
        return f"#{self.number}"


class LineItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="line_items")
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=255)
    sku = models.CharField(max_length=64, blank=True, default="")
    quantity = models.PositiveIntegerField()
    price = money_field()
    fulfilled_quantity = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.CheckConstraint(
                condition=Q(fulfilled_quantity__lte=models.F("quantity")),
                name="line_item_not_over_fulfilled",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"

    @property
    def unfulfilled_quantity(self) -> int:
        return self.quantity - self.fulfilled_quantity


class Fulfillment(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    location = models.ForeignKey(
        Location, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tracking_company = models.CharField(max_length=120, blank=True, default="")
    tracking_number = models.CharField(max_length=120, blank=True, default="")
    tracking_url = models.URLField(max_length=500, blank=True, default="")
    notify_customer = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"fulfillment {self.pk} of {self.order_id}"


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, on_delete=models.CASCADE, related_name="lines")
    line_item = models.ForeignKey(LineItem, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"{self.quantity} of {self.line_item_id}"


class Refund(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="refunds")
    amount = money_field()
    reason = models.CharField(max_length=255, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"refund {self.amount} of {self.order_id}"


class DraftOrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    COMPLETED = "completed", _("Completed")


class DraftOrder(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="draft_orders")
    number = models.PositiveIntegerField()
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True, default="")
    # [{"variant_id", "title", "sku", "quantity", "price"}], priced when the draft is saved.
    line_items = models.JSONField(default=list)
    note = models.TextField(blank=True, default="")
    subtotal = money_field(default=ZERO)
    status = models.CharField(
        max_length=16, choices=DraftOrderStatus.choices, default=DraftOrderStatus.OPEN
    )
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(fields=["store", "number"], name="draft_number_per_store")
        ]
        indexes = [models.Index(fields=["store", "-id"], name="draft_store_idx")]

    def __str__(self) -> str:
        return f"#D{self.number}"
