"""Markets and themes in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"storefront:<view name>"`` (for example ``reverse("storefront:market_list", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.storefront import pages

app_name = "storefront"

urlpatterns = [
    path("markets/", pages.market_list, name="market_list"),
    path("themes/", pages.theme_list, name="theme_list"),
]
