"""Discounts and gift cards in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"marketing:<view name>"`` (for example ``reverse("marketing:discount_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.marketing import pages

app_name = "marketing"

urlpatterns = [
    path("discounts/", pages.discount_list, name="discount_list"),
    path("discounts/new/", pages.discount_new, name="discount_new"),
    path("discounts/<int:discount_id>/", pages.discount_detail, name="discount_detail"),
    path(
        "discounts/<int:discount_id>/delete/",
        pages.discount_delete_view,
        name="discount_delete_view",
    ),
    path("gift-cards/", pages.gift_card_list, name="gift_card_list"),
    path("gift-cards/new/", pages.gift_card_new, name="gift_card_new"),
    path("gift-cards/<int:gift_card_id>/", pages.gift_card_detail, name="gift_card_detail"),
    path(
        "gift-cards/<int:gift_card_id>/disable/",
        pages.gift_card_disable_view,
        name="gift_card_disable_view",
    ),
]
