"""Inventory and locations in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"inventory:<view name>"`` (for example ``reverse("inventory:inventory_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.inventory import pages

app_name = "inventory"

urlpatterns = [
    path("inventory/", pages.inventory_list, name="inventory_list"),
    path("inventory/<int:level_id>/", pages.inventory_level_detail, name="inventory_level_detail"),
    path(
        "inventory/variants/<int:variant_id>/new/",
        pages.inventory_stock_new,
        name="inventory_stock_new",
    ),
    path("locations/", pages.location_list, name="location_list"),
    path("locations/new/", pages.location_new, name="location_new"),
    path("locations/<int:location_id>/", pages.location_detail, name="location_detail"),
]
