"""Settings → General and Shipping and delivery in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"settings:<view name>"`` (for example ``reverse("settings:store_settings", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.settings import pages

app_name = "settings"

urlpatterns = [
    path("settings/", pages.store_settings, name="store_settings"),
    path("settings/shipping/", pages.shipping_settings, name="shipping_settings"),
]
