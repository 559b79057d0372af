"""Locations, the stock of each variant at each location, and every change of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storegate.commerce.catalogue.models import ProductVariant
from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
