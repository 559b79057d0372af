"""What every commerce operation module shares: the router, the path prefix, the caller."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja import Schema as _Schema

from storegate.access.guard import store_access_of
from storegate.access.store_access import StoreAccess
from storegate.core.acting import RequestMeta

router = Router(tags=["Store side — commerce"])
S = "/stores/{store_id}"


class Ctx:
    """What every operation passes to its service: who acts, in which store, from where."""

    def __init__(self, request: HttpRequest) -> None:
        self.access: StoreAccess = store_access_of(request)
        self.user: Any = request.user
        self.meta = RequestMeta.from_request(request)

    def kw(self) -> dict[str, Any]:
        return {"access": self.access, "acting_user": self.user, "meta": self.meta}


def sent_fields(payload: _Schema) -> dict[str, Any]:
    # Only the fields the caller sent, so a PATCH changes nothing it did not name.
    return payload.model_dump(exclude_unset=True)
