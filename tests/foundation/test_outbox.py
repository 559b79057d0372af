"""The transactional outbox (SPEC §6): committed with the change, delivered by the worker,
retried with back-off, at least once, and safe on several workers."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from storegate.notifications import delivery
from storegate.notifications.delivery import _claim, backoff_delay, outbox_deliver_due
from storegate.notifications.kinds import NotificationKind
from storegate.notifications.models import MailboxEmail, Notification, OutboxMessage, OutboxStatus
from storegate.notifications.services import email_enqueue, notification_create, outbox_enqueue
from storegate.notifications.tasks import deliver_due_outbox


class _Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def _enqueue_test_email(to: str = "merchant@example.test") -> OutboxMessage:
    return outbox_enqueue(
        kind="email", payload={"to": [to], "subject": "Hello", "body": "Body", "html": ""}
    )


@pytest.mark.django_db(transaction=True)
def test_email_is_delivered_over_real_smtp_by_the_django_tasks_worker(settings, smtp_server, owner):
    # given an SMTP server on loopback and an e-mail committed with a change
    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with transaction.atomic():
        message = email_enqueue(
            recipient=owner, template="test_message", context={"greeting": "Hej"}
        )
    # when the django-tasks-db worker runs the tasks the commit enqueued
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    # then the SMTP server received exactly that message, and the row says so
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    assert received["To"] == owner.email
    assert received["Subject"] == "Test message for Olivia Owner"
    assert received["Message-ID"] == f"<outbox-{message.pk}@storegate>"
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        _enqueue_test_email()
        raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_message_committed_before_a_worker_crash_is_delivered_when_a_worker_comes_back():
    # given a committed message whose immediate delivery task was lost with the crashed worker
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        message = _enqueue_test_email()
    DBTaskResult.objects.all().delete()
    # and a worker that claimed it and died before sending
    claimed = _claim(message_id=message.pk, limit=1)
    assert [m.pk for m in claimed] == [message.pk]
    assert outbox_deliver_due() == 0  # the claim still holds: nobody else sends it meanwhile
    assert len(mail.outbox) == 0
    # when the claim runs out and a worker comes back and runs the periodic sweep
    OutboxMessage.objects.filter(pk=message.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    deliver_due_outbox.call()
    # then it is delivered, once
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert outbox_deliver_due() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_failures_are_retried_with_exponential_backoff_then_given_up(settings, monkeypatch):
    settings.STOREGATE_OUTBOX_MAX_ATTEMPTS = 3
    calls = []

    def failing(message):
        calls.append(message.pk)
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(delivery, "deliver_email", failing)
    with transaction.atomic():
        message = _enqueue_test_email()
    for attempt in (1, 2, 3):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox_deliver_due()
        message.refresh_from_db()
        assert message.attempts == attempt
        assert "smtp down" in message.last_error
    assert message.status == OutboxStatus.DEAD
    assert len(calls) == 3
    assert backoff_delay(1) < backoff_delay(2) < backoff_delay(3)
    assert backoff_delay(2) == 2 * backoff_delay(1)


@pytest.mark.django_db(transaction=True)
def test_a_failed_message_waits_for_its_backoff(monkeypatch):
    deliver_email = delivery.deliver_email
    monkeypatch.setattr(delivery, "deliver_email", lambda m: (_ for _ in ()).throw(OSError("down")))
    with transaction.atomic():
        message = _enqueue_test_email()
    outbox_deliver_due()
    monkeypatch.setattr(delivery, "deliver_email", deliver_email)
    assert outbox_deliver_due() == 0  # not due yet
    message.refresh_from_db()
    assert message.next_attempt_at > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_deliver_each_message_once(settings):
    settings.EMAIL_BACKEND = "storegate.notifications.mailbox.MailboxEmailBackend"
    with transaction.atomic():
        messages = [_enqueue_test_email(f"m{i}@example.test") for i in range(40)]
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            while outbox_deliver_due(limit=3):
                pass
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED).count() == len(messages)
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    assert MailboxEmail.objects.count() == len(messages)


@pytest.mark.django_db
def test_mailbox_keeps_a_repeated_delivery_once(settings):
    settings.EMAIL_BACKEND = "storegate.notifications.mailbox.MailboxEmailBackend"
    message = OutboxMessage.objects.create(
        kind="email", payload={"to": ["a@example.test"], "subject": "S", "body": "B", "html": ""}
    )
    delivery.deliver_email(message)
    delivery.deliver_email(message)  # at-least-once: a repeat after a crash
    assert MailboxEmail.objects.count() == 1


@pytest.mark.django_db
def test_housekeeping_prunes_old_task_results_and_delivered_messages():
    from storegate.housekeeping import prune_old_records

    old = timezone.now() - timedelta(days=60)
    delivered = OutboxMessage.objects.create(
        kind="email", payload={}, status=OutboxStatus.DELIVERED, delivered_at=old
    )
    pending = OutboxMessage.objects.create(kind="email", payload={}, created_at=old)
    result = prune_old_records.call()
    assert result["outbox"] == 1
    assert not OutboxMessage.objects.filter(pk=delivered.pk).exists()
    assert OutboxMessage.objects.filter(pk=pending.pk).exists()  # undelivered work is never pruned


def test_scheduler_enqueues_each_job_at_its_interval(monkeypatch):
    from storegate.core import scheduling

    enqueued: list[str] = []

    class FakeTask:
        def __init__(self, path: str) -> None:
            self.path = path

        def enqueue(self) -> None:
            enqueued.append(self.path)

    monkeypatch.setattr(scheduling, "PERIODIC_JOBS", [("a.job", 10), ("b.job", 60)])
    monkeypatch.setattr(scheduling, "_load", FakeTask)
    last: dict[str, float] = {}
    assert scheduling.enqueue_due_jobs(last, 100.0) == ["a.job", "b.job"]
    assert scheduling.enqueue_due_jobs(last, 105.0) == []
    assert scheduling.enqueue_due_jobs(last, 110.0) == ["a.job"]
    assert scheduling.enqueue_due_jobs(last, 160.0) == ["a.job", "b.job"]
    assert enqueued == ["a.job", "b.job", "a.job", "a.job", "b.job"]


def test_every_periodic_job_is_a_real_task():
    from django_tasks.base import Task

    from storegate.core.scheduling import PERIODIC_JOBS, _load

    for path, interval in PERIODIC_JOBS:
        assert isinstance(_load(path), Task), path
        assert interval > 0


@pytest.mark.django_db
def test_notification_kinds_are_one_enum_stored_as_their_names(owner):
    created = notification_create(
        recipient=owner, kind=NotificationKind.WEBHOOK_DISABLED, title="A webhook was disabled"
    )
    assert Notification.objects.get(pk=created.pk).kind == "webhook.disabled"
    with pytest.raises(ValueError):
        notification_create(recipient=owner, kind="webhook.vanished", title="?")
