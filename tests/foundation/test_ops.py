"""Operator endpoints."""

from __future__ import annotations

import pytest

from storegate.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_metrics_need_the_operator_token(client, settings):
    settings.STOREGATE_METRICS_TOKEN = "operator-secret"
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    OutboxMessage.objects.create(kind="email", payload={})
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer operator-secret")
    assert response.status_code == 200
    assert 'storegate_outbox_messages{status="pending"} 1' in response.content.decode()


def test_metrics_are_off_without_a_token(client, settings):
    settings.STOREGATE_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_security_headers_on_pages(client):
    response = client.get("/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
