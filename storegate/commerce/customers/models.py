"""The store's customers."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
