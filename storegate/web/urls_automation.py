"""Pages of R25–R27 (audit log, access review, API tokens, webhooks)."""

from __future__ import annotations

from django.urls import path

from storegate.web.views import access_review, api_tokens, audit_log, webhooks

urlpatterns = [
    path(
        "stores/<int:store_id>/settings/audit/", audit_log.store_audit_log, name="store_audit_log"
    ),
    path(
        "stores/<int:store_id>/settings/audit/export/",
        audit_log.store_audit_export,
        name="store_audit_export",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/",
        access_review.access_review,
        name="access_review",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/remove-all/",
        access_review.access_review_remove_all,
        name="access_review_remove_all",
    ),
    path(
        "stores/<int:store_id>/settings/collaborators/review/<int:access_id>/remove/",
        access_review.access_review_remove,
        name="access_review_remove",
    ),
    path("partners/<int:org_id>/team/tokens/", api_tokens.api_tokens, name="partner_api_tokens"),
    path(
        "partners/<int:org_id>/team/tokens/<int:token_id>/revoke/",
        api_tokens.api_token_revoke,
        name="partner_api_token_revoke",
    ),
    path("partners/<int:org_id>/team/webhooks/", webhooks.webhook_list, name="partner_webhooks"),
    path(
        "partners/<int:org_id>/team/webhooks/<int:webhook_id>/",
        webhooks.webhook_detail,
        name="partner_webhook_detail",
    ),
    path(
        "partners/<int:org_id>/team/webhooks/<int:webhook_id>/delete/",
        webhooks.webhook_delete,
        name="partner_webhook_delete",
    ),
    path(
        "partners/<int:org_id>/team/audit/", audit_log.partner_audit_log, name="partner_audit_log"
    ),
    path(
        "partners/<int:org_id>/team/audit/export/",
        audit_log.partner_audit_export,
        name="partner_audit_export",
    ),
]
