"""Request and response shapes of customers, and the rows turned into them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from storegate.commerce.customers.models import Customer


class CustomerIn(Schema):
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    accepts_marketing: bool | None = None
    note: str | None = None
    tags: list[str] | None = None
    country_code: str | None = None


class CustomerOut(Schema):
    id: str
    email: str
    first_name: str
    last_name: str
    phone: str
    accepts_marketing: bool
    note: str
    tags: list[str]
    country_code: str
    created_at: datetime


class CustomerListOut(Schema):
    items: list[CustomerOut]
    next_cursor: str | None


def customer_out(customer: Customer) -> dict[str, Any]:
    return {
        "id": str(customer.pk),
        "email": customer.email,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "phone": customer.phone,
        "accepts_marketing": customer.accepts_marketing,
        "note": customer.note,
        "tags": customer.tags,
        "country_code": customer.country_code,
        "created_at": customer.created_at,
    }
