"""Schemas shared by every API router."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


# Responses every operation may give, for the OpenAPI document.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def with_errors(responses: dict[int, Any]) -> dict[int, Any]:
    return {**ERRORS, **responses}
