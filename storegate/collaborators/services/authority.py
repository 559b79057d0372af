"""Who may decide: the store's reviewers (R10), what they may grant (R11, S6), and the partner's
managers who request, cancel and give up access (R01)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from storegate.access.store_access import StoreAccess
from storegate.core.acting import Acting
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole, role_at_least
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet, StorePermission


def require_reviewer(
    acting: Acting, store: Store, *, subject_organization_id: int | None = None
) -> StoreAccess:
    """R10: only the owner and holders of ``collaborators.manage`` in this store review; the
    reviewer's access (``acting.access``) is returned for the R11 checks.

    S6: a collaborator holding ``collaborators.manage`` never decides about its own
    organization's requests or access (it could otherwise extend or widen its own grant).
    """
    reviewer = acting.access
    if reviewer is None or reviewer.store_id != store.pk:
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
    return reviewer


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


def require_manager(
    organization: PartnerOrganization | int | None, acting: Acting
) -> PartnerMember:
    """R01: store managers and above of ``organization`` request, cancel and remove access;
    the acting person's membership is returned."""
    user_id = getattr(acting.user, "pk", None)
    member = (
        PartnerMember.objects.filter(organization=organization, user_id=user_id).first()
        if organization is not None and user_id is not None
        else None
    )
    if member is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such partner organization."))
    if not role_at_least(member.role, PartnerRole.STORE_MANAGER):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("Only store managers, admins and owners of the organization can do this."),
        )
    return member
