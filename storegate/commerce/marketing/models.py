"""Discount codes and gift cards."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.commerce.customers.models import Customer
from storegate.commerce.money import ZERO, money_field
from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
