"""The partner's *Stores* list: each row kept in step with the workflow (R17), and hiding a
store whose access ended (R21)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
    PartnerStoreStatus,
)
from storegate.collaborators.services.authority import require_manager
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerOrganization
from storegate.stores.models import Store


def entry_set(
    *,
    organization: PartnerOrganization | int,
    store: Store,
    status: str,
    request: CollaboratorRequest | None = None,
    access: CollaboratorAccess | None = None,
    unhide: bool = False,
) -> None:
    """Keep the partner's *Stores* row (R17) in step with the transition being made."""
    org_id = organization if isinstance(organization, int) else organization.pk
    fields: dict[str, Any] = {
        "status": status,
        "search_text": f"{store.name} {store.handle}".lower()[:200],
    }
    if request is not None:
        fields["request"] = request
    if access is not None:
        fields["access"] = access
    if unhide:
        fields["hidden_at"] = None
    updated = PartnerStoreEntry.objects.filter(organization_id=org_id, store=store).update(
        **fields, updated_at=timezone.now()
    )
    if not updated:
        PartnerStoreEntry.objects.get_or_create(
            organization_id=org_id, store=store, defaults=fields
        )


HIDEABLE = (
    PartnerStoreStatus.DECLINED,
    PartnerStoreStatus.ACCESS_REMOVED,
    PartnerStoreStatus.EXPIRED,
    PartnerStoreStatus.CANCELLED,
)


@transaction.atomic
def partner_store_hide(
    *,
    organization: PartnerOrganization,
    store: Store,
    acting: Acting,
) -> PartnerStoreEntry:
    """R21: after an ending, the partner may take the store off its list; nothing else changes."""
    require_manager(organization, acting)
    entry = (
        PartnerStoreEntry.objects.select_for_update(of=("self",))
        .filter(organization=organization, store=store)
        .first()
    )
    if entry is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("This store is not on your list."))
    if entry.status not in HIDEABLE:
        raise ApplicationError(
            ErrorCode.INVALID_STATE,
            _(
                "Only stores whose access was removed, declined, cancelled or expired can be hidden."
            ),
            extra={"status": entry.status},
        )
    if entry.hidden_at is None:
        entry.hidden_at = timezone.now()
        entry.save(update_fields=["hidden_at", "updated_at"])
        audit_record(
            action=AuditAction.PARTNER_STORE_HIDDEN,
            acting=acting,
            organization=organization,
            store=store,
            target=entry,
        )
    return entry
