"""Who is asking: the logged-in person of a page and where their request came from."""

from __future__ import annotations

from django.http import HttpRequest

from storegate.accounts.models import User
from storegate.core.acting import RequestMeta


def acting_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


def meta_of(request: HttpRequest) -> RequestMeta:
    return RequestMeta.from_request(request)
