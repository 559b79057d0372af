"""An e-mail backend that keeps messages in the database for the demo's mailbox page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from storegate.notifications.models import MailboxEmail


class MailboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            message_id = str(message.extra_headers.get("Message-ID", ""))
            # At-least-once delivery may repeat a message; the mailbox keeps it once.
            if message_id and MailboxEmail.objects.filter(message_id=message_id).exists():
                sent += 1
                continue
            html = ""
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    html = str(content)
            MailboxEmail.objects.create(
                to=", ".join(message.to),
                from_email=message.from_email,
                subject=str(message.subject),
                body=str(message.body),
                html=html,
                message_id=message_id,
            )
            sent += 1
        return sent

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
