"""API authentication: one bearer scheme, three kinds of token told apart by their prefix.

- ``sgp_…`` personal token (accounts.ApiToken),
- ``sgs_…`` store-session token, opened through the partner dashboard (collaborators.StoreSession),
- ``sgo_…`` organization API token (partners, R27).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from storegate.accounts.models import User


@dataclass(frozen=True)
class Principal:
    user: User
    kind: str  # "personal" | "store_session" | "organization"
    token_id: int
    two_factor: bool = False
    store_session_token: str | None = None
    organization_id: int | None = None
    organization_role: str | None = None
    # Store sessions only: the session's collaborator access, read in the same statement as the
    # session (None when that access is not live), so a store request needs one round trip.
    store_access: Any = None
    # Personal tokens on a request that names a store: the caller's link to that store
    # (stores.access.StoreLink), read in the token's statement, for the same reason.
    store_link: Any = None


# Look-ups by prefix; the collaborators and partners apps register theirs.
TOKEN_RESOLVERS: dict[str, Callable[[str], Principal | None]] = {}
# Look-ups for a request whose path names a store (``store_id``): they also read the caller's link
# to that store in the same statement. The stores app registers the personal token's.
STORE_TOKEN_RESOLVERS: dict[str, Callable[[str, str], Principal | None]] = {}


def register_token_resolver(
    prefix: str,
) -> Callable[[Callable[[str], Principal | None]], Callable[[str], Principal | None]]:
    def decorator(func: Callable[[str], Principal | None]) -> Callable[[str], Principal | None]:
        TOKEN_RESOLVERS[prefix] = func
        return func

    return decorator


PERSONAL_TOKEN_PREFIX = "sgp"


def personal_principal(token: Any, store_link: Any = None) -> Principal:
    """The principal of a usable personal token (accounts.services.UsableToken)."""
    return Principal(
        user=token.user,
        kind="personal",
        token_id=token.pk,
        two_factor=token.two_factor,
        store_link=store_link,
    )


@register_token_resolver(PERSONAL_TOKEN_PREFIX)
def _personal(raw: str) -> Principal | None:
    from storegate.accounts.services import api_token_lookup

    token = api_token_lookup(raw)
    return None if token is None else personal_principal(token)


def register_store_token_resolver(
    prefix: str,
) -> Callable[[Callable[[str, str], Principal | None]], Callable[[str, str], Principal | None]]:
    def decorator(
        func: Callable[[str, str], Principal | None],
    ) -> Callable[[str, str], Principal | None]:
        STORE_TOKEN_RESOLVERS[prefix] = func
        return func

    return decorator


def principal_from_token(raw: str, store_id: str | None = None) -> Principal | None:
    prefix, _, rest = (raw or "").partition("_")
    if not rest:
        return None
    in_store = STORE_TOKEN_RESOLVERS.get(prefix) if store_id is not None else None
    if in_store is not None:
        return in_store(raw, str(store_id))
    resolver = TOKEN_RESOLVERS.get(prefix)
    if resolver is None:
        return None
    return resolver(raw)


class BearerAuth(HttpBearer):
    """Accepts any kind of Storegate token; operations narrow what they accept."""

    openapi_description = (
        "A Storegate token: personal (sgp_), store session (sgs_) or organization (sgo_)."
    )

    def __init__(
        self, kinds: tuple[str, ...] = ("personal", "store_session", "organization")
    ) -> None:
        super().__init__()
        self.kinds = kinds

    def __call__(self, request: HttpRequest) -> Principal | None:
        # ninja's HttpBearer reads ``request.headers``, which builds a dict of every header;
        # this runs on every API request, so read the one header from the WSGI environ.
        scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        match = request.resolver_match
        store_id = match.kwargs.get("store_id") if match is not None else None
        principal = principal_from_token(token, store_id)
        if principal is None or principal.kind not in self.kinds:
            return None
        request.user = principal.user  # type: ignore[assignment]
        return principal


any_token = BearerAuth()
personal_token = BearerAuth(("personal",))
partner_token = BearerAuth(("personal", "organization"))


def principal_of(request: Any) -> Principal:
    principal: Principal = request.auth
    return principal
