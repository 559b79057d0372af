"""Helpers of the collaborator workflow tests."""

from __future__ import annotations

import pytest

from storegate.collaborators.models import CollaboratorRequest
from storegate.collaborators.services import (
    collaborator_request_approve,
    collaborator_request_create,
)
from storegate.core.acting import Acting
from storegate.partners.models import PartnerRole
from tests.factories import PartnerMemberFactory, UserFactory, store_acting


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def request_access(org, user, store, *, preset="fulfilment", permissions=None, **kw):
    kw.setdefault("code", store.request_code)
    kw.setdefault("message", "")
    kw.setdefault("duration_days", None)
    return collaborator_request_create(
        organization=org,
        acting=Acting.as_user(user),
        store_reference=store.handle,
        permissions=permissions,
        preset=preset if permissions is None else None,
        **kw,
    )


def grant(org, user, store, **kw):
    request = request_access(org, user, store)
    return collaborator_request_approve(
        request=request,
        acting=store_acting(store.owner, store),
        **kw,
    )


def manager_of(org, email=None):
    user = UserFactory(email=email) if email else UserFactory()
    return PartnerMemberFactory(organization=org, user=user, role=PartnerRole.STORE_MANAGER).user


@pytest.fixture
def pending(partner_org, collaborator, store) -> CollaboratorRequest:
    return request_access(partner_org, collaborator, store, message="Hi")
