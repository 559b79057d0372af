"""The store's settings: General, and Shipping and delivery (zones and their rates)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from storegate.commerce.money import money_field
from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
