"""Absolute links to pages, by URL name, for e-mails, notifications and API answers.

Pages are named in ``storegate/web/urls*.py``; nothing builds a page path by hand.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def page_url(name: str, *args: Any, fragment: str = "") -> str:
    """``page_url("store_home", store_id)`` → ``https://storegate.example/stores/7/``."""
    return settings.SITE_URL + reverse(name, args=args) + (f"#{fragment}" if fragment else "")
