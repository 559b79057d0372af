"""Writes of the collaborator workflow (SPEC §4), split by stage; every name is re-exported here."""

from __future__ import annotations

from storegate.collaborators.services.access_changes import (
    UNCHANGED,
    collaborator_access_resume,
    collaborator_access_suspend,
    collaborator_access_update,
)
from storegate.collaborators.services.access_endings import (
    collaborator_access_expire,
    collaborator_access_remove,
    collaborator_access_remove_by_partner,
    collaborator_access_remove_inactive,
)
from storegate.collaborators.services.codes import (
    request_code_check,
    request_code_is_locked,
    request_code_regenerate,
    request_code_set_required,
)
from storegate.collaborators.services.jobs import (
    expire_pending_requests,
    inactivity_days_of,
    process_end_dates,
    process_inactivity,
)
from storegate.collaborators.services.partner_list import partner_store_hide
from storegate.collaborators.services.requests import (
    collaborator_extension_request_create,
    collaborator_request_cancel,
    collaborator_request_create,
    collaborator_request_expire,
)
from storegate.collaborators.services.reviews import (
    collaborator_request_approve,
    collaborator_request_decline,
)

__all__ = [
    "UNCHANGED",
    "collaborator_access_expire",
    "collaborator_access_remove",
    "collaborator_access_remove_by_partner",
    "collaborator_access_remove_inactive",
    "collaborator_access_resume",
    "collaborator_access_suspend",
    "collaborator_access_update",
    "collaborator_extension_request_create",
    "collaborator_request_approve",
    "collaborator_request_cancel",
    "collaborator_request_create",
    "collaborator_request_decline",
    "collaborator_request_expire",
    "expire_pending_requests",
    "inactivity_days_of",
    "partner_store_hide",
    "process_end_dates",
    "process_inactivity",
    "request_code_check",
    "request_code_is_locked",
    "request_code_regenerate",
    "request_code_set_required",
]
