"""The partner's API tokens page (R27): create (shown once) and revoke."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.core.errors import ApplicationError
from storegate.partners import tokens
from storegate.partners.models import PartnerRole, role_at_least

NEW_TOKEN_KEY = "automation_new_token"


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
                acting=acting_of(request),
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
        tokens.organization_token_revoke(token=token, acting=acting_of(request))
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("partner_api_tokens", org_id=member.organization_id)
    return render(
        request,
        "web/automation/token_revoke.html",
        {"organization": member.organization, "token": token},
    )
