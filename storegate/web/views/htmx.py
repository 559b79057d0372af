"""Whether a page answers htmx with a fragment."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asked for a fragment (django-htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))
