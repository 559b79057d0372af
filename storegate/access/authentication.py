"""API authentication: one bearer scheme, three kinds of token told apart by their prefix.

``authenticate(raw, store_id=...)`` is the one entry point: it reads the token (and, on a request
that names a store, what the store access needs) in one statement and returns the ``Principal``,
or None. See ``principal.py`` for the kinds and ``statements.py`` for the SQL.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from storegate.access import statements
from storegate.access.principal import KIND_OF_PREFIX, Principal, PrincipalKind, StoreLink
from storegate.access.store_access import collaborator_access_from_row, parse_store_id
from storegate.core.errors import ApplicationError

# A token's use is recorded at most once a minute, to keep reads from turning into writes.
_USE_RECORDED_EVERY = timedelta(minutes=1)


def authenticate(raw: str, *, store_id: Any = None) -> Principal | None:
    """The principal of a usable token, or None.

    ``store_id``: the store the request names (its path's ``store_id``), if any. A personal
    token's look-up then also reads the caller's link to that store, and a store session's always
    reads its access, so that a store request makes one round trip before its view.
    """
    prefix, _, secret = (raw or "").partition("_")
    if not secret:
        return None
    kind = KIND_OF_PREFIX.get(prefix)
    if kind is PrincipalKind.PERSONAL:
        return _personal(raw, store_id)
    if kind is PrincipalKind.STORE_SESSION:
        return _store_session(raw)
    if kind is PrincipalKind.ORGANIZATION:
        return _organization(raw)
    return None


def _personal(raw: str, store_id: Any) -> Principal | None:
    now = timezone.now()
    store_pk: int | None = None
    if store_id is not None:
        try:
            store_pk = parse_store_id(store_id)
        except ApplicationError:  # no store can have this id: the guard answers 404 later
            store_pk = None
    row = statements.personal_token(raw, now, store_pk=store_pk)
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at > _USE_RECORDED_EVERY:
        statements.record_personal_token_use(row.token_id, now)
    return Principal(
        user=row.user,
        kind=PrincipalKind.PERSONAL,
        token_id=row.token_id,
        two_factor=row.two_factor,
        store_link=StoreLink(store_id=store_pk, row=row.member) if store_pk is not None else None,
    )


def _store_session(raw: str) -> Principal | None:
    row = statements.store_session(raw, timezone.now())
    if row is None or not row.user.is_active:
        return None
    access = row.collaborator
    return Principal(
        user=row.user,
        kind=PrincipalKind.STORE_SESSION,
        token_id=row.session_id,
        store_session_token=raw,
        store_access=collaborator_access_from_row(row.user.pk, access) if access else None,
    )


def _organization(raw: str) -> Principal | None:
    token = statements.organization_token(raw)
    if token is None or not token.is_usable() or not token.created_by.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _USE_RECORDED_EVERY:
        statements.record_organization_token_use(token.pk, now)
    return Principal(
        user=token.created_by,
        kind=PrincipalKind.ORGANIZATION,
        token_id=token.pk,
        organization_id=token.organization_id,
        organization_role=token.role,
    )


class BearerAuth(HttpBearer):
    """Accepts any kind of Storegate token; operations narrow what they accept."""

    openapi_description = (
        "A Storegate token: personal (sgp_), store session (sgs_) or organization (sgo_)."
    )

    def __init__(self, kinds: tuple[PrincipalKind, ...] = tuple(PrincipalKind)) -> None:
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
        principal = authenticate(token, store_id=store_id)
        if principal is None or principal.kind not in self.kinds:
            return None
        request.user = principal.user  # type: ignore[assignment]
        return principal


any_token = BearerAuth()
personal_token = BearerAuth((PrincipalKind.PERSONAL,))
partner_token = BearerAuth((PrincipalKind.PERSONAL, PrincipalKind.ORGANIZATION))


def principal_of(request: Any) -> Principal:
    principal: Principal = request.auth
    return principal
