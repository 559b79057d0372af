"""Orders and draft orders in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"orders:<view name>"`` (for example ``reverse("orders:order_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.orders import pages

app_name = "orders"

urlpatterns = [
    path("orders/", pages.order_list, name="order_list"),
    path("orders/<int:order_id>/", pages.order_detail, name="order_detail"),
    path("orders/<int:order_id>/information/", pages.order_information, name="order_information"),
    path(
        "orders/<int:order_id>/mark-as-paid/",
        pages.order_mark_as_paid_view,
        name="order_mark_as_paid_view",
    ),
    path("orders/<int:order_id>/cancel/", pages.order_cancel_view, name="order_cancel_view"),
    path("orders/<int:order_id>/refund/", pages.order_refund_view, name="order_refund_view"),
    path(
        "orders/<int:order_id>/shipping-address/",
        pages.order_shipping_address,
        name="order_shipping_address",
    ),
    path("draft-orders/", pages.draft_order_list, name="draft_order_list"),
]
