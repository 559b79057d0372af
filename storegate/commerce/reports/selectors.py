"""The sales report: orders, gross sales, discounts, refunds and net sales per day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.commerce.input import invalid
from storegate.commerce.money import ZERO
from storegate.commerce.orders.models import Order, OrderStatus

MAX_REPORT_DAYS = 366


def sales_report(
    *, store_id: int, date_from: date | None = None, date_to: date | None = None
) -> dict[str, Any]:
    """Orders, gross sales, discounts, refunds and net sales per day (cancelled orders excluded)."""
    today = timezone.now().date()
    date_to = date_to or today
    date_from = date_from or (date_to - timedelta(days=29))
    if date_from > date_to:
        raise invalid(_("The start must not be after the end."), "from")
    if (date_to - date_from).days >= MAX_REPORT_DAYS:
        raise invalid(_("A report covers at most 366 days."), "from")
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    rows = (
        Order.objects.filter(store_id=store_id, processed_at__gte=start, processed_at__lt=end)
        .exclude(status=OrderStatus.CANCELLED)
        .annotate(day=TruncDate("processed_at"))
        .values("day")
        .annotate(
            orders=Count("id"),
            gross=Sum("subtotal"),
            discounts=Sum("discount_total"),
            refunded=Sum("refunded_total"),
            shipping=Sum("shipping_total"),
            taxes=Sum("tax_total"),
        )
        .order_by("day")
    )
    days = []
    count = 0
    gross_total = discount_total = refund_total = net_total = ZERO
    for row in rows:
        gross = Decimal(row["gross"] or 0)
        discounts = Decimal(row["discounts"] or 0)
        refunds = Decimal(row["refunded"] or 0)
        net = gross - discounts - refunds
        day = row["day"]
        days.append(
            {
                "date": day if isinstance(day, date) else date.fromisoformat(str(day)),
                "orders": row["orders"],
                "gross_sales": gross,
                "discounts": discounts,
                "refunds": refunds,
                "net_sales": net,
            }
        )
        count += row["orders"]
        gross_total += gross
        discount_total += discounts
        refund_total += refunds
        net_total += net
    totals = {
        "orders": count,
        "gross_sales": gross_total,
        "discounts": discount_total,
        "refunds": refund_total,
        "net_sales": net_total,
    }
    return {"from": date_from, "to": date_to, "days": days, "totals": totals}
