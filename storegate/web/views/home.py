"""The landing page and the demo mailbox."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from storegate.access.guard import declare_scope, public
from storegate.notifications.models import MailboxEmail
from storegate.partners.selectors import organizations_of_user
from storegate.stores.selectors import stores_of_user


@declare_scope("account")
@login_required
def index(request: HttpRequest) -> HttpResponse:
    stores = list(stores_of_user(user=request.user).order_by("name")[:100])
    memberships = organizations_of_user(user=request.user)
    return render(request, "web/index.html", {"stores": stores, "memberships": memberships})


@public
def mailbox(request: HttpRequest) -> HttpResponse:
    """E-mails kept by the mailbox backend; only there when EMAIL_URL is mailbox:// (the demo)."""
    if settings.EMAIL_BACKEND != "storegate.notifications.mailbox.MailboxEmailBackend":
        raise Http404
    emails = MailboxEmail.objects.all()[:200]
    return render(request, "web/mailbox.html", {"emails": emails})
