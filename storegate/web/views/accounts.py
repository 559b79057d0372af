"""Log-in (with two-factor), log-out, two-factor enrolment, the language picker, account page."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from storegate.access.guard import acting_of, declare_scope, public
from storegate.accounts.models import User
from storegate.accounts.services import (
    totp_enrol_confirm,
    totp_enrol_start,
    user_authenticate,
    user_login_record,
    user_update_language,
)
from storegate.core.errors import ApplicationError
from storegate.web.form_errors import add_application_error


def current_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def safe_next(request: HttpRequest, default: str | None = None) -> str:
    default = default or reverse("index")
    next_url = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    return next_url


class LoginForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"), max_length=254)
    password = forms.CharField(
        label=gettext_lazy("Password"), widget=forms.PasswordInput, max_length=256
    )
    otp_code = forms.CharField(
        label=gettext_lazy("Authenticator code"),
        required=False,
        max_length=12,
        help_text=gettext_lazy("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@public
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    form = LoginForm(request.POST or None)
    needs_otp = bool(request.POST.get("otp_code"))
    if request.method == "POST" and form.is_valid():
        try:
            user, two_factor = user_authenticate(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                otp_code=form.cleaned_data.get("otp_code") or None,
                acting=acting_of(request),
            )
        except ApplicationError as exc:
            needs_otp = needs_otp or exc.field == "otp_code"
            add_application_error(form, exc)
        else:
            login(request, user, backend="storegate.accounts.backends.EmailBackend")
            request.session["two_factor"] = two_factor
            request.session["language"] = user.language
            user_login_record(user=user, acting=acting_of(request))
            return redirect(next_url)
    if needs_otp:
        # Keep the password so that the second step asks only for the code.
        form.fields["password"].widget = forms.PasswordInput(render_value=True)
    return render(
        request, "web/login.html", {"form": form, "next": next_url, "needs_otp": needs_otp}
    )


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@declare_scope("account")
@login_required
@require_POST
def language_view(request: HttpRequest) -> HttpResponse:
    """R28: the picker saves the user's language; the session carries it to every page."""
    user = current_user(request)
    try:
        user_update_language(language=request.POST.get("language", ""), acting=acting_of(request))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        request.session["language"] = user.language
    return redirect(safe_next(request))


@declare_scope("account")
@login_required
@require_http_methods(["GET"])
def account_view(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account.html", {"account": current_user(request)})


class OtpForm(forms.Form):
    otp_code = forms.CharField(
        label=gettext_lazy("Authenticator code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


ENROL_SECRET_KEY = "totp_enrolment"


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration: the SVG is inlined into the page.
    return svg[svg.find("<svg") :]


@declare_scope("account")
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """S4: enrol an authenticator app; partner members need it to log in to stores."""
    user = current_user(request)
    next_url = safe_next(request, default=reverse("account"))
    if user.has_two_factor:
        return render(request, "web/two_factor.html", {"enabled": True, "next": next_url})
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            totp_enrol_confirm(otp_code=form.cleaned_data["otp_code"], acting=acting_of(request))
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            # The user just proved the second factor: this session counts as two-factor.
            request.session["two_factor"] = True
            request.session.pop(ENROL_SECRET_KEY, None)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(next_url)
    enrolment = request.session.get(ENROL_SECRET_KEY)
    if enrolment is None or request.method == "GET":
        started = totp_enrol_start(acting=acting_of(request))
        enrolment = {"secret": started.secret, "uri": started.otpauth_uri}
        request.session[ENROL_SECRET_KEY] = enrolment
    return render(
        request,
        "web/two_factor.html",
        {
            "enabled": False,
            "form": form,
            "secret": enrolment["secret"],
            "qr_svg": _qr_svg(enrolment["uri"]),
            "next": next_url,
        },
    )
