"""A real SMTP server on loopback for the reminders, as tests/notifications has (conftests are not imported)."""

import email
import email.policy
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from types import SimpleNamespace
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask

from tests.factories import free_port


class _Mailbox:
    """Keeps every message the application sends."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp(app: Flask) -> Iterator[SimpleNamespace]:
    mailbox, port = _Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    yield SimpleNamespace(mailbox=mailbox)
    controller.stop()
