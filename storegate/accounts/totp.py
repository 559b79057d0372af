"""TOTP two-factor (S4) with pyotp; a code is accepted once (replay protection)."""

from __future__ import annotations

import time

import pyotp

from storegate.core.crypto import decrypt_secret

ISSUER = "Storegate"


def totp_for(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret)


def totp_verify(user: object, code: str, *, secret: str | None = None) -> int | None:
    """Return the accepted time step, or None. Accepts the neighbouring step for clock drift."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return None
    if secret is None:
        encrypted = getattr(user, "totp_secret_encrypted", "")
        if not encrypted:
            return None
        secret = decrypt_secret(encrypted)
    totp = totp_for(secret)
    now_step = int(time.time()) // totp.interval
    last_step = getattr(user, "totp_last_step", 0) or 0
    for step in (now_step, now_step - 1, now_step + 1):
        if step <= last_step:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None
