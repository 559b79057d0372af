"""Accounts endpoints of SPEC §9 and S4."""

from __future__ import annotations

import pyotp
import pytest

from storegate.accounts.models import ApiToken, User
from tests.conftest import error_code
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_creates_user_with_argon2_password(api_client):
    # when
    response = api_client.post(
        "/api/v1/users",
        json={"email": "New@Example.test", "password": "a-long-passphrase-1", "name": "New"},
    )
    # then
    assert response.status_code == 201
    user = User.objects.get(email="new@example.test")
    assert user.password.startswith("argon2$argon2id$")


def test_sign_up_refuses_duplicate_email_case_insensitively(api_client, owner):
    response = api_client.post(
        "/api/v1/users",
        json={"email": "OWNER@example.test", "password": "a-long-passphrase-1", "name": "X"},
    )
    assert response.status_code == 409
    assert error_code(response) == "email_taken"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"email": "not-an-email", "password": "a-long-passphrase-1", "name": "X"}, "email"),
        ({"email": "a@example.test", "password": "short", "name": "X"}, "password"),
        ({"email": "a@example.test", "password": "a-long-passphrase-1", "name": ""}, "name"),
        (
            {
                "email": "a@example.test",
                "password": "a-long-passphrase-1",
                "name": "X",
                "language": "de",
            },
            "language",
        ),
    ],
)
def test_sign_up_bad_input_is_a_422_or_400_with_code(api_client, payload, field):
    response = api_client.post("/api/v1/users", json=payload)
    assert response.status_code == 400
    assert error_code(response) == "validation_error"
    assert response.json()["error"]["field"] == field
    assert not User.objects.filter(email=payload["email"]).exists()


def test_malformed_json_is_a_4xx_not_a_500(api_client):
    response = api_client.client.post(
        "/api/v1/users", data="{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["code"] == "validation_error"


def test_token_create_use_and_revoke(api_client, owner):
    response = api_client.post(
        "/api/v1/auth/tokens", json={"email": owner.email, "password": PASSWORD}
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert ApiToken.objects.filter(user=owner).count() == 1
    assert token not in {t.token_hash for t in ApiToken.objects.all()}  # S6: stored hashed
    assert api_client.get("/api/v1/users/me", token=token).json()["email"] == owner.email
    assert api_client.delete("/api/v1/auth/tokens/current", token=token).status_code == 204
    # a revoked token is refused at once
    assert api_client.get("/api/v1/users/me", token=token).status_code == 401


def test_token_with_wrong_password_is_refused(api_client, owner):
    response = api_client.post(
        "/api/v1/auth/tokens", json={"email": owner.email, "password": "wrong-password"}
    )
    assert response.status_code == 401
    assert error_code(response) == "invalid_credentials"


def test_s4_login_is_throttled(api_client, owner, settings):
    settings.STOREGATE_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        api_client.post(
            "/api/v1/auth/tokens", json={"email": owner.email, "password": "wrong-password"}
        )
    response = api_client.post(
        "/api/v1/auth/tokens", json={"email": owner.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert error_code(response) == "too_many_attempts"


def test_s4_totp_enrolment_makes_two_factor_tokens(api_client, owner, token):
    personal = token(owner)
    start = api_client.post("/api/v1/auth/totp", token=personal)
    assert start.status_code == 201
    secret = start.json()["secret"]
    assert start.json()["otpauth_uri"].startswith("otpauth://totp/")
    # the stored seed is encrypted, never the plain secret
    owner.refresh_from_db()
    assert secret not in owner.totp_secret_encrypted
    bad = api_client.post("/api/v1/auth/totp/confirm", json={"otp_code": "000000"}, token=personal)
    assert bad.status_code == 400
    ok = api_client.post(
        "/api/v1/auth/totp/confirm", json={"otp_code": pyotp.TOTP(secret).now()}, token=personal
    )
    assert ok.status_code == 200
    # Without the code, a token is refused; with it (a fresh step), it is a two-factor token.
    no_code = api_client.post(
        "/api/v1/auth/tokens", json={"email": owner.email, "password": PASSWORD}
    )
    assert error_code(no_code) == "two_factor_required"
    owner.refresh_from_db()
    owner.totp_last_step -= 1  # pretend the confirmation used the previous step
    owner.save(update_fields=["totp_last_step"])
    with_code = api_client.post(
        "/api/v1/auth/tokens",
        json={"email": owner.email, "password": PASSWORD, "otp_code": pyotp.TOTP(secret).now()},
    )
    assert with_code.status_code == 201
    assert with_code.json()["two_factor"] is True
    # the same code cannot be replayed
    replay = api_client.post(
        "/api/v1/auth/tokens",
        json={"email": owner.email, "password": PASSWORD, "otp_code": pyotp.TOTP(secret).now()},
    )
    assert error_code(replay) == "invalid_otp_code"


def test_create_store_and_organization(api_client, owner, token):
    personal = token(owner)
    store = api_client.post(
        "/api/v1/stores", json={"name": "Shop", "handle": "my-shop"}, token=personal
    )
    assert store.status_code == 201
    assert store.json()["url"] == "https://my-shop.storegate.test"
    dup = api_client.post(
        "/api/v1/stores", json={"name": "Shop", "handle": "MY-SHOP"}, token=personal
    )
    assert error_code(dup) == "handle_taken"
    bad = api_client.post(
        "/api/v1/stores", json={"name": "Shop", "handle": "-bad-"}, token=personal
    )
    assert error_code(bad) == "validation_error"
    org = api_client.post("/api/v1/partners", json={"name": "Handled"}, token=personal)
    assert org.status_code == 201
    assert org.json()["role"] == "owner"


def test_openapi_and_docs_are_served(api_client):
    assert api_client.get("/api/openapi.json").status_code == 200
    assert api_client.get("/api/docs").status_code == 200
