"""Store side — commerce endpoints (SPEC §9): the sales report.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.reports import selectors
from storegate.commerce.reports.schemas import SalesQuery, SalesReportOut
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/reports/sales", response=with_errors({200: SalesReportOut}), auth=any_token)
@requires(P.REPORTS_VIEW)
def sales_report(request: HttpRequest, store_id: str, filters: Query[SalesQuery]) -> dict[str, Any]:
    access = store_access_of(request)
    report = selectors.sales_report(
        store_id=access.store_id, date_from=filters.date_from, date_to=filters.date_to
    )
    store = acting_of(request).store
    return {
        "currency": store.currency,
        "date_from": report["from"],
        "date_to": report["to"],
        "days": report["days"],
        "totals": report["totals"],
    }
