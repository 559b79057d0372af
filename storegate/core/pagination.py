"""Keyset (cursor) pagination: ``?cursor=`` in, ``{"items": [...], "next_cursor": ...}`` out.

A cursor is an opaque base64 string of the last row's id; pages walk ``-id`` so an index on
``(<tenant>, -id)`` serves any page in the same time, however deep (SPEC §8).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet

from storegate.core.errors import ApplicationError, ErrorCode

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode()).decode()
        kind, _, value = text.partition(":")
        if kind != "id":
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            "The cursor is not valid; start again without it.",
            field="cursor",
        ) from None


def clamp_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1 or limit > MAX_LIMIT:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, f"limit must be between 1 and {MAX_LIMIT}.", field="limit"
        )
    return limit


def keyset_page(
    queryset: QuerySet[Any],
    *,
    cursor: str | None,
    limit: int | None = None,
    descending: bool = True,
) -> tuple[list[Any], str | None]:
    """One page of ``queryset`` ordered by id, and the cursor of the next page (or None)."""
    size = clamp_limit(limit)
    after = decode_cursor(cursor)
    qs = queryset.order_by("-id" if descending else "id")
    if after is not None:
        qs = qs.filter(id__lt=after) if descending else qs.filter(id__gt=after)
    rows = list(qs[: size + 1])
    next_cursor = encode_cursor(rows[size - 1].id) if len(rows) > size else None
    return rows[:size], next_cursor


def page_response(
    rows: Sequence[T], next_cursor: str | None, serialize: Callable[[T], Any]
) -> dict[str, Any]:
    return {"items": [serialize(row) for row in rows], "next_cursor": next_cursor}
