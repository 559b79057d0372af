from __future__ import annotations

from django.contrib import admin

from storegate.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "language", "is_active", "is_staff", "date_joined")
    search_fields = ("email", "name")
    list_filter = ("is_active", "is_staff", "language")
    readonly_fields = (
        "password",
        "totp_secret_encrypted",
        "totp_confirmed_at",
        "totp_last_step",
        "last_login",
        "date_joined",
    )
    exclude = ("groups", "user_permissions")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "two_factor", "expires_at", "revoked_at", "last_used_at")
    search_fields = ("prefix", "user__email")
    readonly_fields = ("token_hash", "prefix", "user", "two_factor", "last_used_at", "created_at")
    list_select_related = ("user",)
