"""The query and the answer of the sales report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class SalesDayOut(Schema):
    date: date
    orders: int
    gross_sales: Decimal
    discounts: Decimal
    refunds: Decimal
    net_sales: Decimal


class SalesTotalsOut(Schema):
    orders: int
    gross_sales: Decimal
    discounts: Decimal
    refunds: Decimal
    net_sales: Decimal


class SalesReportOut(Schema):
    currency: str
    date_from: date
    date_to: date
    days: list[SalesDayOut]
    totals: SalesTotalsOut


class SalesQuery(Schema):
    date_from: date | None = None
    date_to: date | None = None
