"""Pages of R25–R27 (audit log, access review, API tokens, webhooks)."""

from __future__ import annotations

from django.urls import path

from storegate.web.views import automation as views

urlpatterns = [
    path("stores/<int:store_id>/settings/audit/", views.store_audit_log, name="store_audit_log"),
    path(
        "stores/<int:store_id>/settings/audit/export/",
        views.store_audit_export,
        name="store_audit_export",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/",
        views.access_review,
        name="access_review",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/remove-all/",
        views.access_review_remove_all,
        name="access_review_remove_all",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/<int:access_id>/remove/",
        views.access_review_remove,
        name="access_review_remove",
    ),
    path("partners/<int:org_id>/team/tokens/", views.api_tokens, name="partner_api_tokens"),
    path(
        "partners/<int:org_id>/team/tokens/<int:token_id>/revoke/",
        views.api_token_revoke,
        name="partner_api_token_revoke",
    ),
    path("partners/<int:org_id>/team/webhooks/", views.webhook_list, name="partner_webhooks"),
    path(
        "partners/<int:org_id>/team/webhooks/<int:webhook_id>/",
        views.webhook_detail,
        name="partner_webhook_detail",
    ),
    path(
        "partners/<int:org_id>/team/webhooks/<int:webhook_id>/delete/",
        views.webhook_delete,
        name="partner_webhook_delete",
    ),
    path("partners/<int:org_id>/team/audit/", views.partner_audit_log, name="partner_audit_log"),
    path(
        "partners/<int:org_id>/team/audit/export/",
        views.partner_audit_export,
        name="partner_audit_export",
    ),
]
