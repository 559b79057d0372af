"""Writes of customers."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.changes import audit_write, changes
from storegate.commerce.customers.models import Customer
from storegate.commerce.input import (
    clean_country,
    clean_email,
    clean_tags,
    clean_text,
    conflict,
)
from storegate.commerce.lookup import get_in_store, store_access
from storegate.core.acting import Acting


def _customer_fields(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not partial or "email" in data:
        out["email"] = clean_email(data.get("email"))
    for name, limit in (("first_name", 120), ("last_name", 120), ("phone", 32), ("note", 5000)):
        if not partial or name in data:
            out[name] = clean_text(data.get(name), field=name, max_length=limit)
    if "accepts_marketing" in data and data["accepts_marketing"] is not None:
        out["accepts_marketing"] = bool(data["accepts_marketing"])
    if not partial or "tags" in data:
        out["tags"] = clean_tags(data.get("tags"))
    if data.get("country_code"):
        out["country_code"] = clean_country(data["country_code"], field="country_code")
    return out


@transaction.atomic
def customer_create(*, acting: Acting, data: dict[str, Any]) -> Customer:
    access = store_access(acting)
    fields = _customer_fields(data, partial=False)
    try:
        with transaction.atomic():
            customer = Customer.objects.create(store_id=access.store_id, **fields)
    except IntegrityError:
        raise conflict(_("A customer with this e-mail exists already."), "email") from None
    audit_write(
        action=AuditAction.CUSTOMER_CREATED,
        acting=acting,
        target=customer,
        after={"email": customer.email},
    )
    return customer


@transaction.atomic
def customer_update(
    *,
    acting: Acting,
    customer_id: Any,
    data: dict[str, Any],
) -> Customer:
    customer = get_in_store(Customer, acting=acting, pk=customer_id, what="customer")
    before, after = changes(customer, _customer_fields(data, partial=True))
    if after:
        try:
            with transaction.atomic():
                customer.save(update_fields=[*after, "updated_at"])
        except IntegrityError:
            raise conflict(_("A customer with this e-mail exists already."), "email") from None
        audit_write(
            action=AuditAction.CUSTOMER_UPDATED,
            acting=acting,
            target=customer,
            before=before,
            after=after,
        )
    return customer


@transaction.atomic
def customer_delete(*, acting: Acting, customer_id: Any) -> None:
    customer = get_in_store(Customer, acting=acting, pk=customer_id, what="customer")
    audit_write(
        action=AuditAction.CUSTOMER_DELETED,
        acting=acting,
        target=customer,
        before={"email": customer.email},
    )
    customer.delete()
