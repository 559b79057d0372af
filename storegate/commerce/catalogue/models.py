"""Products and their variants (SPEC §2). Every row carries its ``store``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from storegate.commerce.money import money_field
from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
