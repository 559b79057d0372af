"""The partner's webhook pages (R27): list, create (secret shown once), edit, delete."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate import webhooks
from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.core.errors import ApplicationError
from storegate.notifications.events import PartnerEvent
from storegate.partners.models import PartnerRole

NEW_SECRET_KEY = "automation_new_webhook_secret"


class WebhookForm(forms.Form):
    url = forms.CharField(label=gettext_lazy("URL"), max_length=500)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[(e.value, e.value) for e in PartnerEvent],
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
    form = WebhookForm(request.POST or None, initial={"events": [e.value for e in PartnerEvent]})
    if request.method == "POST" and form.is_valid():
        try:
            created = webhooks.webhook_endpoint_create(
                organization=member.organization,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data.get("description") or "",
                acting=acting_of(request),
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
                acting=acting_of(request),
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
        webhooks.webhook_endpoint_delete(endpoint=endpoint, acting=acting_of(request))
        messages.success(request, _("The webhook was deleted."))
        return redirect("partner_webhooks", org_id=member.organization_id)
    return render(
        request,
        "web/automation/webhook_delete.html",
        {"organization": member.organization, "endpoint": endpoint},
    )
