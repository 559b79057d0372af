"""Named users (STYLE.md): Alice-style roles for a store and a partner organization.

- ``owner`` owns ``store``; ``staff`` is staff there with a few permissions;
- ``partner_admin`` is the admin of ``partner_org``; ``collaborator`` is its store manager;
- ``outsider`` has no link to anything and must see nothing.
"""

from __future__ import annotations

import json as _json

import pytest
from django.core.cache import cache
from django.test import Client

from storegate.accounts.services import api_token_create
from storegate.core.acting import Acting
from storegate.partners.models import PartnerRole
from storegate.stores.permissions import StorePermission
from tests.factories import (
    PartnerMemberFactory,
    PartnerOrganizationFactory,
    StaffMemberFactory,
    StoreFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fresh_counters():
    # Log-in counters live in the database (storegate.core.ratelimit): each test's transaction
    # starts without any.
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _email_locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.test", name="Olivia Owner")


@pytest.fixture
def store(owner):
    return StoreFactory(owner=owner, name="Northwind", handle="northwind")


@pytest.fixture
def staff(store):
    member = StaffMemberFactory(
        store=store,
        user=UserFactory(email="staff@example.test", name="Sam Staff"),
        permissions=[
            StorePermission.HOME_VIEW,
            StorePermission.ORDERS_VIEW,
            StorePermission.COLLABORATORS_MANAGE,
        ],
    )
    return member.user


@pytest.fixture
def partner_org(db):
    return PartnerOrganizationFactory(name="Handled")


@pytest.fixture
def partner_admin(partner_org):
    return PartnerMemberFactory(
        organization=partner_org,
        user=UserFactory(email="admin@handled.test", name="Hana Handled"),
        role=PartnerRole.ADMIN,
    ).user


@pytest.fixture
def collaborator(partner_org):
    return PartnerMemberFactory(
        organization=partner_org,
        user=UserFactory(email="carl@handled.test", name="Carl Collaborator"),
        role=PartnerRole.STORE_MANAGER,
    ).user


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.test", name="Oscar Outsider")


class ApiClient:
    """Django's test client speaking JSON through the whole stack (middleware included)."""

    def __init__(self) -> None:
        self.client = Client()

    def request(self, method: str, path: str, *, json=None, token: str | None = None, headers=None):
        extra = {}
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        for key, value in (headers or {}).items():
            extra["HTTP_" + key.upper().replace("-", "_")] = value
        body = _json.dumps(json) if json is not None else None
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        return getattr(self.client, method.lower())(path, **kwargs, **extra)

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw):
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw):
        return self.request("PATCH", path, **kw)

    def put(self, path: str, **kw):
        return self.request("PUT", path, **kw)

    def delete(self, path: str, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture
def api_client():
    return ApiClient()


def error_code(response) -> str:
    return response.json()["error"]["code"]


def token_for(user, *, two_factor: bool = False) -> str:
    return api_token_create(acting=Acting.as_user(user), user=user, two_factor=two_factor).raw


@pytest.fixture
def token():
    """``token(user)`` → a fresh personal API token for that user."""
    return token_for
