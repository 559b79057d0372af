"""Who is acting: the one context every service receives (R25).

The guard builds it once per request from what it resolved (``storegate.access.guard.acting_of``);
jobs and commands use ``Acting.system()`` or ``Acting.as_user(user)``. A service reads the person,
their partner organization, their store access and where the request came from here, and passes
the same object to ``audit_record``, so the audit trail names exactly who was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: this module sits below the apps it describes
    from storegate.access.store_access import StoreAccess
    from storegate.accounts.models import User
    from storegate.stores.models import Store


@dataclass(frozen=True, slots=True)
class RequestMeta:
    """Where an action came from."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request: Any) -> RequestMeta:
        if request is None:
            return cls()
        meta = getattr(request, "META", {})
        return cls(
            ip=meta.get("REMOTE_ADDR") or None, user_agent=(meta.get("HTTP_USER_AGENT") or "")[:400]
        )


SYSTEM = RequestMeta()


class Acting:
    """The person acting (None for the system), the partner organization they act through, their
    access to the store in question, and the request's origin.

    ``store`` is the store the guard resolved, fetched at most once however often it is read
    (the guard passes ``load_store``; this module sits below the models and cannot query them).
    """

    __slots__ = ("_load_store", "_store", "access", "meta", "organization_id", "user")

    def __init__(
        self,
        *,
        user: User | None,
        organization_id: int | None = None,
        access: StoreAccess | None = None,
        meta: RequestMeta = SYSTEM,
        store: Store | None = None,
        load_store: Callable[[], Store] | None = None,
    ) -> None:
        self.user = user
        self.organization_id = (
            organization_id
            if organization_id is not None
            else (access.organization_id if access is not None else None)
        )
        self.access = access
        self.meta = meta
        self._store = store
        self._load_store = load_store

    @classmethod
    def system(cls) -> Acting:
        return cls(user=None)

    @classmethod
    def as_user(
        cls, user: User | None, *, organization_id: int | None = None, meta: RequestMeta = SYSTEM
    ) -> Acting:
        return cls(user=user, organization_id=organization_id, meta=meta)

    @property
    def store_id(self) -> int | None:
        if self._store is not None:
            return int(self._store.pk)
        return self.access.store_id if self.access is not None else None

    @property
    def store(self) -> Store:
        """The store of ``access``, read from the database once."""
        if self._store is None:
            if self._load_store is None:
                raise LookupError("this acting context is not in a store")
            self._store = self._load_store()
        return self._store

    def __repr__(self) -> str:
        return (
            f"Acting(user={getattr(self.user, 'pk', None)}, "
            f"organization={self.organization_id}, store={self.store_id})"
        )
