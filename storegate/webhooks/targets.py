"""Where a webhook may be delivered (SSRF): http(s) to a public address, checked at creation and
again before every delivery."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from storegate.core.errors import ApplicationError, ErrorCode


def _address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


@dataclass(frozen=True)
class WebhookTarget:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked IP address the delivery connects to


def webhook_target_resolve(url: str) -> WebhookTarget:
    """Parse and resolve ``url``; refuse anything but http(s) to a public address.

    Private, loopback, link-local and reserved targets are refused unless the operator set
    STOREGATE_WEBHOOK_ALLOW_PRIVATE. Called at creation and again before every delivery, and the
    delivery connects to the very address checked here, so DNS rebinding cannot slip past it.
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        raise bad_url(_("This is not a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise bad_url(_("Only http:// and https:// URLs can receive webhooks."))
    host = parts.hostname or ""
    if not host:
        raise bad_url(_("The URL has no host."))
    if parts.username or parts.password:
        raise bad_url(_("Put no user name or password in the URL; verify the signature instead."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise bad_url(_("The host name of this URL does not resolve.")) from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise bad_url(_("The host name of this URL does not resolve."))
    if not settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE and not all(
        _address_is_public(a) for a in addresses
    ):
        raise bad_url(
            _("Webhooks cannot target private, loopback, link-local or reserved addresses.")
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return WebhookTarget(scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0])


def bad_url(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field="url")
