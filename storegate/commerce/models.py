"""The commerce resources of a store (SPEC §2), so that store permissions guard something real.

Every row carries its ``store`` (denormalised where a parent already has it) so that every
look-up filters by the tenant first: an id from another store is simply not found (no IDOR).
Money is ``Decimal`` with two places, in the store's currency.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store

ZERO = Decimal("0.00")


def money_field(**kwargs: object) -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class ProductStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DRAFT = "draft", _("Draft")
    ARCHIVED = "archived", _("Archived")


class Product(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="products")
    title = models.CharField(_("title"), max_length=255)
    handle = models.SlugField(_("handle"), max_length=255)
    description = models.TextField(_("description"), blank=True, default="")
    vendor = models.CharField(_("vendor"), max_length=120, blank=True, default="")
    product_type = models.CharField(_("product type"), max_length=120, blank=True, default="")
    status = models.CharField(
        max_length=16, choices=ProductStatus.choices, default=ProductStatus.ACTIVE
    )
    tags = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(fields=["store", "handle"], name="product_handle_per_store")
        ]
        indexes = [models.Index(fields=["store", "-id"], name="product_store_idx")]

    def __str__(self) -> str:
        return self.title


class ProductVariant(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    title = models.CharField(max_length=255, default="Default")
    sku = models.CharField(max_length=64, blank=True, default="")
    barcode = models.CharField(max_length=64, blank=True, default="")
    price = money_field()
    compare_at_price = money_field(null=True, blank=True)
    # Only callers holding ``products.view_costs`` see or set it.
    cost = money_field(null=True, blank=True)
    weight_grams = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("product_id", "position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["store", "sku"], condition=~Q(sku=""), name="variant_sku_per_store"
            )
        ]
        indexes = [models.Index(fields=["store", "-id"], name="variant_store_idx")]

    def __str__(self) -> str:
        return f"{self.product_id} / {self.title}"


class Location(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=120)
    address1 = models.CharField(max_length=255, blank=True, default="")
    city = models.CharField(max_length=120, blank=True, default="")
    postal_code = models.CharField(max_length=20, blank=True, default="")
    country_code = models.CharField(max_length=2, default="US")
    fulfills_online_orders = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=["store", "name"], name="location_name_per_store")
        ]

    def __str__(self) -> str:
        return self.name


class InventoryLevel(TimeStampedModel):
    """Stock of one variant at one location."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="inventory_levels"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="levels")
    available = models.IntegerField(default=0)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint(fields=["variant", "location"], name="inventory_level_unique")
        ]
        indexes = [
            models.Index(fields=["store", "-id"], name="inventory_store_idx"),
            models.Index(fields=["store", "location", "-id"], name="inventory_location_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id}@{self.location_id}: {self.available}"


class AdjustmentReason(models.TextChoices):
    RECEIVED = "received", _("Received")
    CORRECTION = "correction", _("Correction")
    CYCLE_COUNT = "cycle_count", _("Cycle count")
    DAMAGED = "damaged", _("Damaged")
    SHRINKAGE = "shrinkage", _("Theft or loss")
    RESTOCK = "restock", _("Restock")
    PROMOTION = "promotion", _("Promotion or donation")


class InventoryAdjustment(models.Model):
    """One change of stock at one location, with why and by whom."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(InventoryLevel, on_delete=models.CASCADE, related_name="adjustments")
    delta = models.IntegerField()
    available_after = models.IntegerField()
    reason = models.CharField(max_length=20, choices=AdjustmentReason.choices)
    note = models.CharField(max_length=255, blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organization = models.ForeignKey(
        "partners.PartnerOrganization", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["store", "-id"], name="inv_adjust_store_idx")]

    def __str__(self) -> str:
        return f"{self.delta:+d} ({self.reason})"


class Customer(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="customers")
    email = models.EmailField()
    first_name = models.CharField(max_length=120, blank=True, default="")
    last_name = models.CharField(max_length=120, blank=True, default="")
    phone = models.CharField(max_length=32, blank=True, default="")
    accepts_marketing = models.BooleanField(default=False)
    note = models.TextField(blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    country_code = models.CharField(max_length=2, blank=True, default="")

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint("store", Lower("email"), name="customer_email_per_store")
        ]
        indexes = [models.Index(fields=["store", "-id"], name="customer_store_idx")]

    def __str__(self) -> str:
        return self.email


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


class DiscountKind(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage")
    FIXED_AMOUNT = "fixed_amount", _("Fixed amount")
    FREE_SHIPPING = "free_shipping", _("Free shipping")


class Discount(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="discounts")
    code = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=DiscountKind.choices)
    value = money_field(default=ZERO)
    minimum_subtotal = money_field(null=True, blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("-id",)
        constraints = [
            models.UniqueConstraint("store", Lower("code"), name="discount_code_per_store")
        ]
        indexes = [models.Index(fields=["store", "-id"], name="discount_store_idx")]

    def __str__(self) -> str:
        return self.code


class GiftCard(TimeStampedModel):
    """The full code is shown once, at creation; only its hash and last four characters stay."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="gift_cards")
    code_hash = models.CharField(max_length=64, unique=True)
    last_characters = models.CharField(max_length=4)
    initial_value = money_field()
    balance = money_field()
    currency = models.CharField(max_length=3, default="USD")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True, default="")
    expires_on = models.DateField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-id",)
        indexes = [models.Index(fields=["store", "-id"], name="gift_card_store_idx")]

    def __str__(self) -> str:
        return f"…{self.last_characters}"


class Market(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="markets")
    name = models.CharField(max_length=120)
    handle = models.SlugField(max_length=120)
    countries = models.JSONField(default=list)
    currency = models.CharField(max_length=3, default="USD")
    is_primary = models.BooleanField(default=False)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=["store", "handle"], name="market_handle_per_store")
        ]

    def __str__(self) -> str:
        return self.name


class ThemeRole(models.TextChoices):
    MAIN = "main", _("Live")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Theme(TimeStampedModel):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=16, choices=ThemeRole.choices, default=ThemeRole.UNPUBLISHED)
    version = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class ThemeFile(TimeStampedModel):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="files")
    key = models.CharField(max_length=255)
    content = models.TextField(blank=True, default="")
    checksum = models.CharField(max_length=64)

    class Meta:
        ordering = ("key",)
        constraints = [models.UniqueConstraint(fields=["theme", "key"], name="theme_file_key")]

    def __str__(self) -> str:
        return self.key


class ShippingZone(models.Model):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="shipping_zones")
    name = models.CharField(max_length=120)
    countries = models.JSONField(default=list)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class ShippingRate(models.Model):
    zone = models.ForeignKey(ShippingZone, on_delete=models.CASCADE, related_name="rates")
    name = models.CharField(max_length=120)
    price = money_field()
    minimum_subtotal = money_field(null=True, blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name


class WeightUnit(models.TextChoices):
    KG = "kg", _("Kilograms")
    G = "g", _("Grams")
    LB = "lb", _("Pounds")
    OZ = "oz", _("Ounces")


class StoreSettings(TimeStampedModel):
    """General store settings (Settings → General)."""

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="general_settings")
    legal_name = models.CharField(max_length=255, blank=True, default="")
    contact_email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=32, blank=True, default="")
    address1 = models.CharField(max_length=255, blank=True, default="")
    city = models.CharField(max_length=120, blank=True, default="")
    country_code = models.CharField(max_length=2, default="US")
    timezone = models.CharField(max_length=64, default="UTC")
    weight_unit = models.CharField(max_length=2, choices=WeightUnit.choices, default=WeightUnit.KG)
    order_number_prefix = models.CharField(max_length=8, blank=True, default="#")

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"settings of {self.store_id}"
