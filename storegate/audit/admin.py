from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from storegate.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only (R25)."""

    list_display = (
        "created_at",
        "action",
        "actor_email",
        "organization",
        "store",
        "target_type",
        "target_id",
        "ip",
    )
    list_filter = ("action",)
    search_fields = ("actor_email", "action", "target_id")
    list_select_related = ("organization", "store")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
