"""Pages of R25–R27: the merchant's audit log and access review, and the partner's API tokens,
webhooks and audit log. Plain Django forms, CSRF, POST-redirect-GET, confirmation before any
destructive action; every view declares its guard.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import requires, store_access_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.accounts.models import User
from storegate.audit.actions import AuditAction
from storegate.audit.api import audit_export_response, organization_member_ids
from storegate.audit.models import AuditEvent
from storegate.audit.selectors import audit_event_filter, audit_event_list
from storegate.audit.services import audit_record
from storegate.collaborators.models import LIVE_ACCESS_STATUSES, CollaboratorAccess
from storegate.collaborators.review import access_review_build, collaborator_access_remove_all
from storegate.core.acting import RequestMeta
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications import webhooks
from storegate.notifications.events import PARTNER_EVENTS
from storegate.partners import tokens
from storegate.partners.models import PartnerRole, role_at_least
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


NEW_TOKEN_KEY = "automation_new_token"
NEW_SECRET_KEY = "automation_new_webhook_secret"
PAGE_SIZE = 50


# --- audit log (R25) -----------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    # Field names are the API's query parameters, so export links reuse the same query string.
    date_from = forms.DateField(label=gettext_lazy("From"), required=False)
    date_to = forms.DateField(label=gettext_lazy("To"), required=False)
    actor = forms.CharField(label=gettext_lazy("Person (e-mail)"), required=False, max_length=254)
    organization = forms.TypedChoiceField(
        label=gettext_lazy("Organization"), required=False, coerce=str
    )
    action = forms.CharField(
        label=gettext_lazy("Action"),
        required=False,
        max_length=64,
        help_text=gettext_lazy("Exact, or a prefix ending in * (collaborator.*)."),
    )

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        assert isinstance(organization, forms.ChoiceField)
        organization.choices = [("", _("Any organization")), *organizations]
        for name in ("date_from", "date_to"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "actor": data.get("actor") or None,
            "organization_id": data.get("organization") or None,
            "action": data.get("action") or None,
        }


def _store_organizations(store: Store) -> list[tuple[str, str]]:
    rows = (
        CollaboratorAccess.objects.filter(store=store)
        .values_list("organization_id", "organization__name")
        .distinct()
        .order_by("organization__name")[:200]
    )
    return [(str(pk), name) for pk, name in rows]


def _filter_query(request: HttpRequest) -> str:
    keep = {k: v for k, v in request.GET.items() if k != "cursor" and v}
    return urlencode(keep)


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def store_audit_log(request: HttpRequest, store_id: int) -> HttpResponse:
    store = Store.objects.get(pk=store_access_of(request).store_id)
    form = AuditFilterForm(request.GET or None, organizations=_store_organizations(store))
    events: list[AuditEvent] = []
    next_cursor = None
    if form.is_bound and not form.is_valid():
        pass
    else:
        criteria = form.criteria() if form.is_bound else {}
        try:
            events, next_cursor = audit_event_list(
                store=store, cursor=request.GET.get("cursor") or None, limit=PAGE_SIZE, **criteria
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
    query = _filter_query(request)
    return render(
        request,
        "web/automation/audit_log.html",
        {
            "store": store,
            "form": form,
            "events": events,
            "next_cursor": next_cursor,
            "query": query,
            "export_url": reverse("store_audit_export", args=[store.pk]),
        },
    )


def _export(
    request: HttpRequest, *, store: Any, organization: Any, filename: str
) -> HttpResponseBase:
    organizations = _store_organizations(store) if store is not None else []
    form = AuditFilterForm(request.GET, organizations=organizations)
    export_format = request.GET.get("format", "csv")
    if export_format not in ("csv", "json") or not form.is_valid():
        raise ApplicationError(ErrorCode.VALIDATION_ERROR, _("Fix the filters, then export again."))
    criteria = form.criteria()
    if organization is not None:
        criteria.pop("organization_id")
    exported = audit_record(
        action=AuditAction.AUDIT_EXPORTED,
        actor=request.user,
        store=store,
        organization=organization,
        after={"format": export_format, **{k: str(v) for k, v in criteria.items() if v}},
        meta=RequestMeta.from_request(request),
    )
    queryset = audit_event_filter(store=store, organization=organization, **criteria).filter(
        id__lt=exported.pk
    )
    return audit_export_response(
        queryset=queryset,
        export_format=export_format,
        filename=filename,
        private_unless=organization_member_ids(organization) if organization is not None else None,
    )


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def store_audit_export(request: HttpRequest, store_id: int) -> HttpResponseBase:
    store = Store.objects.get(pk=store_access_of(request).store_id)
    return _export(request, store=store, organization=None, filename=f"audit-{store.handle}")


@login_required
@partner_requires(GET=PartnerRole.ADMIN)
def partner_audit_log(request: HttpRequest, org_id: int) -> HttpResponse:
    organization = partner_member_of(request).organization
    form = AuditFilterForm(request.GET or None, organizations=[])
    del form.fields["organization"]
    events: list[AuditEvent] = []
    next_cursor = None
    if not (form.is_bound and not form.is_valid()):
        criteria = form.criteria() if form.is_bound else {}
        criteria.pop("organization_id", None)
        try:
            events, next_cursor = audit_event_list(
                organization=organization,
                cursor=request.GET.get("cursor") or None,
                limit=PAGE_SIZE,
                **criteria,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
    members = organization_member_ids(organization)
    for event in events:
        if event.actor_id not in members:
            # Shown, never saved: the merchant's network data is not the partner's to see.
            event.ip = None
            event.user_agent = ""
    return render(
        request,
        "web/automation/audit_log.html",
        {
            "organization": organization,
            "form": form,
            "events": events,
            "next_cursor": next_cursor,
            "query": _filter_query(request),
            "export_url": reverse("partner_audit_export", args=[organization.pk]),
        },
    )


@login_required
@partner_requires(GET=PartnerRole.ADMIN)
def partner_audit_export(request: HttpRequest, org_id: int) -> HttpResponseBase:
    organization = partner_member_of(request).organization
    return _export(
        request, store=None, organization=organization, filename=f"audit-partner-{organization.pk}"
    )


# --- access review (R26) -------------------------------------------------------------------


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE)
def access_review(request: HttpRequest, store_id: int) -> HttpResponse:
    store = Store.objects.get(pk=store_access_of(request).store_id)
    digest = access_review_build(store=store)
    return render(request, "web/automation/review.html", {"store": store, "digest": digest})


def _live_access(store_id: int, access_id: int) -> CollaboratorAccess:
    access = (
        CollaboratorAccess.objects.select_related("organization")
        .filter(store_id=store_id, pk=access_id, status__in=LIVE_ACCESS_STATUSES)
        .first()
    )
    if access is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such collaborator access."))
    return access


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def access_review_remove(request: HttpRequest, store_id: int, access_id: int) -> HttpResponse:
    reviewer = store_access_of(request)
    store = Store.objects.get(pk=reviewer.store_id)
    access = _live_access(store.pk, access_id)
    if request.method == "POST":
        from storegate.collaborators.services import collaborator_access_remove

        collaborator_access_remove(
            access=access,
            reviewer=reviewer,
            acting_user=_user(request),
            meta=RequestMeta.from_request(request),
        )
        messages.success(
            request,
            _("The access of %(org)s was removed.") % {"org": access.organization.name},
        )
        return redirect("access_review", store_id=store.pk)
    return render(request, "web/automation/review_remove.html", {"store": store, "access": access})


class RemoveAllForm(forms.Form):
    confirm_handle = forms.CharField(label=gettext_lazy("Type the store's handle"), max_length=63)

    def __init__(self, *args: Any, handle: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.handle = handle

    def clean_confirm_handle(self) -> str:
        value = (self.cleaned_data.get("confirm_handle") or "").strip().lower()
        if value != self.handle:
            raise forms.ValidationError(_("Type the handle exactly to confirm."))
        return value


@login_required
@requires(GET=StorePermission.COLLABORATORS_MANAGE, POST=StorePermission.COLLABORATORS_MANAGE)
def access_review_remove_all(request: HttpRequest, store_id: int) -> HttpResponse:
    reviewer = store_access_of(request)
    store = Store.objects.get(pk=reviewer.store_id)
    count = CollaboratorAccess.objects.filter(store=store, status__in=LIVE_ACCESS_STATUSES).count()
    form = RemoveAllForm(request.POST or None, handle=store.handle)
    if request.method == "POST" and form.is_valid():
        removed = collaborator_access_remove_all(
            store=store,
            reviewer=reviewer,
            acting_user=_user(request),
            meta=RequestMeta.from_request(request),
        )
        messages.success(request, _("%(n)s collaborator accesses were removed.") % {"n": removed})
        return redirect("access_review", store_id=store.pk)
    return render(
        request,
        "web/automation/review_remove_all.html",
        {"store": store, "form": form, "count": count},
    )


# --- API tokens (R27) ----------------------------------------------------------------------


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Expires after (days, optional)"),
        required=False,
        min_value=1,
        max_value=tokens.MAX_TOKEN_DAYS,
    )

    def __init__(self, *args: Any, own_role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only roles up to the member's own (S6).
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [
            (value, label) for value, label in PartnerRole.choices if role_at_least(own_role, value)
        ]
        role.initial = PartnerRole.STORE_MANAGER


@login_required
@partner_requires(GET=PartnerRole.ADMIN, POST=PartnerRole.ADMIN)
def api_tokens(request: HttpRequest, org_id: int) -> HttpResponse:
    member = partner_member_of(request)
    form = TokenForm(request.POST or None, own_role=member.role)
    if request.method == "POST" and form.is_valid():
        try:
            issued = tokens.organization_token_create(
                member=member,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                expires_in_days=form.cleaned_data.get("expires_in_days"),
                meta=RequestMeta.from_request(request),
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            # Shown once, on the next page view, then gone from the session.
            request.session[NEW_TOKEN_KEY] = {"id": issued.token.pk, "raw": issued.raw}
            return redirect("partner_api_tokens", org_id=member.organization_id)
    new_token = request.session.pop(NEW_TOKEN_KEY, None)
    return render(
        request,
        "web/automation/tokens.html",
        {
            "organization": member.organization,
            "form": form,
            "tokens": tokens.organization_token_list(organization=member.organization)[:200],
            "new_token": new_token,
        },
    )


@login_required
@partner_requires(GET=PartnerRole.ADMIN, POST=PartnerRole.ADMIN)
def api_token_revoke(request: HttpRequest, org_id: int, token_id: int) -> HttpResponse:
    member = partner_member_of(request)
    token = tokens.organization_token_get(organization_id=member.organization_id, token_id=token_id)
    if request.method == "POST":
        tokens.organization_token_revoke(
            token=token, acting_user=member.user, meta=RequestMeta.from_request(request)
        )
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("partner_api_tokens", org_id=member.organization_id)
    return render(
        request,
        "web/automation/token_revoke.html",
        {"organization": member.organization, "token": token},
    )


# --- webhooks (R27) ------------------------------------------------------------------------


class WebhookForm(forms.Form):
    url = forms.CharField(label=gettext_lazy("URL"), max_length=500)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(e, e) for e in PARTNER_EVENTS],
        widget=forms.CheckboxSelectMultiple,
    )


class WebhookEditForm(WebhookForm):
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False)


def _form_error(form: forms.Form, exc: ApplicationError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@partner_requires(GET=PartnerRole.ADMIN, POST=PartnerRole.ADMIN)
def webhook_list(request: HttpRequest, org_id: int) -> HttpResponse:
    member = partner_member_of(request)
    form = WebhookForm(request.POST or None, initial={"events": list(PARTNER_EVENTS)})
    if request.method == "POST" and form.is_valid():
        try:
            created = webhooks.webhook_endpoint_create(
                organization=member.organization,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data.get("description") or "",
                acting_user=member.user,
                meta=RequestMeta.from_request(request),
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            request.session[NEW_SECRET_KEY] = {
                "id": created.endpoint.pk,
                "secret": created.secret,
            }
            return redirect("partner_webhooks", org_id=member.organization_id)
    return render(
        request,
        "web/automation/webhooks.html",
        {
            "organization": member.organization,
            "form": form,
            "endpoints": webhooks.webhook_endpoint_list(organization=member.organization),
            "new_secret": request.session.pop(NEW_SECRET_KEY, None),
        },
    )


@login_required
@partner_requires(GET=PartnerRole.ADMIN, POST=PartnerRole.ADMIN)
def webhook_detail(request: HttpRequest, org_id: int, webhook_id: int) -> HttpResponse:
    member = partner_member_of(request)
    endpoint = webhooks.webhook_endpoint_get(
        organization_id=member.organization_id, endpoint_id=webhook_id
    )
    form = WebhookEditForm(
        request.POST or None,
        initial={
            "url": endpoint.url,
            "description": endpoint.description,
            "events": endpoint.events,
            "is_active": endpoint.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.webhook_endpoint_update(
                endpoint=endpoint,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data.get("description") or "",
                is_active=form.cleaned_data["is_active"],
                acting_user=member.user,
                meta=RequestMeta.from_request(request),
            )
        except ApplicationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The webhook was saved."))
            return redirect(
                "partner_webhook_detail", org_id=member.organization_id, webhook_id=endpoint.pk
            )
    return render(
        request,
        "web/automation/webhook_detail.html",
        {
            "organization": member.organization,
            "endpoint": endpoint,
            "form": form,
            "deliveries": webhooks.webhook_delivery_list(endpoint=endpoint)[:50],
        },
    )


@login_required
@partner_requires(GET=PartnerRole.ADMIN, POST=PartnerRole.ADMIN)
def webhook_delete(request: HttpRequest, org_id: int, webhook_id: int) -> HttpResponse:
    member = partner_member_of(request)
    endpoint = webhooks.webhook_endpoint_get(
        organization_id=member.organization_id, endpoint_id=webhook_id
    )
    if request.method == "POST":
        webhooks.webhook_endpoint_delete(
            endpoint=endpoint, acting_user=member.user, meta=RequestMeta.from_request(request)
        )
        messages.success(request, _("The webhook was deleted."))
        return redirect("partner_webhooks", org_id=member.organization_id)
    return render(
        request,
        "web/automation/webhook_delete.html",
        {"organization": member.organization, "endpoint": endpoint},
    )
