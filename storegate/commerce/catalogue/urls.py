"""Products in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"catalogue:<view name>"`` (for example ``reverse("catalogue:product_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.catalogue import pages

app_name = "catalogue"

urlpatterns = [
    path("products/", pages.product_list, name="product_list"),
    path("products/<int:product_id>/", pages.product_detail, name="product_detail"),
]
