"""Turn EMAIL_URL into Django e-mail settings.

Supported schemes: ``smtp://`` (plain, STARTTLS with ``?tls=1``), ``smtps://`` (implicit TLS),
``console://``, ``locmem://`` and ``mailbox://`` (kept in the database and shown on the
demo's mailbox page instead of being sent).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "mailbox": "storegate.notifications.mailbox.MailboxEmailBackend",
}


def parse_email_url(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL has the unknown scheme {scheme!r}; use one of: {', '.join(sorted(BACKENDS))}."
        )
    config: dict[str, Any] = {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme in {"smtp", "smtps"}:
        if not parts.hostname:
            raise ImproperlyConfigured(
                "EMAIL_URL must name the SMTP host, e.g. smtp://mail.example.com:587."
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
        query = parse_qs(parts.query)
        config.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0] in {"1", "true", "yes"},
            EMAIL_TIMEOUT=10,
        )
    return config
