"""Analytics in the store admin: the named page URLs, relative to ``stores/<store_id>/``.

Reverse them as ``"reports:<view name>"`` (for example ``reverse("reports:sales_report", args=[store.pk])``)."""

from __future__ import annotations

from django.urls import path

from storegate.commerce.reports import pages

app_name = "reports"

urlpatterns = [
    path("reports/", pages.sales_report, name="sales_report"),
]
