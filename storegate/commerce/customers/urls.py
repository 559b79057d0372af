"""Customers in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"customers:<view name>"`` (for example ``reverse("customers:customer_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.customers import pages

app_name = "customers"

urlpatterns = [
    path("customers/", pages.customer_list, name="customer_list"),
    path("customers/new/", pages.customer_new, name="customer_new"),
    path("customers/<int:customer_id>/", pages.customer_detail, name="customer_detail"),
    path(
        "customers/<int:customer_id>/delete/",
        pages.customer_delete_view,
        name="customer_delete_view",
    ),
]
