"""Accounts: sign-up, personal API tokens, two-factor enrolment, log-in throttling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.access.principal import PERSONAL_TOKEN_PREFIX
from storegate.accounts.models import ApiToken, User
from storegate.accounts.throttle import (
    login_attempt_release,
    login_attempt_reserve,
    login_attempt_succeeded,
)
from storegate.accounts.totp import ISSUER, totp_verify
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import Acting
from storegate.core.crypto import encrypt_secret, hash_token, new_token
from storegate.core.errors import ApplicationError, ErrorCode


def acting_person(acting: Acting) -> User:
    """The person ``acting`` names, for services that act only for a person (never the system)."""
    if acting.user is None:
        raise LookupError("this service acts for a person, not for the system")
    return acting.user


def _validation(message: str, field: str) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field=field)


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    name: str,
    language: str | None = None,
    acting: Acting,
) -> User:
    """Sign up; the new account is the actor of its own sign-up (``acting`` gives the origin)."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _validation(_("Enter a valid e-mail address."), "email") from None
    name = (name or "").strip()
    if not name or len(name) > 150:
        raise _validation(_("Enter your name (at most 150 characters)."), "name")
    languages = {code for code, _label in settings.LANGUAGES}
    if language is not None and language not in languages:
        raise _validation(
            _("Choose one of the languages: %(langs)s.") % {"langs": ", ".join(sorted(languages))},
            "language",
        )
    try:
        validate_password(password, User(email=email, name=name))
    except ValidationError as exc:
        raise _validation(" ".join(exc.messages), "password") from None
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(
            ErrorCode.EMAIL_TAKEN, _("An account with this e-mail already exists."), field="email"
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, name=name, language=language or "en"
            )
    except IntegrityError:
        raise ApplicationError(
            ErrorCode.EMAIL_TAKEN, _("An account with this e-mail already exists."), field="email"
        ) from None
    audit_record(action=AuditAction.USER_SIGNED_UP, acting=acting, actor=user, target=user)
    return user


def user_authenticate(
    *, email: str, password: str, otp_code: str | None = None, acting: Acting
) -> tuple[User, bool]:
    """Check credentials (and the TOTP code when the user has two-factor); throttled (S4) by
    e-mail and by the address ``acting`` comes from.

    Returns the user and whether a valid second factor was given.
    """
    meta = acting.meta
    email = (email or "").strip().lower()
    reservation = login_attempt_reserve(email=email, ip=meta.ip)
    if reservation is None:
        raise ApplicationError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            _(
                "Too many log-in attempts. Wait 15 minutes and try again, or reset your "
                "password from the e-mail we send you."
            ),
        )
    # The attempt counts as a failure unless it is released below (S4, accounts/throttle.py).
    try:
        user = authenticate(None, username=email, password=password or "")
    except BaseException:
        login_attempt_release(reservation)
        raise
    if user is None:
        raise ApplicationError(
            ErrorCode.INVALID_CREDENTIALS, _("The e-mail or password is not right.")
        )
    assert isinstance(user, User)
    two_factor = False
    if user.has_two_factor:
        if not otp_code:
            login_attempt_release(reservation)
            raise ApplicationError(
                ErrorCode.TWO_FACTOR_REQUIRED,
                _("Enter the code from your authenticator app."),
                field="otp_code",
            )
        step = totp_verify(user, otp_code)
        if step is None:
            raise ApplicationError(
                ErrorCode.INVALID_OTP_CODE,
                _("That authenticator code is not right."),
                field="otp_code",
                status=401,
            )
        User.objects.filter(pk=user.pk).update(totp_last_step=step)
        user.totp_last_step = step
        two_factor = True
    login_attempt_succeeded(reservation)
    return user, two_factor


def user_login_record(*, user: User, acting: Acting) -> None:
    """A log-in to the pages: ``user`` proved who they are (``acting`` gives the origin)."""
    audit_record(action=AuditAction.USER_LOGGED_IN, acting=acting, actor=user, target=user)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str


@transaction.atomic
def api_token_create(
    *, user: User, two_factor: bool, name: str = "", acting: Acting
) -> IssuedToken:
    """A personal token of ``user``, who just proved who they are (``acting`` gives the origin)."""
    raw = new_token(PERSONAL_TOKEN_PREFIX)
    token = ApiToken.objects.create(
        user=user,
        token_hash=hash_token(raw),
        prefix=raw[:10],
        name=name[:100],
        two_factor=two_factor,
        expires_at=timezone.now() + timedelta(days=settings.STOREGATE_TOKEN_DAYS),
    )
    audit_record(
        action=AuditAction.TOKEN_CREATED,
        acting=acting,
        actor=user,
        target=token,
        after={"two_factor": two_factor},
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, acting: Acting) -> None:
    """Revoke at once; recorded as the token's owner's act."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            action=AuditAction.TOKEN_REVOKED, acting=acting, actor=token.user, target=token
        )


@dataclass(frozen=True)
class TotpEnrolment:
    secret: str
    otpauth_uri: str


@transaction.atomic
def totp_enrol_start(*, acting: Acting) -> TotpEnrolment:
    """A new secret for the person acting, kept encrypted and unconfirmed until they prove a
    code (S4)."""
    user = acting_person(acting)
    if user.has_two_factor:
        raise ApplicationError(
            ErrorCode.INVALID_STATE, _("Two-factor authentication is already on.")
        )
    secret = pyotp.random_base32()
    user.totp_secret_encrypted = encrypt_secret(secret)
    user.save(update_fields=["totp_secret_encrypted"])
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return TotpEnrolment(secret=secret, otpauth_uri=uri)


@transaction.atomic
def totp_enrol_confirm(*, otp_code: str, acting: Acting) -> User:
    """The person acting proves a code of the secret ``totp_enrol_start`` gave them."""
    user = acting_person(acting)
    if user.has_two_factor:
        raise ApplicationError(
            ErrorCode.INVALID_STATE, _("Two-factor authentication is already on.")
        )
    if not user.totp_secret_encrypted:
        raise ApplicationError(ErrorCode.INVALID_STATE, _("Start two-factor enrolment first."))
    step = totp_verify(user, otp_code)
    if step is None:
        raise ApplicationError(
            ErrorCode.INVALID_OTP_CODE, _("That authenticator code is not right."), field="otp_code"
        )
    user.totp_confirmed_at = timezone.now()
    user.totp_last_step = step
    user.save(update_fields=["totp_confirmed_at", "totp_last_step"])
    audit_record(action=AuditAction.USER_TWO_FACTOR_ENABLED, acting=acting, target=user)
    return user


def user_update_language(*, language: str, acting: Acting) -> User:
    """R28: the language the person acting reads the product in."""
    user = acting_person(acting)
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise _validation(_("Unknown language."), "language")
    user.language = language
    user.save(update_fields=["language"])
    return user


def expires_in(days: int) -> datetime:
    return timezone.now() + timedelta(days=days)


def user_by_email(email: str) -> Any:
    return User.objects.filter(email__iexact=(email or "").strip()).first()
