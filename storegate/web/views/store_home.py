"""The store admin's Home, with the notifications of this store (R04)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from storegate.access.guard import acting_of, requires, store_access_of
from storegate.collaborators.models import CollaboratorRequest, RequestStatus
from storegate.notifications.models import Notification
from storegate.partners.models import PartnerOrganization
from storegate.stores.permissions import StorePermission
from storegate.web.views.requester import acting_user


@login_required
@requires(GET=())
def store_home(request: HttpRequest, store_id: int) -> HttpResponse:
    access = store_access_of(request)
    store = acting_of(request).store
    notifications = []
    if not access.is_collaborator:
        notifications = list(
            Notification.objects.filter(recipient=acting_user(request), store=store)[:20]
        )
    pending = 0
    if access.can(StorePermission.COLLABORATORS_MANAGE):
        pending = CollaboratorRequest.objects.filter(
            store=store, status=RequestStatus.PENDING
        ).count()
    organization = (
        PartnerOrganization.objects.filter(pk=access.organization_id).first()
        if access.organization_id is not None
        else None
    )
    response = render(
        request,
        "web/store/home.html",
        {
            "store": store,
            "access": access,
            "notifications": notifications,
            "pending": pending,
            "organization": organization,
        },
    )
    unread = [n.pk for n in notifications if n.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return response
