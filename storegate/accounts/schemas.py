from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


class SignUpIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    name: str = Field(max_length=150)
    language: str | None = None


class UserOut(Schema):
    id: str
    email: str
    name: str
    language: str
    two_factor: bool


class TokenIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    otp_code: str | None = Field(default=None, max_length=12)


class TokenOut(Schema):
    token: str
    expires_at: datetime
    two_factor: bool


class TotpStartOut(Schema):
    secret: str
    otpauth_uri: str


class TotpConfirmIn(Schema):
    otp_code: str = Field(max_length=12)


class TotpConfirmOut(Schema):
    two_factor: bool
