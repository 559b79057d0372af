"""What the page views share: the acting user, request meta, confirmation pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from storegate.accounts.models import User
from storegate.core.acting import RequestMeta


def acting_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def meta_of(request: HttpRequest) -> RequestMeta:
    return RequestMeta.from_request(request)


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


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment (django-htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))
