"""Accounts endpoints of SPEC §9: sign-up, personal tokens, two-factor enrolment."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from storegate.access.authentication import personal_token, principal_of
from storegate.access.guard import acting_of, declare_scope, public
from storegate.accounts import services
from storegate.accounts.models import ApiToken, User
from storegate.accounts.schemas import (
    SignUpIn,
    TokenIn,
    TokenOut,
    TotpConfirmIn,
    TotpConfirmOut,
    TotpStartOut,
    UserOut,
)
from storegate.core.schemas import with_errors

router = Router(tags=["Accounts"])


def user_out(user: User) -> dict[str, object]:
    return {
        "id": str(user.pk),
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "two_factor": user.has_two_factor,
    }


@router.post("/users", response=with_errors({201: UserOut}), auth=None, summary="Sign up")
@public
def sign_up(request: HttpRequest, payload: SignUpIn) -> Status[dict[str, object]]:
    user = services.user_create(
        email=payload.email,
        password=payload.password,
        name=payload.name,
        language=payload.language,
        acting=acting_of(request),
    )
    return Status(201, user_out(user))


@router.get(
    "/users/me", response=with_errors({200: UserOut}), auth=personal_token, summary="The caller"
)
@declare_scope("account")
def me(request: HttpRequest) -> dict[str, object]:
    return user_out(principal_of(request).user)


@router.post(
    "/auth/tokens",
    response=with_errors({201: TokenOut}),
    auth=None,
    summary="Create a personal token",
)
@public
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    acting = acting_of(request)
    user, two_factor = services.user_authenticate(
        email=payload.email, password=payload.password, otp_code=payload.otp_code, acting=acting
    )
    issued = services.api_token_create(user=user, two_factor=two_factor, acting=acting)
    return Status(
        201, {"token": issued.raw, "expires_at": issued.token.expires_at, "two_factor": two_factor}
    )


@router.delete(
    "/auth/tokens/current",
    response=with_errors({204: None}),
    auth=personal_token,
    summary="Revoke the token in use",
)
@declare_scope("account")
def token_revoke_current(request: HttpRequest) -> HttpResponse:
    token = ApiToken.objects.get(pk=principal_of(request).token_id)
    services.api_token_revoke(token=token, acting=acting_of(request))
    return HttpResponse(status=204)


@router.post(
    "/auth/totp",
    response=with_errors({201: TotpStartOut}),
    auth=personal_token,
    summary="Start two-factor enrolment",
)
@declare_scope("account")
def totp_start(request: HttpRequest) -> Status[dict[str, str]]:
    enrolment = services.totp_enrol_start(acting=acting_of(request))
    return Status(201, {"secret": enrolment.secret, "otpauth_uri": enrolment.otpauth_uri})


@router.post(
    "/auth/totp/confirm",
    response=with_errors({200: TotpConfirmOut}),
    auth=personal_token,
    summary="Confirm two-factor enrolment",
)
@declare_scope("account")
def totp_confirm(request: HttpRequest, payload: TotpConfirmIn) -> dict[str, bool]:
    services.totp_enrol_confirm(otp_code=payload.otp_code, acting=acting_of(request))
    return {"two_factor": True}
