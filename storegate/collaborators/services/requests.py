"""Requesting collaborator access: create, cancel, expire (R01–R09), and extension requests (R23).

The merchant's decisions on requests are in ``reviews.py``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.accounts.services import acting_person
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    AccessStatus,
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreStatus,
    RequestKind,
    RequestStatus,
)
from storegate.collaborators.services.authority import require_manager
from storegate.collaborators.services.codes import request_code_check
from storegate.collaborators.services.notices import notify_merchants, notify_partner, review_url
from storegate.collaborators.services.parsing import (
    parse_duration,
    parse_message,
    parse_permissions,
    validation,
)
from storegate.collaborators.services.partner_list import entry_set
from storegate.collaborators.services.request_state import (
    locked_pending_request,
    pending_counter_change,
    request_close,
    request_data,
)
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import partner_event_emit
from storegate.partners.models import PartnerOrganization
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet
from storegate.stores.selectors import store_find_by_reference


def _count_pending(organization_id: int) -> None:
    """R05: one more pending request; the CHECK (≤ 10) refuses the 11th, even under races."""
    try:
        with transaction.atomic():
            pending_counter_change(organization_id, +1)
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.PENDING_LIMIT_REACHED,
            _(
                "Your organization already has 10 pending requests. Wait for a decision, or "
                "cancel one, before sending another."
            ),
        ) from None


def collaborator_request_create(
    *,
    organization: PartnerOrganization,
    store_reference: str,
    code: str | None,
    permissions: list[str] | None,
    preset: str | None,
    message: str | None,
    duration_days: int | None,
    acting: Acting,
) -> CollaboratorRequest:
    """R01–R06: a manager of ``organization`` (``acting``) sends a request to a store named by
    URL or handle.

    Input is checked first (nothing is recorded for bad input), then the request code in its own
    committed transaction (S1: a wrong code is recorded although the request is refused), then
    the request itself in one transaction with its counter, notices and audit event.
    """
    require_manager(organization, acting)
    wanted = parse_permissions(permissions=permissions, preset=preset)
    assert wanted is not None
    text = parse_message(message)
    days = parse_duration(duration_days)
    if not isinstance(store_reference, str):
        raise validation(_("Name the store by its URL or handle."), "store")
    store = store_find_by_reference(store_reference)
    if store is None:
        raise ApplicationError(
            ErrorCode.STORE_NOT_FOUND,
            _("No store has this URL or handle. Check it with the store owner."),
            field="store",
        )
    request_code_check(organization=organization, store=store, code=code, acting=acting)
    return _request_create(
        organization=organization,
        store=store,
        permissions=wanted,
        message=text,
        duration_days=days,
        acting=acting,
    )


def _staff_account_of(store: Store, user: Any) -> bool:
    """R06: an active or invited staff account in the store, by user or by e-mail."""
    if store.owner_id == user.pk:
        return True
    return (
        StaffMember.objects.filter(
            store=store, status__in=[StaffStatus.ACTIVE, StaffStatus.INVITED]
        )
        .filter(Q(user_id=user.pk) | Q(email__iexact=user.email))
        .exists()
    )


@transaction.atomic
def _request_create(
    *,
    organization: PartnerOrganization,
    store: Store,
    permissions: PermissionSet,
    message: str,
    duration_days: int | None,
    acting: Acting,
) -> CollaboratorRequest:
    requester = acting_person(acting)
    # Lock order organization → store, as in the code check: R05's counter and R06/R07's
    # staff-versus-collaborator checks are decided one at a time.
    PartnerOrganization.objects.select_for_update(of=("self",)).filter(pk=organization.pk).first()
    store = Store.objects.select_for_update(of=("self",)).select_related("owner").get(pk=store.pk)
    if _staff_account_of(store, requester):
        raise ApplicationError(
            ErrorCode.STAFF_ACCOUNT_EXISTS,
            _(
                "You have a staff account in this store. Ask the owner to remove the staff "
                "account linked to your e-mail first."
            ),
        )
    if CollaboratorAccess.objects.filter(
        store=store, organization=organization, status__in=LIVE_ACCESS_STATUSES
    ).exists():
        raise ApplicationError(
            ErrorCode.ACCESS_ALREADY_EXISTS,
            _("Your organization already has collaborator access to this store."),
        )
    already = _("Your organization already has a pending request for this store.")
    if CollaboratorRequest.objects.filter(
        store=store, organization=organization, status=RequestStatus.PENDING
    ).exists():
        raise ApplicationError(ErrorCode.REQUEST_ALREADY_PENDING, already)
    _count_pending(organization.pk)
    now = timezone.now()
    try:
        with transaction.atomic():
            request = CollaboratorRequest.objects.create(
                organization=organization,
                requested_by=requester,
                store=store,
                kind=RequestKind.ACCESS,
                permissions_mask=permissions.mask,
                message=message,
                duration_days=duration_days,
                expires_at=now + timedelta(days=settings.STOREGATE_REQUEST_EXPIRY_DAYS),
            )
    except IntegrityError:
        # A concurrent request for the same (organization, store) won (the partial unique index).
        raise ApplicationError(ErrorCode.REQUEST_ALREADY_PENDING, already) from None
    entry_set(
        organization=organization,
        store=store,
        status=PartnerStoreStatus.PENDING,
        request=request,
        unhide=True,
    )
    audit_record(
        action=AuditAction.COLLABORATOR_REQUEST_CREATED,
        acting=acting,
        organization=organization,
        store=store,
        target=request,
        after={
            "permissions": permissions.codes(),
            "duration_days": duration_days,
            "message": message,
        },
    )
    notify_merchants(
        store=store,
        kind="collaborator.request_received",
        title=gettext_lazy("Request for store access from %(partner)s"),
        params={"partner": organization.name},
        template="collab_request_received",
        context={
            "request": request,
            "organization": organization,
            "requester": requester,
            "permissions_by_section": list(permissions.by_section().items()),
        },
        url=review_url(store, request),
    )
    return request


@transaction.atomic
def collaborator_request_cancel(
    *, request: CollaboratorRequest, acting: Acting
) -> CollaboratorRequest:
    """R08: the partner withdraws a pending request; it stops counting toward R05."""
    locked = locked_pending_request(request)
    require_manager(locked.organization, acting)
    request_close(locked, RequestStatus.CANCELLED, acting.user, timezone.now())
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=PartnerStoreStatus.CANCELLED,
            request=locked,
        )
    audit_record(
        action=AuditAction.COLLABORATOR_REQUEST_CANCELLED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=locked,
    )
    return locked


@transaction.atomic
def collaborator_request_expire(
    *, request: CollaboratorRequest, now: datetime | None = None
) -> bool:
    """R09: a pending request past its date expires; the partner is told. Idempotent."""
    now = now or timezone.now()
    locked = (
        CollaboratorRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "store")
        .filter(pk=request.pk, status=RequestStatus.PENDING, expires_at__lte=now)
        .first()
    )
    if locked is None:
        return False
    request_close(locked, RequestStatus.EXPIRED, None, now)
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=PartnerStoreStatus.EXPIRED,
            request=locked,
        )
    audit_record(
        action=AuditAction.COLLABORATOR_REQUEST_EXPIRED,
        organization=locked.organization,
        store=locked.store,
        target=locked,
    )
    partner_event_emit(
        organization=locked.organization, event="request.expired", data=request_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.request_expired",
        title=gettext_lazy("Your request for access to %(store)s expired"),
        params={"store": locked.store.name},
        template="collab_request_expired",
        context={"request": locked, "days": settings.STOREGATE_REQUEST_EXPIRY_DAYS},
    )
    return True


@transaction.atomic
def collaborator_extension_request_create(
    *,
    access: CollaboratorAccess,
    duration_days: int,
    message: str = "",
    acting: Acting,
) -> CollaboratorRequest:
    """R23: a manager of the partner (``acting``, in its organization) asks the merchant for
    more time; reviewed like a request, counted toward R05."""
    member = require_manager(acting.organization_id, acting)
    user = acting_person(acting)
    days = parse_duration(duration_days, required=True)
    text = parse_message(message)
    locked = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .select_related("store", "store__owner", "organization")
        .filter(pk=access.pk, organization_id=member.organization_id)
        .first()
    )
    if locked is None or locked.status != AccessStatus.ACTIVE:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("Only an active access can be extended."))
    if locked.expires_at is None:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("This access has no end date to extend."))
    already = _("Your organization already has a pending request for this store.")
    if CollaboratorRequest.objects.filter(
        store=locked.store, organization=locked.organization, status=RequestStatus.PENDING
    ).exists():
        raise ApplicationError(ErrorCode.REQUEST_ALREADY_PENDING, already)
    _count_pending(locked.organization_id)
    now = timezone.now()
    try:
        with transaction.atomic():
            request = CollaboratorRequest.objects.create(
                organization=locked.organization,
                requested_by=user,
                store=locked.store,
                kind=RequestKind.EXTENSION,
                access=locked,
                permissions_mask=locked.permissions_mask,
                message=text,
                duration_days=days,
                expires_at=now + timedelta(days=settings.STOREGATE_REQUEST_EXPIRY_DAYS),
            )
    except IntegrityError:
        raise ApplicationError(ErrorCode.REQUEST_ALREADY_PENDING, already) from None
    audit_record(
        action=AuditAction.COLLABORATOR_EXTENSION_REQUESTED,
        acting=acting,
        organization=locked.organization,
        store=locked.store,
        target=request,
        after={"duration_days": days, "message": text},
    )
    notify_merchants(
        store=locked.store,
        kind="collaborator.extension_requested",
        title=gettext_lazy("%(partner)s asks to extend its collaborator access"),
        params={"partner": locked.organization.name},
        template="collab_extension_requested",
        context={"request": request, "organization": locked.organization, "access": locked},
        url=review_url(locked.store, request),
    )
    return request
