from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from storegate import monitoring
from storegate.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", monitoring.healthz, name="healthz"),
    path("metrics", monitoring.metrics, name="metrics"),
    path("", include("storegate.web.urls")),
]
