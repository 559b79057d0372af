"""Reads of customers; each takes the store."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from storegate.commerce.customers.models import Customer
from storegate.commerce.lookup import in_store


def customer_list(*, store_id: int, q: str | None = None) -> QuerySet[Customer]:
    qs = Customer.objects.filter(store_id=store_id)
    if q:
        qs = qs.filter(email__icontains=q.strip()[:100])
    return qs


def customer_get(*, store_id: int, customer_id: Any) -> Customer:
    return in_store(Customer.objects.all(), store_id, customer_id, "customer")
