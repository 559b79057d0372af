"""The paginated list page of every commerce section in the store admin (R19)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from storegate.access.guard import acting_of
from storegate.core.errors import ApplicationError
from storegate.core.pagination import keyset_page

PAGE_SIZE = 50


def list_page(
    request: HttpRequest,
    *,
    title: Any,
    queryset: QuerySet[Any],
    columns: list[tuple[Any, Callable[[Any], Any]]],
    link: Callable[[Any], str] | None = None,
    empty: Any,
    actions: list[tuple[str, Any]] | None = None,
) -> HttpResponse:
    """A keyset-paginated table; ``actions`` are (url, label) buttons the caller may use."""
    store = acting_of(request).store
    try:
        rows, next_cursor = keyset_page(
            queryset, cursor=request.GET.get("cursor") or None, limit=PAGE_SIZE
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        rows, next_cursor = [], None
    table = [
        {
            "cells": [render_cell(obj) for _label, render_cell in columns],
            "url": link(obj) if link else None,
        }
        for obj in rows
    ]
    return render(
        request,
        "web/store/list.html",
        {
            "store": store,
            "title": title,
            "headers": [label for label, _fn in columns],
            "rows": table,
            "next_cursor": next_cursor,
            "empty": empty,
            "actions": [{"url": url, "label": label} for url, label in actions or []],
        },
    )
