"""The partner dashboard's entry, organization switcher and *Team* (members and roles)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from storegate.access.guard import acting_of, declare_scope
from storegate.access.partner_guard import membership_for, partner_member_of, partner_requires
from storegate.accounts.services import user_by_email
from storegate.core.errors import ApplicationError
from storegate.partners.models import PartnerMember, PartnerRole, role_at_least
from storegate.partners.selectors import organizations_of_user
from storegate.partners.services import member_add, organization_create
from storegate.web.form_errors import add_application_error


class OrganizationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Organization name"), max_length=120)
    website = forms.URLField(
        label=gettext_lazy("Website"), required=False, max_length=200, assume_scheme="https"
    )


@declare_scope("account")
@login_required
@require_http_methods(["GET", "POST"])
def partner_home(request: HttpRequest) -> HttpResponse:
    """The dashboard's entry: the first organization's *Stores*, or create an organization."""
    memberships = organizations_of_user(user=request.user)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = organization_create(
                name=form.cleaned_data["name"],
                website=form.cleaned_data.get("website") or "",
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Your partner organization was created."))
            return redirect("partner_stores", org_id=organization.pk)
    if memberships and request.method == "GET":
        return redirect("partner_stores", org_id=memberships[0].organization_id)
    return render(request, "web/partner/start.html", {"form": form})


@declare_scope("account")
@login_required
@require_GET
def switch_organization(request: HttpRequest) -> HttpResponse:
    """The organization switcher: only to an organization the user is a member of (else 404)."""
    member = membership_for(user=request.user, organization_id=request.GET.get("org"))
    return redirect("partner_stores", org_id=member.organization_id)


class MemberForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=PartnerRole.choices)


@login_required
@partner_requires(GET=PartnerRole.STORE_VIEWER, POST=PartnerRole.ADMIN)
def team(request: HttpRequest, org_id: int) -> HttpResponse:
    member = partner_member_of(request)
    organization = member.organization
    can_add = role_at_least(member.role, PartnerRole.ADMIN)
    form = MemberForm(request.POST or None, initial={"role": PartnerRole.STORE_MANAGER})
    if request.method == "POST" and form.is_valid():
        user = user_by_email(form.cleaned_data["email"])
        if user is None:
            form.add_error(
                "email",
                _("No Storegate account uses this e-mail. Ask them to sign up first."),
            )
        else:
            try:
                member_add(
                    organization=organization,
                    user=user,
                    role=form.cleaned_data["role"],
                    adder=member,
                    acting=acting_of(request),
                )
            except ApplicationError as exc:
                add_application_error(form, exc)
            else:
                messages.success(request, _("%(email)s joined the team.") % {"email": user.email})
                return redirect("partner_team", org_id=org_id)
    members = PartnerMember.objects.filter(organization=organization).select_related("user")[:500]
    return render(
        request,
        "web/partner/team.html",
        {
            "organization": organization,
            "members": members,
            "form": form,
            "can_add": can_add,
            "roles": PartnerRole,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
