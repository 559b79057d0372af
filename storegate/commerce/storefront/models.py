"""The online store: markets (countries and their currency), themes and theme files."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from storegate.core.models import TimeStampedModel
from storegate.stores.models import Store


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
