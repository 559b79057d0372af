"""The demo's one pending request (SPEC §7), made with the services."""

from __future__ import annotations

import pytest

from storegate.collaborators import demo
from storegate.collaborators.models import CollaboratorAccess, CollaboratorRequest
from storegate.core.acting import Acting
from storegate.notifications.models import Notification
from storegate.partners.services import organization_create
from storegate.stores.permissions import Preset
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_zonos_asks_the_store_with_the_cross_border_preset(store, owner):
    zonos_user = UserFactory()
    zonos = organization_create(acting=Acting.as_user(zonos_user), name="Zonos (cross-border)")
    handled_admin = UserFactory()
    handled = organization_create(acting=Acting.as_user(handled_admin), name="Handled (3PL)")
    demo.load(
        store=store,
        owner=owner,
        handled=handled,
        zonos=zonos,
        handled_admin=handled_admin,
        zonos_user=zonos_user,
    )
    request = CollaboratorRequest.objects.get()
    assert request.organization == zonos and request.status == "pending"
    assert request.permissions == Preset.CROSS_BORDER.permissions
    assert request.message
    assert Notification.objects.filter(recipient=owner, store=store).exists()
    assert not CollaboratorAccess.objects.exists()
    assert not CollaboratorRequest.objects.filter(organization=handled).exists()
