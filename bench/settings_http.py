"""Benchmark-only settings: the product, plus the same orders view mounted with no authorization
(bench/urls_http.py), so that the cost of authorization can be measured by difference."""

from __future__ import annotations

from storegate.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_http"
LOGGING = {"version": 1, "disable_existing_loggers": False}
