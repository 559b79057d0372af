"""Getting started: sign up, create a store, accept a staff invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.log import log_response
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from storegate.access.guard import acting_of, declare_scope, public
from storegate.accounts.models import User
from storegate.accounts.services import user_create, user_login_record
from storegate.core.crypto import hash_token
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.stores.models import StaffMember, StaffStatus
from storegate.stores.services import staff_invitation_accept, store_create
from storegate.web.form_errors import add_application_error
from storegate.web.permission_checkboxes import section_labels
from storegate.web.templatetags.storegate_web import languages_native_tag
from storegate.web.views.accounts import safe_next
from storegate.web.views.requester import acting_user

# --- Sign up ---------------------------------------------------------------------------------


def _browser_language() -> str:
    """R28: the sign-up form starts on the language the page is shown in."""
    codes = {code for code, _name in settings.LANGUAGES}
    current = (get_language() or "").split("-")[0]
    return current if current in codes else settings.LANGUAGE_CODE


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 10 characters; not only digits, not a common password."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        # Each language named in itself, as in the picker of every page.
        language.choices = languages_native_tag()


@public
@never_cache
@require_http_methods(["GET", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url)
    form = SignupForm(request.POST or None, initial={"language": _browser_language()})
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            # Logged in as the log-in page does it: a fresh account has no second factor yet.
            login(request, user, backend="storegate.accounts.backends.EmailBackend")
            request.session["two_factor"] = False
            request.session["language"] = user.language
            user_login_record(user=user, acting=acting_of(request))
            messages.success(request, _("Welcome to Storegate. Your account is ready."))
            return redirect(next_url)
    return render(request, "web/signup.html", {"form": form, "next": next_url})


# --- Create a store --------------------------------------------------------------------------


class StoreCreateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Store name"), max_length=120)
    handle = forms.CharField(
        label=gettext_lazy("Handle"),
        max_length=63,
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handle"].help_text = _(
            "Lowercase letters, digits and hyphens. The store's address becomes "
            "https://<handle>.%(domain)s, and partners use it to find the store."
        ) % {"domain": settings.STOREGATE_STORE_DOMAIN}


@declare_scope("account")
@login_required
@require_http_methods(["GET", "POST"])
def store_new(request: HttpRequest) -> HttpResponse:
    """The caller becomes the owner of the new store."""
    form = StoreCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            store = store_create(
                name=form.cleaned_data["name"],
                handle=form.cleaned_data["handle"],
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Your store %(name)s is ready.") % {"name": store.name})
            return redirect("store_home", store_id=store.pk)
    return render(
        request,
        "web/store_new.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Accept a staff invitation ---------------------------------------------------------------

# The path as it appears in logs: the token in the real path is a secret.
REDACTED_INVITATION_PATH = "/staff-invitations/<token>/"
# Tokens are "sgi_" and 43 URL-safe characters; anything much longer is not one.
MAX_TOKEN_LENGTH = 200


def _invitation_path(token: str) -> str:
    return reverse("staff_invitation", args=[token])


def _open_invitation(token: str) -> StaffMember | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        StaffMember.objects.select_related("store", "invited_by")
        .filter(invitation_token_hash=hash_token(token), status=StaffStatus.INVITED)
        .first()
    )


def _is_for(member: StaffMember | None, user: User) -> bool:
    return member is not None and member.email.lower() == user.email.lower()


def _invitation_page(
    request: HttpRequest,
    token: str,
    *,
    member: StaffMember | None,
    error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    response = render(
        request,
        "web/staff_invitation.html",
        {
            "member": member,
            "permissions": section_labels(member.permissions) if member else [],
            "next": _invitation_path(token),
            "error": error,
        },
        status=status,
    )
    if status >= 400:
        # Django logs every 4xx with its path; this path carries the token, so log it redacted.
        log_response(
            "%s: %s",
            response.reason_phrase,
            REDACTED_INVITATION_PATH,
            response=response,
            request=request,
        )
    return response


def _refusal_message(exc: ApplicationError) -> str:
    if exc.code == ErrorCode.COLLABORATOR_ACCESS_EXISTS:
        # R07: the service speaks to the merchant; here the invited person reads it.
        return _(
            "You belong to a partner organization with collaborator access to this store, so "
            "you cannot also be its staff. Ask the store owner to remove that collaborator "
            "access first, then open this invitation again."
        )
    return exc.message


@public
@never_cache
@require_http_methods(["GET", "POST"])
def staff_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link the invitation e-mail carries; the invited person accepts it logged in.

    An invitation that does not exist, is no longer open, or was sent to another e-mail address
    gets the same 404 page, so the page says nothing about invitations of other people.
    """
    member = _open_invitation(token)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': _invitation_path(token)})}")
        return _invitation_page(request, token, member=member, status=200 if member else 404)
    user = acting_user(request)
    if not _is_for(member, user):
        return _invitation_page(request, token, member=None, status=404)
    if request.method == "POST":
        try:
            joined = staff_invitation_accept(raw_token=token, acting=acting_of(request))
        except ApplicationError as exc:
            if exc.code == ErrorCode.NOT_FOUND:  # accepted or withdrawn meanwhile
                return _invitation_page(request, token, member=None, status=404)
            return _invitation_page(
                request, token, member=member, error=_refusal_message(exc), status=exc.status
            )
        messages.success(
            request, _("You joined %(store)s as staff.") % {"store": joined.store.name}
        )
        return redirect("store_home", store_id=joined.store_id)
    return _invitation_page(request, token, member=member)
