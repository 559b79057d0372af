"""Who is calling: the principal a bearer token authenticates, and the kinds of token.

- ``sgp_…`` personal token (accounts.ApiToken): ``PrincipalKind.PERSONAL``,
- ``sgs_…`` store-session token, opened through the partner dashboard (collaborators.StoreSession,
  R18): ``PrincipalKind.STORE_SESSION``,
- ``sgo_…`` organization API token (partners.OrganizationApiToken, R27):
  ``PrincipalKind.ORGANIZATION``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from storegate.accounts.models import User

if TYPE_CHECKING:
    from storegate.access.store_access import StoreAccess


class PrincipalKind(StrEnum):
    PERSONAL = "personal"
    STORE_SESSION = "store_session"
    ORGANIZATION = "organization"


# What a raw token starts with (``<prefix>_<secret>``) says which kind it is.
PERSONAL_TOKEN_PREFIX = "sgp"
STORE_SESSION_PREFIX = "sgs"
ORGANIZATION_TOKEN_PREFIX = "sgo"
KIND_OF_PREFIX = {
    PERSONAL_TOKEN_PREFIX: PrincipalKind.PERSONAL,
    STORE_SESSION_PREFIX: PrincipalKind.STORE_SESSION,
    ORGANIZATION_TOKEN_PREFIX: PrincipalKind.ORGANIZATION,
}


@dataclass(frozen=True, slots=True)
class StoreLink:
    """What a personal token's look-up read about the store its request names: the member columns
    ``(owner id, staff mask, is partner)``, or None when there is no such store."""

    store_id: int
    row: tuple[Any, ...] | None


@dataclass(frozen=True)
class Principal:
    user: User
    kind: PrincipalKind
    token_id: int
    two_factor: bool = False
    store_session_token: str | None = None
    organization_id: int | None = None
    organization_role: str | None = None
    # Store sessions only: the session's collaborator access, read in the same statement as the
    # session (None when that access is not usable), so a store request needs one round trip.
    store_access: StoreAccess | None = None
    # Personal tokens on a request that names a store: the caller's link to that store, read in
    # the token's statement, for the same reason.
    store_link: StoreLink | None = None
