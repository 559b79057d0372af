"""Finding a row of the caller's store by the id a client sent, and the store access that
decides what the caller may do there.

Ids are opaque strings to clients; an id that is not a row of the caller's store is simply not
found (the same 404 for another store's id, so nothing leaks: no IDOR).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from storegate.access.store_access import StoreAccess
from storegate.core.acting import Acting
from storegate.core.errors import not_found


def parse_id(value: Any, what: str) -> int:
    """Ids are opaque strings to clients; anything that is not ours is simply not found."""
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        raise not_found(what) from None
    if pk <= 0:
        raise not_found(what)
    return pk


def id_out(value: Any) -> str | None:
    """An id as clients see it: an opaque string (or None)."""
    return None if value is None else str(value)


def get_in_store(model: type[models.Model], *, acting: Acting, pk: Any, what: str) -> Any:
    """The object with this id in the caller's store, or 404 (the same for other stores' ids)."""
    obj = model._default_manager.filter(store_id=acting.store_id, pk=parse_id(pk, what)).first()
    if obj is None:
        raise not_found(what)
    return obj


def in_store(qs: QuerySet[Any], store_id: int, pk: Any, what: str) -> Any:
    """The row of ``qs`` with this id in the store, or 404 (the selectors' one look-up)."""
    obj = qs.filter(store_id=store_id, pk=parse_id(pk, what)).first()
    if obj is None:
        raise not_found(what)
    return obj


def store_access(acting: Acting) -> StoreAccess:
    """The caller's access to the store they act in (every commerce write happens in one)."""
    if acting.access is None:
        raise LookupError("a commerce write needs an acting context in a store")
    return acting.access
