"""Encryption of secrets that must be read back (TOTP seeds, webhook signing keys), and token hashing."""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    # A dedicated key derived from SECRET_KEY, so rotating SECRET_KEY re-keys the stored secrets.
    digest = hashlib.sha256(b"storegate-secret-box:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_secret(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt_secret(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValueError("the stored secret cannot be decrypted with this SECRET_KEY") from None


def hash_token(raw: str) -> str:
    """Tokens are random with 256 bits of entropy, so a fast hash is enough to store them."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"
