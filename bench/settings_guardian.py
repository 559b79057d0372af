"""Benchmark-only settings: the product's settings plus django-guardian, for the comparison in
bench/bench_authorization.py. The product itself never depends on guardian."""

from __future__ import annotations

from storegate.settings import *  # noqa: F403
from storegate.settings import AUTHENTICATION_BACKENDS, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "guardian"]
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "guardian.backends.ObjectPermissionBackend"]
# Storegate's users log in by e-mail; guardian's anonymous user is not needed here.
ANONYMOUS_USER_NAME = None
