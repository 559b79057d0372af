from __future__ import annotations

from django.contrib import admin

from storegate.stores.models import StaffMember, Store


class StaffInline(admin.TabularInline):
    model = StaffMember
    fk_name = "store"
    extra = 0
    fields = ("email", "user", "status", "permissions_mask")
    raw_id_fields = ("user",)


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "handle", "owner", "plan", "request_code_required", "created_at")
    search_fields = ("name", "handle", "owner__email")
    list_filter = ("plan", "request_code_required")
    raw_id_fields = ("owner",)
    # The code itself is for the merchant; operators see only whether it is required.
    exclude = ("request_code",)
    inlines = (StaffInline,)
