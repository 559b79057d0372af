"""Shared pieces of the collaborator workflow: input parsing, R11/S6 bounds, recipients,
the partner's *Stores* row, notices, and ending live sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
    PartnerStoreStatus,
    RequestStatus,
    StoreSession,
)
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.links import page_url
from storegate.notifications.services import email_enqueue, notification_create
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole, role_at_least
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import (
    PermissionSet,
    Preset,
    StorePermission,
    parse_permission_codes,
)

MAX_MESSAGE_LENGTH = 1000
MAX_DURATION_DAYS = 3650
# R12/R13: who hears about decisions on the partner side. Viewers only log in; decisions
# about what the organization may do go to the people who manage its stores.
PARTNER_NOTICE_ROLES = (PartnerRole.OWNER, PartnerRole.ADMIN, PartnerRole.STORE_MANAGER)


def validation(message: str, field: str | None = None) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field=field)


def parse_permissions(
    *, permissions: Iterable[str] | None, preset: str | None, required: bool = True
) -> PermissionSet | None:
    """R03: a list of permission codes, a preset (``full_access`` included), or both (united).

    Unknown codes are ``validation_error``; owner-only actions ``permission_not_grantable``.
    """
    result = PermissionSet()
    given = False
    if preset is not None:
        try:
            result = result | Preset.from_key(str(preset)).permissions
        except ValueError as exc:
            raise validation(str(exc), "preset") from None
        given = True
    if permissions is not None:
        if isinstance(permissions, str) or not all(isinstance(p, str) for p in permissions):
            raise validation(_("Permissions are a list of permission codes."), "permissions")
        try:
            result = result | parse_permission_codes(permissions)
        except PermissionError as exc:
            raise ApplicationError(
                ErrorCode.PERMISSION_NOT_GRANTABLE, str(exc), field="permissions"
            ) from None
        except ValueError as exc:
            raise validation(str(exc), "permissions") from None
        given = True
    if not given:
        if required:
            raise validation(
                _("Choose at least one permission, a preset, or full access."), "permissions"
            )
        return None
    if not result:
        raise validation(
            _("Choose at least one permission, a preset, or full access."), "permissions"
        )
    return result


def parse_message(message: str | None) -> str:
    text = (message or "").strip()
    if len(text) > MAX_MESSAGE_LENGTH:
        raise validation(
            _("The message can be at most %(n)d characters long.") % {"n": MAX_MESSAGE_LENGTH},
            "message",
        )
    return text


def parse_duration(duration_days: Any, *, required: bool = False) -> int | None:
    if duration_days is None:
        if required:
            raise validation(_("Say for how many days."), "duration_days")
        return None
    if isinstance(duration_days, bool) or not isinstance(duration_days, int):
        raise validation(_("The duration is a whole number of days."), "duration_days")
    if not 1 <= duration_days <= MAX_DURATION_DAYS:
        raise validation(
            _("The duration must be between 1 and %(n)d days.") % {"n": MAX_DURATION_DAYS},
            "duration_days",
        )
    return duration_days


def parse_end_date(expires_at: datetime | None, *, now: datetime) -> datetime | None:
    if expires_at is None:
        return None
    if timezone.is_naive(expires_at):
        expires_at = timezone.make_aware(expires_at, UTC)
    if expires_at <= now:
        raise validation(_("The end date must be in the future."), "expires_at")
    return expires_at


def require_reviewer(
    reviewer: StoreAccess, store: Store, *, subject_organization_id: int | None = None
) -> None:
    """R10: only the owner and holders of ``collaborators.manage`` in this store review.

    S6: a collaborator holding ``collaborators.manage`` never decides about its own
    organization's requests or access (it could otherwise extend or widen its own grant).
    """
    if reviewer.store_id != store.pk:
        raise ApplicationError(ErrorCode.STORE_NOT_FOUND, _("No such store."))
    reviewer.require(StorePermission.COLLABORATORS_MANAGE)
    if (
        subject_organization_id is not None
        and reviewer.organization_id is not None
        and reviewer.organization_id == subject_organization_id
    ):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("A collaborator cannot decide about its own organization's access."),
        )


def require_grantable(reviewer: StoreAccess, added: PermissionSet) -> None:
    """R11/S6: only the owner grants freely; anyone else grants only what they hold."""
    if reviewer.is_owner:
        return
    beyond = added - reviewer.permissions
    if beyond:
        raise ApplicationError(
            ErrorCode.PERMISSION_NOT_GRANTABLE,
            _("You cannot grant permissions you do not hold yourself: %(codes)s.")
            % {"codes": ", ".join(beyond.codes())},
            field="permissions",
            extra={"not_grantable": beyond.codes()},
        )


def permission_difference(requested: PermissionSet, granted: PermissionSet) -> dict[str, list[str]]:
    return {"added": (granted - requested).codes(), "removed": (requested - granted).codes()}


def merchant_reviewers(store: Store) -> list[Any]:
    """R04: the owner and every active staff member holding ``collaborators.manage``."""
    bit = StorePermission.COLLABORATORS_MANAGE.bit
    people = [store.owner]
    staff = StaffMember.objects.select_related("user").filter(
        store=store, status=StaffStatus.ACTIVE, user__isnull=False
    )
    for member in staff:
        if member.user and member.permissions_mask & bit and member.user_id != store.owner_id:
            people.append(member.user)
    return people


def partner_recipients(organization: PartnerOrganization) -> list[Any]:
    return [
        m.user
        for m in PartnerMember.objects.select_related("user")
        .filter(organization=organization, role__in=PARTNER_NOTICE_ROLES)
        .order_by("id")
    ]


def review_url(store: Store, request: CollaboratorRequest) -> str:
    return page_url("request_review", store.pk, request.pk)


def collaborators_url(store: Store) -> str:
    # The collaborators are listed on Settings → Users and permissions.
    return page_url("store_users", store.pk, fragment="collaborators")


def partner_stores_url(organization: PartnerOrganization) -> str:
    return page_url("partner_stores", organization.pk)


def _title(recipient: Any, title: Any, params: dict[str, Any]) -> str:
    # Titles are lazy translations, stored rendered in the recipient's language (R28).
    with translation.override(getattr(recipient, "language", None) or settings.LANGUAGE_CODE):
        return str(title) % params


def notify_merchants(
    *,
    store: Store,
    kind: str,
    title: Any,
    params: dict[str, Any],
    template: str,
    context: dict[str, Any],
    url: str,
) -> None:
    """An e-mail and a notification on the store's Home for every reviewer of the store."""
    for person in merchant_reviewers(store):
        notification_create(
            recipient=person,
            kind=kind,
            title=_title(person, title, params),
            url=url,
            store=store,
        )
        email_enqueue(
            recipient=person, template=template, context={"store": store, "url": url, **context}
        )


def notify_partner(
    *,
    organization: PartnerOrganization,
    store: Store,
    kind: str,
    title: Any,
    params: dict[str, Any],
    template: str,
    context: dict[str, Any],
) -> None:
    """An e-mail and a dashboard notification for the organization's managers."""
    url = partner_stores_url(organization)
    for person in partner_recipients(organization):
        notification_create(
            recipient=person,
            kind=kind,
            title=_title(person, title, params),
            url=url,
            organization=organization,
        )
        email_enqueue(
            recipient=person,
            template=template,
            context={"store": store, "organization": organization, "url": url, **context},
        )


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


def sessions_end(*, access: CollaboratorAccess, now: datetime) -> int:
    """R14/R20: end every live store session of the access at once."""
    return StoreSession.objects.filter(access=access, ended_at__isnull=True).update(ended_at=now)


def pending_counter_change(organization_id: int, delta: int) -> None:
    """R05's counter. An increment past 10 raises IntegrityError (the CHECK); a decrement never
    goes below zero, so rows written outside the services cannot turn a decision into a 500."""
    rows = PartnerOrganization.objects.filter(pk=organization_id)
    if delta < 0:
        rows = rows.filter(pending_requests__gte=-delta)
    rows.update(pending_requests=F("pending_requests") + delta)


STATUS_FOR_REQUEST = {
    "declined": PartnerStoreStatus.DECLINED,
    "cancelled": PartnerStoreStatus.CANCELLED,
    "expired": PartnerStoreStatus.EXPIRED,
}


def request_data(request: CollaboratorRequest) -> dict[str, Any]:
    return {
        "request_id": str(request.pk),
        "store_id": str(request.store_id),
        "kind": request.kind,
        "status": request.status,
        "permissions": request.permissions.codes(),
    }


def locked_pending_request(request: CollaboratorRequest) -> CollaboratorRequest:
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


def request_close(request: CollaboratorRequest, status: str, user: Any, now: datetime) -> None:
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


def require_manager(organization: PartnerOrganization, user: Any) -> PartnerMember:
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
