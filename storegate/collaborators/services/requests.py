"""Requesting and deciding collaborator access (R01–R12, R23 extension requests)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.audit.services import RequestMeta, audit_record
from storegate.collaborators.models import (
    LIVE_ACCESS_STATUSES,
    AccessStatus,
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreStatus,
    RequestKind,
    RequestStatus,
)
from storegate.collaborators.services._common import (
    STATUS_FOR_REQUEST,
    entry_set,
    notify_merchants,
    notify_partner,
    parse_duration,
    parse_end_date,
    parse_message,
    parse_permissions,
    pending_counter_change,
    permission_difference,
    require_grantable,
    require_reviewer,
    review_url,
    validation,
)
from storegate.collaborators.services.codes import request_code_check
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import partner_event_emit
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole, role_at_least
from storegate.stores.access import StoreAccess
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet
from storegate.stores.selectors import store_find_by_reference


def _require_manager(organization: PartnerOrganization, user: Any) -> PartnerMember:
    """R01: store managers and above request, cancel and remove access."""
    member = PartnerMember.objects.filter(organization=organization, user_id=user.pk).first()
    if member is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such partner organization."))
    if not role_at_least(member.role, PartnerRole.STORE_MANAGER):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("Only store managers, admins and owners of the organization can do this."),
        )
    return member


def _request_data(request: CollaboratorRequest) -> dict[str, Any]:
    return {
        "request_id": str(request.pk),
        "store_id": str(request.store_id),
        "kind": request.kind,
        "status": request.status,
        "permissions": request.permissions.codes(),
    }


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
    requester: Any,
    store_reference: str,
    code: str | None,
    permissions: list[str] | None,
    preset: str | None,
    message: str | None,
    duration_days: int | None,
    meta: RequestMeta | None = None,
) -> CollaboratorRequest:
    """R01–R06: send a request to a store named by URL or handle.

    Input is checked first (nothing is recorded for bad input), then the request code in its own
    committed transaction (S1: a wrong code is recorded although the request is refused), then
    the request itself in one transaction with its counter, notices and audit event.
    """
    _require_manager(organization, requester)
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
    request_code_check(organization=organization, store=store, user=requester, code=code, meta=meta)
    return _request_create(
        organization=organization,
        requester=requester,
        store=store,
        permissions=wanted,
        message=text,
        duration_days=days,
        meta=meta,
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
    requester: Any,
    store: Store,
    permissions: PermissionSet,
    message: str,
    duration_days: int | None,
    meta: RequestMeta | None,
) -> CollaboratorRequest:
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
        action="collaborator.request_created",
        actor=requester,
        organization=organization,
        store=store,
        target=request,
        after={
            "permissions": permissions.codes(),
            "duration_days": duration_days,
            "message": message,
        },
        meta=meta,
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


def _locked_pending(request: CollaboratorRequest) -> CollaboratorRequest:
    locked = (
        CollaboratorRequest.objects.select_for_update(of=("self",))
        .select_related("organization", "store", "store__owner", "access")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such request."))
    if locked.status != RequestStatus.PENDING:
        raise ApplicationError(
            ErrorCode.INVALID_STATE,
            _("This request is %(status)s, not pending.")
            % {"status": locked.get_status_display().lower()},
            extra={"status": locked.status},
        )
    return locked


def _close(request: CollaboratorRequest, status: str, user: Any, now: datetime) -> None:
    request.status = status
    request.decided_at = now
    request.decided_by = user
    request.save(
        update_fields=[
            "status",
            "decided_at",
            "decided_by",
            "granted_permissions_mask",
            "access",
            "updated_at",
        ]
    )
    pending_counter_change(request.organization_id, -1)


@transaction.atomic
def collaborator_request_cancel(
    *, request: CollaboratorRequest, acting_user: Any, meta: RequestMeta | None = None
) -> CollaboratorRequest:
    """R08: the partner withdraws a pending request; it stops counting toward R05."""
    locked = _locked_pending(request)
    _require_manager(locked.organization, acting_user)
    _close(locked, RequestStatus.CANCELLED, acting_user, timezone.now())
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=PartnerStoreStatus.CANCELLED,
            request=locked,
        )
    audit_record(
        action="collaborator.request_cancelled",
        actor=acting_user,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        meta=meta,
    )
    return locked


@transaction.atomic
def collaborator_request_approve(
    *,
    request: CollaboratorRequest,
    reviewer: StoreAccess,
    acting_user: Any,
    permissions: PermissionSet | None = None,
    expires_at: datetime | None = None,
    meta: RequestMeta | None = None,
) -> CollaboratorAccess:
    """R11/R12 (and R23 extensions): grant what the reviewer decides, within what they hold."""
    now = timezone.now()
    locked = _locked_pending(request)
    store = locked.store
    require_reviewer(reviewer, store, subject_organization_id=locked.organization_id)
    end = parse_end_date(expires_at, now=now)
    if locked.kind == RequestKind.EXTENSION:
        return _approve_extension(locked, reviewer, acting_user, permissions, end, now, meta)
    requested = locked.permissions
    granted = requested if permissions is None else permissions
    if not granted:
        raise validation(_("Grant at least one permission, or decline."), "permissions")
    require_grantable(reviewer, granted)
    if end is None and locked.duration_days:
        end = now + timedelta(days=locked.duration_days)
    try:
        with transaction.atomic():
            access = CollaboratorAccess.objects.create(
                store=store,
                organization=locked.organization,
                permissions_mask=granted.mask,
                expires_at=end,
                granted_by=acting_user,
                granted_at=now,
                usage_period_started_at=now,
            )
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.ACCESS_ALREADY_EXISTS,
            _("This organization already has collaborator access to this store."),
        ) from None
    locked.granted_permissions_mask = granted.mask
    locked.access = access
    _close(locked, RequestStatus.APPROVED, acting_user, now)
    entry_set(
        organization=locked.organization,
        store=store,
        status=PartnerStoreStatus.MANAGED,
        request=locked,
        access=access,
    )
    difference = permission_difference(requested, granted)
    audit_record(
        action="collaborator.request_approved",
        actor=acting_user,
        organization=locked.organization,
        store=store,
        target=locked,
        before={"permissions": requested.codes()},
        after={
            "access_id": str(access.pk),
            "permissions": granted.codes(),
            "expires_at": end.isoformat() if end else None,
            **difference,
        },
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization,
        event="request.approved",
        data={
            **_request_data(locked),
            "access_id": str(access.pk),
            "granted_permissions": granted.codes(),
            "expires_at": end.isoformat() if end else None,
            **difference,
        },
    )
    notify_partner(
        organization=locked.organization,
        store=store,
        kind="collaborator.request_approved",
        title=gettext_lazy("%(store)s approved your request for store access"),
        params={"store": store.name},
        template="collab_request_approved",
        context={"access": access, "granted": granted.codes(), "expires_at": end, **difference},
    )
    return access


def _approve_extension(
    request: CollaboratorRequest,
    reviewer: StoreAccess,
    acting_user: Any,
    permissions: PermissionSet | None,
    end: datetime | None,
    now: datetime,
    meta: RequestMeta | None,
) -> CollaboratorAccess:
    if permissions is not None:
        raise validation(
            _(
                "An extension changes the end date only; edit the collaborator to change permissions."
            ),
            "permissions",
        )
    access = (
        CollaboratorAccess.objects.select_for_update(of=("self",))
        .filter(pk=request.access_id or 0, status__in=LIVE_ACCESS_STATUSES)
        .first()
    )
    if access is None:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("This access has ended already."))
    before = access.expires_at
    if end is None:
        base = max(now, access.expires_at or now)
        end = base + timedelta(days=request.duration_days or 30)
    access.expires_at = end
    access.save(update_fields=["expires_at", "updated_at"])
    request.access = access
    request.granted_permissions_mask = access.permissions_mask
    _close(request, RequestStatus.APPROVED, acting_user, now)
    audit_record(
        action="collaborator.extension_approved",
        actor=acting_user,
        organization=request.organization,
        store=request.store,
        target=access,
        before={"expires_at": before.isoformat() if before else None},
        after={"expires_at": end.isoformat()},
        meta=meta,
    )
    partner_event_emit(
        organization=request.organization,
        event="request.approved",
        data={**_request_data(request), "access_id": str(access.pk), "expires_at": end.isoformat()},
    )
    notify_partner(
        organization=request.organization,
        store=request.store,
        kind="collaborator.extension_approved",
        title=gettext_lazy("%(store)s extended your collaborator access"),
        params={"store": request.store.name},
        template="collab_extension_approved",
        context={"access": access, "expires_at": end},
    )
    return access


@transaction.atomic
def collaborator_request_decline(
    *,
    request: CollaboratorRequest,
    reviewer: StoreAccess,
    acting_user: Any,
    meta: RequestMeta | None = None,
) -> CollaboratorRequest:
    """R12: close the request; the partner is told."""
    now = timezone.now()
    locked = _locked_pending(request)
    require_reviewer(reviewer, locked.store, subject_organization_id=locked.organization_id)
    _close(locked, RequestStatus.DECLINED, acting_user, now)
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=PartnerStoreStatus.DECLINED,
            request=locked,
        )
    audit_record(
        action="collaborator.request_declined",
        actor=acting_user,
        organization=locked.organization,
        store=locked.store,
        target=locked,
        meta=meta,
    )
    partner_event_emit(
        organization=locked.organization, event="request.declined", data=_request_data(locked)
    )
    notify_partner(
        organization=locked.organization,
        store=locked.store,
        kind="collaborator.request_declined",
        title=gettext_lazy("%(store)s declined your request for store access"),
        params={"store": locked.store.name},
        template="collab_request_declined",
        context={"request": locked, "requested": locked.permissions.codes()},
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
    _close(locked, RequestStatus.EXPIRED, None, now)
    if locked.kind == RequestKind.ACCESS:
        entry_set(
            organization=locked.organization,
            store=locked.store,
            status=STATUS_FOR_REQUEST["expired"],
            request=locked,
        )
    audit_record(
        action="collaborator.request_expired",
        organization=locked.organization,
        store=locked.store,
        target=locked,
    )
    partner_event_emit(
        organization=locked.organization, event="request.expired", data=_request_data(locked)
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
    member: PartnerMember,
    duration_days: int,
    message: str = "",
    meta: RequestMeta | None = None,
) -> CollaboratorRequest:
    """R23: ask the merchant for more time; reviewed like a request, counted toward R05."""
    user = member.user
    _require_manager(member.organization, user)
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
        action="collaborator.extension_requested",
        actor=user,
        organization=locked.organization,
        store=locked.store,
        target=request,
        after={"duration_days": days, "message": text},
        meta=meta,
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
