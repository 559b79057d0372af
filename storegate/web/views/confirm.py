"""The confirmation page: destructive actions happen only on its POST."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirm_page(
    request: HttpRequest,
    *,
    title: Any,
    body: Any,
    button: Any,
    cancel_url: str,
    danger: bool = True,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """A confirmation page with a real form: destructive actions happen only on its POST."""
    return render(
        request,
        "web/confirm.html",
        {
            "title": title,
            "body": body,
            "button": button,
            "cancel_url": cancel_url,
            "danger": danger,
            "error": error,
        },
        status=status,
    )
