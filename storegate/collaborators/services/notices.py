"""Who hears about the workflow and how: the store's reviewers (R04), the partner's managers
(R12, R13), the links the notices carry, and an e-mail plus an in-app notification for each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

from storegate.collaborators.models import CollaboratorRequest
from storegate.core.links import page_url
from storegate.notifications.services import email_enqueue, notification_create
from storegate.partners.models import PartnerMember, PartnerOrganization, PartnerRole
from storegate.stores.models import StaffMember, StaffStatus, Store
from storegate.stores.permissions import StorePermission

# R12/R13: who hears about decisions on the partner side. Viewers only log in; decisions
# about what the organization may do go to the people who manage its stores.
PARTNER_NOTICE_ROLES = (PartnerRole.OWNER, PartnerRole.ADMIN, PartnerRole.STORE_MANAGER)


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
