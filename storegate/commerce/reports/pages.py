"""Analytics in the store admin: the sales report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from storegate.access.guard import acting_of, requires
from storegate.commerce.reports import selectors
from storegate.stores.permissions import StorePermission as P


@login_required
@requires(GET=P.REPORTS_VIEW)
def sales_report(request: HttpRequest, store_id: int) -> HttpResponse:
    report = selectors.sales_report(store_id=store_id)
    return render(
        request,
        "web/store/report.html",
        {"store": acting_of(request).store, "report": report},
    )
