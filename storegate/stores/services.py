"""Writes of the stores app: creating stores, request-code settings live in collaborators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.accounts.models import User
from storegate.accounts.services import acting_person
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.collaborators.models import LIVE_ACCESS_STATUSES, CollaboratorAccess
from storegate.core.acting import Acting
from storegate.core.crypto import hash_token, new_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.links import page_url
from storegate.notifications.services import email_enqueue
from storegate.stores.models import HANDLE_VALIDATOR, Plan, StaffMember, StaffStatus, Store
from storegate.stores.permissions import PermissionSet, StorePermission

RESERVED_HANDLES = frozenset({"admin", "api", "www", "partners", "static", "login", "logout"})


@transaction.atomic
def store_create(*, name: str, handle: str, plan: str = Plan.BASIC, acting: Acting) -> Store:
    """A new store; the person acting becomes its owner."""
    owner = acting_person(acting)
    name = (name or "").strip()
    handle = (handle or "").strip().lower()
    if not name or len(name) > 120:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Enter a store name (at most 120 characters)."),
            field="name",
        )
    try:
        HANDLE_VALIDATOR(handle)
    except ValidationError as exc:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, " ".join(str(m) for m in exc.messages), field="handle"
        ) from None
    if handle in RESERVED_HANDLES:
        raise ApplicationError(
            ErrorCode.HANDLE_TAKEN, _("This handle is reserved."), field="handle"
        )
    if plan not in Plan.values:
        raise ApplicationError(ErrorCode.VALIDATION_ERROR, _("Unknown plan."), field="plan")
    if Store.objects.filter(handle=handle).exists():
        raise ApplicationError(ErrorCode.HANDLE_TAKEN, _("This handle is taken."), field="handle")
    try:
        with transaction.atomic():
            store = Store.objects.create(owner=owner, name=name, handle=handle, plan=plan)
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.HANDLE_TAKEN, _("This handle is taken."), field="handle"
        ) from None
    audit_record(
        action=AuditAction.STORE_CREATED,
        acting=acting,
        store=store,
        target=store,
        after={"name": name, "handle": handle},
    )
    return store


# --- Staff (R07, R16, S6) ---------------------------------------------------------------------

STAFF_LIVE = (StaffStatus.INVITED, StaffStatus.ACTIVE)


def _staff_reviewer(acting: Acting, store: Store) -> StoreAccess:
    """Holders of ``staff.manage`` in this store manage its staff; their access is returned."""
    reviewer = acting.access
    if reviewer is None or reviewer.store_id != store.pk:
        raise ApplicationError(ErrorCode.STORE_NOT_FOUND, _("No such store."))
    reviewer.require(StorePermission.STAFF_MANAGE)
    return reviewer


def _staff_grantable(reviewer: StoreAccess, added: PermissionSet) -> None:
    """S6: staff cannot grant, or give themselves, more than they hold."""
    if reviewer.is_owner:
        return
    beyond = added - reviewer.permissions
    if beyond:
        raise ApplicationError(
            ErrorCode.PERMISSION_NOT_GRANTABLE,
            _("You cannot grant permissions you do not hold yourself: %(codes)s.")
            % {"codes": ", ".join(beyond.codes())},
            field="permissions",
        )


def _collaborator_of(store: Store, email: str) -> bool:
    """R07: is this e-mail's user a member of an organization with live access to the store?"""
    return CollaboratorAccess.objects.filter(
        store=store,
        status__in=LIVE_ACCESS_STATUSES,
        organization__members__user__email__iexact=email,
    ).exists()


def _refuse_collaborator() -> ApplicationError:
    return ApplicationError(
        ErrorCode.COLLABORATOR_ACCESS_EXISTS,
        _(
            "This person belongs to a partner organization with collaborator access to this "
            "store. Remove that collaborator access first."
        ),
        field="email",
    )


@transaction.atomic
def staff_invite(
    *,
    store: Store,
    email: str,
    permissions: PermissionSet,
    acting: Acting,
) -> StaffMember:
    """Invite a staff member by e-mail. R16: invited and active staff count toward the plan's
    limit (collaborators never do); R07: not someone whose organization collaborates here."""
    reviewer = _staff_reviewer(acting, store)
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, _("Enter a valid e-mail address."), field="email"
        ) from None
    _staff_grantable(reviewer, permissions)
    # The store row lock makes the limit hold under concurrent invitations.
    locked = Store.objects.select_for_update().select_related("owner").get(pk=store.pk)
    if locked.owner.email.lower() == address:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("The owner cannot be staff of their own store."),
            field="email",
        )
    if StaffMember.objects.filter(
        store=locked, status__in=STAFF_LIVE, email__iexact=address
    ).exists():
        raise ApplicationError(
            ErrorCode.CONFLICT, _("This person is already staff of this store."), field="email"
        )
    if _collaborator_of(locked, address):
        raise _refuse_collaborator()
    if (
        StaffMember.objects.filter(store=locked, status__in=STAFF_LIVE).count()
        >= locked.staff_limit
    ):
        raise ApplicationError(
            ErrorCode.STAFF_LIMIT_REACHED,
            _(
                "Your plan allows %(limit)d staff accounts. Remove one or change plan; "
                "collaborators do not count toward this limit."
            )
            % {"limit": locked.staff_limit},
        )
    user = User.objects.filter(email__iexact=address).first()
    raw = new_token("sgi")
    try:
        with transaction.atomic():
            member = StaffMember.objects.create(
                store=locked,
                user=user,
                email=address,
                permissions_mask=permissions.mask,
                status=StaffStatus.INVITED,
                invitation_token_hash=hash_token(raw),
                invited_by=acting.user,
            )
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("This person is already staff of this store."), field="email"
        ) from None
    audit_record(
        action=AuditAction.STAFF_INVITED,
        acting=acting,
        store=locked,
        target=member,
        after={"email": address, "permissions": permissions.codes()},
    )
    email_enqueue(
        recipient=user or address,
        template="staff_invited",
        context={
            "store": locked,
            "inviter": acting.user,
            "permissions": permissions.codes(),
            "url": page_url("staff_invitation", raw),
        },
    )
    return member


@transaction.atomic
def staff_invitation_accept(*, raw_token: str, acting: Acting) -> StaffMember:
    """The invited person (``acting``) accepts with the link's token, logged in with the
    invited e-mail."""
    user = acting_person(acting)
    member = (
        StaffMember.objects.select_for_update()
        .select_related("store")
        .filter(invitation_token_hash=hash_token(raw_token or ""), status=StaffStatus.INVITED)
        .first()
    )
    if member is None or member.email.lower() != user.email.lower():
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such invitation."))
    if _collaborator_of(member.store, user.email):
        raise _refuse_collaborator()
    member.user = user
    member.status = StaffStatus.ACTIVE
    member.invitation_token_hash = ""
    member.save(update_fields=["user", "status", "invitation_token_hash", "updated_at"])
    audit_record(action=AuditAction.STAFF_JOINED, acting=acting, store=member.store, target=member)
    return member


def _live_staff(store: Store, staff: StaffMember) -> StaffMember:
    locked = (
        StaffMember.objects.select_for_update()
        .filter(pk=staff.pk, store=store, status__in=STAFF_LIVE)
        .first()
    )
    if locked is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such staff member."))
    return locked


@transaction.atomic
def staff_update(
    *,
    store: Store,
    staff: StaffMember,
    permissions: PermissionSet,
    acting: Acting,
) -> StaffMember:
    reviewer = _staff_reviewer(acting, store)
    locked = _live_staff(store, staff)
    before = locked.permissions
    _staff_grantable(reviewer, permissions - before)
    locked.permissions_mask = permissions.mask
    locked.save(update_fields=["permissions_mask", "updated_at"])
    audit_record(
        action=AuditAction.STAFF_PERMISSIONS_CHANGED,
        acting=acting,
        store=store,
        target=locked,
        before={"permissions": before.codes()},
        after={"permissions": permissions.codes()},
    )
    return locked


@transaction.atomic
def staff_remove(
    *,
    store: Store,
    staff: StaffMember,
    acting: Acting,
) -> StaffMember:
    _staff_reviewer(acting, store)
    locked = _live_staff(store, staff)
    locked.status = StaffStatus.REMOVED
    locked.invitation_token_hash = ""
    locked.save(update_fields=["status", "invitation_token_hash", "updated_at"])
    audit_record(
        action=AuditAction.STAFF_REMOVED,
        acting=acting,
        store=store,
        target=locked,
        before={"email": locked.email, "permissions": locked.permissions.codes()},
    )
    return locked
