"""Reads of the collaborator workflow; each takes the store or the organization (no query can
forget the tenant)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
    PartnerStoreStatus,
    RequestStatus,
)
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.pagination import keyset_page
from storegate.partners.models import PartnerOrganization
from storegate.stores.models import Store

MAX_QUERY = 100


def _pk(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def partner_store_list(
    *,
    organization: PartnerOrganization,
    status: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> tuple[list[PartnerStoreEntry], str | None]:
    """R17: the *Stores* page. One range scan of ``partner_store_list_idx`` (or the status index)
    per page, however deep; search is a substring match on the lower-cased name and handle
    (a trigram index serves it on PostgreSQL)."""
    qs = PartnerStoreEntry.objects.filter(
        organization=organization, hidden_at__isnull=True
    ).select_related("store", "access", "request")
    if status:
        if status not in PartnerStoreStatus.values:
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR,
                _("Unknown status; use one of: %(values)s.")
                % {"values": ", ".join(PartnerStoreStatus.values)},
                field="status",
            )
        qs = qs.filter(status=status)
    if q:
        text = q.strip().lower()
        if len(text) > MAX_QUERY:
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR, _("The search is too long."), field="q"
            )
        if text:
            qs = qs.filter(search_text__contains=text)
    return keyset_page(qs, cursor=cursor, limit=limit)


def store_pending_requests(*, store: Store) -> QuerySet[CollaboratorRequest]:
    return store_request_list(store=store, status=RequestStatus.PENDING)


def store_request_list(*, store: Store, status: str | None = None) -> QuerySet[CollaboratorRequest]:
    qs = CollaboratorRequest.objects.filter(store=store).select_related(
        "organization", "requested_by"
    )
    if status:
        if status not in RequestStatus.values:
            raise ApplicationError(
                ErrorCode.VALIDATION_ERROR,
                _("Unknown status; use one of: %(values)s.")
                % {"values": ", ".join(RequestStatus.values)},
                field="status",
            )
        qs = qs.filter(status=status)
    return qs.order_by("-id")


def store_collaborator_list(
    *, store: Store, cursor: str | None = None, status: str | None = None, limit: int | None = None
) -> tuple[list[CollaboratorAccess], str | None]:
    qs = CollaboratorAccess.objects.filter(store=store).select_related("organization")
    qs = qs.filter(status=status) if status else qs.live()
    return keyset_page(qs, cursor=cursor, limit=limit)


def request_for_store(*, store: Store | int, request_id: Any) -> CollaboratorRequest:
    pk = _pk(request_id)
    store_pk = store if isinstance(store, int) else store.pk
    request = (
        CollaboratorRequest.objects.select_related("organization", "requested_by", "store")
        .filter(store_id=store_pk, pk=pk)
        .first()
        if pk is not None
        else None
    )
    if request is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such request."))
    return request


def access_for_store(*, store: Store | int, access_id: Any) -> CollaboratorAccess:
    pk = _pk(access_id)
    store_pk = store if isinstance(store, int) else store.pk
    access = (
        CollaboratorAccess.objects.select_related("organization", "store")
        .filter(store_id=store_pk, pk=pk)
        .first()
        if pk is not None
        else None
    )
    if access is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator."))
    return access


def access_for_organization(
    *, organization: PartnerOrganization, store_id: Any
) -> CollaboratorAccess:
    """The organization's live access to a store, or 404 (no link, nothing to see)."""
    pk = _pk(store_id)
    access = (
        CollaboratorAccess.objects.select_related("organization", "store")
        .live()
        .filter(organization=organization, store_id=pk)
        .first()
        if pk is not None
        else None
    )
    if access is None:
        raise ApplicationError(
            ErrorCode.NOT_FOUND, _("Your organization has no access to this store.")
        )
    return access


def request_for_organization(
    *, organization: PartnerOrganization, request_id: Any
) -> CollaboratorRequest:
    pk = _pk(request_id)
    request = (
        CollaboratorRequest.objects.select_related("organization", "store")
        .filter(organization=organization, pk=pk)
        .first()
        if pk is not None
        else None
    )
    if request is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such request."))
    return request


def organization_request_list(
    *, organization: PartnerOrganization, status: str | None = None, cursor: str | None = None
) -> tuple[list[CollaboratorRequest], str | None]:
    qs = CollaboratorRequest.objects.filter(organization=organization).select_related("store")
    if status:
        qs = qs.filter(status=status)
    return keyset_page(qs, cursor=cursor)


def store_for_organization_entry(*, organization: PartnerOrganization, store_id: Any) -> Store:
    """A store on the organization's list, or 404."""
    pk = _pk(store_id)
    entry = (
        PartnerStoreEntry.objects.select_related("store")
        .filter(organization=organization, store_id=pk)
        .first()
        if pk is not None
        else None
    )
    if entry is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("This store is not on your list."))
    return entry.store
