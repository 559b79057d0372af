from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from storegate.api import api
from storegate.core import ops

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", ops.healthz, name="healthz"),
    path("metrics", ops.metrics, name="metrics"),
    path("", include("storegate.web.urls")),
]
