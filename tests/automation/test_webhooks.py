"""R27: webhooks — signed deliveries through the outbox, retries with back-off, delivery log,
automatic disabling, and SSRF refusals."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from storegate.audit.models import AuditEvent
from storegate.core.crypto import decrypt_secret
from storegate.notifications.delivery import backoff_delay, outbox_deliver_due
from storegate.notifications.events import PartnerEvent, partner_event_emit
from storegate.notifications.models import (
    Notification,
    OutboxMessage,
    OutboxStatus,
    WebhookDelivery,
    WebhookEndpoint,
)
from storegate.webhooks.signing import webhook_signature_verify
from tests.conftest import error_code

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on loopback that verifies deliveries the way docs/webhooks.md says."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k: v for k, v in self.headers.items()}, body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else b"receiver says no")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/storegate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def verify(self, headers: dict[str, str], body: bytes, *, now: float | None = None) -> bool:
        """Independent re-implementation of the documented check (not the server's code)."""
        fields = dict(item.split("=", 1) for item in headers["Storegate-Signature"].split(","))
        timestamp = int(fields["t"])
        if abs((now or time.time()) - timestamp) > 300:
            return False
        expected = hmac.new(
            self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(expected, fields["v1"])


@pytest.fixture
def receiver(settings):
    settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE = True  # the test receiver is on loopback
    made: list[Receiver] = []

    def make(statuses: list[int]) -> Receiver:
        r = Receiver(statuses)
        r.thread.start()
        made.append(r)
        return r

    yield make
    for r in made:
        r.server.shutdown()
        r.server.server_close()


def _subscribe(api_client, token, org, url, events=("request.approved",)):
    response = api_client.post(
        f"/api/v1/partners/{org.pk}/webhooks",
        json={"url": url, "events": list(events), "description": "ops"},
        token=token,
    )
    assert response.status_code == 201, response.content
    return response.json()


def _emit(org, event="request.approved"):
    with transaction.atomic():
        partner_event_emit(
            organization=org, event=event, data={"store": {"id": "7", "handle": "northwind"}}
        )


def _make_due():
    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(
        next_attempt_at=timezone.now(), locked_until=None
    )


def test_r27_receiver_verifies_signatures_and_sees_retries_after_two_500s(
    api_client, partner_org, partner_admin, token, receiver
):
    # given a receiver that answers 500 twice, then 200
    hook = receiver([500, 500, 200])
    created = _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    hook.secret = created["secret"]
    _emit(partner_org)
    message = OutboxMessage.objects.get(kind="webhook")
    # when the worker delivers, and again each time the back-off has passed
    delays = []
    for _ in range(3):
        before = timezone.now()
        outbox_deliver_due()
        message.refresh_from_db()
        if message.status == OutboxStatus.PENDING:
            delays.append(message.next_attempt_at - before)
            _make_due()
    # then three signed attempts of the same delivery arrived, and the third one stuck
    assert len(hook.requests) == 3
    assert message.status == OutboxStatus.DELIVERED and message.attempts == 3
    delivery_ids = {headers["Storegate-Delivery"] for headers, _ in hook.requests}
    assert delivery_ids == {str(message.pk)}
    for headers, body in hook.requests:
        assert hook.verify(headers, body)
        assert headers["Storegate-Event"] == "request.approved"
        payload = json.loads(body)
        assert payload["event"] == "request.approved"
        assert payload["id"] == str(message.pk)
        assert payload["data"]["store"]["handle"] == "northwind"
    # exponential back-off between the attempts
    assert delays[0] >= backoff_delay(1) - timedelta(seconds=2)
    assert delays[1] >= backoff_delay(2) - timedelta(seconds=2)
    assert backoff_delay(2) == 2 * backoff_delay(1)
    # the delivery log keeps every attempt with the receiver's answers
    log = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/webhooks/{created['id']}/deliveries",
        token=token(partner_admin),
    ).json()["items"]
    assert [(d["attempt"], d["status_code"], d["succeeded"]) for d in log] == [
        (3, 200, True),
        (2, 500, False),
        (1, 500, False),
    ]
    assert log[1]["response_body"] == "receiver says no"
    assert WebhookEndpoint.objects.get().consecutive_failures == 0


def test_r27_replayed_or_tampered_delivery_fails_verification(
    api_client, partner_org, partner_admin, token, receiver
):
    # given one delivered, verified webhook
    hook = receiver([200])
    created = _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    hook.secret = created["secret"]
    _emit(partner_org)
    outbox_deliver_due()
    headers, body = hook.requests[0]
    signed_at = int(dict(i.split("=", 1) for i in headers["Storegate-Signature"].split(","))["t"])
    assert hook.verify(headers, body)
    assert webhook_signature_verify(
        secret=created["secret"], header=headers["Storegate-Signature"], body=body
    )
    # when it is tampered with, or replayed after the window
    tampered = body.replace(b"northwind", b"southwind")
    forged = dict(headers, **{"Storegate-Signature": headers["Storegate-Signature"][:-4] + "0000"})
    later = signed_at + 301
    # then verification fails, in the documented receiver and in the shipped helper
    assert not hook.verify(headers, tampered)
    assert not hook.verify(forged, body)
    assert not hook.verify(headers, body, now=later)
    secret = created["secret"]
    sig = headers["Storegate-Signature"]
    assert not webhook_signature_verify(secret=secret, header=sig, body=tampered)
    assert not webhook_signature_verify(secret=secret, header=sig, body=body, now=later)
    assert not webhook_signature_verify(secret="whsec_other", header=sig, body=body)
    assert not webhook_signature_verify(secret=secret, header="garbage", body=body)


def test_r27_only_subscribed_events_of_active_endpoints_are_sent(
    api_client, partner_org, partner_admin, token, receiver
):
    hook = receiver([])
    _subscribe(api_client, token(partner_admin), partner_org, hook.url, events=["access.removed"])
    # when an event it did not subscribe to happens
    _emit(partner_org, "request.declined")
    # then nothing is queued; a subscribed one is
    assert not OutboxMessage.objects.filter(kind="webhook").exists()
    _emit(partner_org, "access.removed")
    assert OutboxMessage.objects.filter(kind="webhook").count() == 1


def test_r27_a_rolled_back_change_queues_no_webhook(
    api_client, partner_org, partner_admin, token, receiver
):
    hook = receiver([])
    _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        partner_event_emit(organization=partner_org, event="request.approved", data={})
        raise RuntimeError("the change failed")
    assert not OutboxMessage.objects.filter(kind="webhook").exists()


def test_r27_endpoint_is_disabled_after_repeated_failures_and_admins_are_told(
    api_client, partner_org, partner_admin, token, receiver, settings
):
    # given an endpoint that always answers 500, and a threshold of 3
    settings.STOREGATE_WEBHOOK_DISABLE_AFTER_FAILURES = 3
    hook = receiver([500] * 10)
    _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    _emit(partner_org)
    # when the worker keeps trying
    for _ in range(5):
        outbox_deliver_due()
        _make_due()
    # then it stopped after three attempts, switched the endpoint off and told the admins
    endpoint = WebhookEndpoint.objects.get()
    assert len(hook.requests) == 3
    assert not endpoint.is_active and endpoint.disabled_at is not None
    emails = OutboxMessage.objects.filter(kind="email", payload__template="webhook_disabled")
    assert [m.payload["to"] for m in emails] == [[partner_admin.email]]
    assert Notification.objects.filter(recipient=partner_admin, kind="webhook.disabled").exists()
    assert AuditEvent.objects.filter(action="partner.webhook_disabled").exists()
    # and switching it on again resets the count
    response = api_client.patch(
        f"/api/v1/partners/{partner_org.pk}/webhooks/{endpoint.pk}",
        json={"is_active": True},
        token=token(partner_admin),
    )
    assert response.status_code == 200 and response.json()["consecutive_failures"] == 0


def test_s6_webhook_secret_is_shown_once_and_stored_encrypted(
    api_client, partner_org, partner_admin, token, receiver
):
    hook = receiver([])
    created = _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    endpoint = WebhookEndpoint.objects.get()
    assert created["secret"] not in endpoint.secret_encrypted
    assert decrypt_secret(endpoint.secret_encrypted) == created["secret"]
    listed = api_client.get(
        f"/api/v1/partners/{partner_org.pk}/webhooks", token=token(partner_admin)
    ).json()
    assert "secret" not in listed["items"][0]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "not a url",
        "http://user:pass@example.com/hook",
    ],
)
def test_r27_private_targets_and_other_schemes_are_refused(
    api_client, partner_org, partner_admin, token, url, settings
):
    settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE = False
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/webhooks",
        json={"url": url, "events": ["request.approved"]},
        token=token(partner_admin),
    )
    assert response.status_code == 400 and error_code(response) == "validation_error"
    assert response.json()["error"]["field"] == "url"
    assert not WebhookEndpoint.objects.exists()


def test_r27_private_target_is_refused_again_at_delivery_time(
    api_client, partner_org, partner_admin, token, receiver, settings
):
    # given an endpoint created while the operator allowed loopback
    hook = receiver([])
    _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    _emit(partner_org)
    # when the operator forbids private targets before delivery
    settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE = False
    outbox_deliver_due()
    # then nothing reached the receiver, and the log says why
    assert hook.requests == []
    delivery = WebhookDelivery.objects.get()
    assert not delivery.succeeded and "private" in delivery.error


def test_r27_unknown_events_are_refused(api_client, partner_org, partner_admin, token, receiver):
    hook = receiver([])
    response = api_client.post(
        f"/api/v1/partners/{partner_org.pk}/webhooks",
        json={"url": hook.url, "events": ["store.burned"]},
        token=token(partner_admin),
    )
    assert response.status_code == 400 and response.json()["error"]["field"] == "events"


def test_r27_webhooks_of_another_organization_are_404(
    api_client, partner_org, partner_admin, token, receiver, outsider
):
    hook = receiver([])
    created = _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    from tests.factories import PartnerMemberFactory, PartnerOrganizationFactory

    other = PartnerOrganizationFactory()
    PartnerMemberFactory(organization=other, user=outsider, role="owner")
    for method, suffix in [("get", "/deliveries"), ("patch", ""), ("delete", "")]:
        response = getattr(api_client, method)(
            f"/api/v1/partners/{other.pk}/webhooks/{created['id']}{suffix}",
            token=token(outsider),
            **({"json": {"is_active": False}} if method == "patch" else {}),
        )
        assert response.status_code == 404, method
    assert WebhookEndpoint.objects.get().is_active


def test_r27_delete_webhook_drops_its_pending_deliveries(
    api_client, partner_org, partner_admin, token, receiver
):
    hook = receiver([])
    created = _subscribe(api_client, token(partner_admin), partner_org, hook.url)
    _emit(partner_org)
    response = api_client.delete(
        f"/api/v1/partners/{partner_org.pk}/webhooks/{created['id']}", token=token(partner_admin)
    )
    assert response.status_code == 204
    outbox_deliver_due()
    assert hook.requests == []


def test_r27_event_names_are_one_enum_and_unknown_names_are_refused(partner_org):
    assert [str(e) for e in PartnerEvent] == [
        "request.approved",
        "request.declined",
        "request.expired",
        "access.changed",
        "access.suspended",
        "access.resumed",
        "access.removed",
        "access.expiring",
    ]
    with pytest.raises(ValueError):
        partner_event_emit(organization=partner_org, event="request.lost", data={})  # type: ignore[arg-type]
