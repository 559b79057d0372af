"""The operator's command and the demo data of SPEC §7."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command

from storegate.accounts.models import User
from storegate.collaborators.models import CollaboratorRequest, RequestStatus
from storegate.commerce.catalogue.models import Product
from storegate.commerce.inventory.models import Location
from storegate.commerce.orders.models import Order
from storegate.stores.models import Store
from storegate.web.demo import DEMO_PASSWORD, DEMO_STORE_HANDLE


def test_storegate_command_lists_its_subcommands():
    result = subprocess.run(
        [sys.executable, "-m", "storegate.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "STOREGATE_DEMO": "1"},
    )
    assert result.returncode == 0
    for command in ("serve", "worker", "demo", "migrate"):
        assert command in result.stdout


def test_storegate_command_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "storegate.cli", "check"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "STOREGATE_DEMO": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_demo_data_loads_once_and_its_printed_users_can_log_in(client):
    # given an empty database, when the demo data is loaded twice
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    users = User.objects.count()
    call_command("demo_data", stdout=out)
    # then the second run changed nothing
    assert User.objects.count() == users
    assert "already loaded" in out.getvalue()
    store = Store.objects.get(handle=DEMO_STORE_HANDLE)
    # and the store looks like a real one, with the one pending request of SPEC §7
    assert Product.objects.filter(store=store).exists()
    assert Order.objects.filter(store=store).exists()
    assert Location.objects.filter(store=store).exists()
    pending = CollaboratorRequest.objects.filter(store=store, status=RequestStatus.PENDING)
    assert [r.organization.name for r in pending] == ["Zonos (cross-border)"]
    # and every printed log-in works
    printed = set(re.findall(r"[\w.+-]+@[\w.-]*demo\.storegate\.test", out.getvalue()))
    assert len(printed) >= 4
    for email in printed:
        client.logout()
        response = client.post("/login/", {"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
