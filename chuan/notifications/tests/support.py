"""Helpers of the notification tests: a provider registered for one test, and a real local
SMTP server (aiosmtpd) on a free port."""

import datetime
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from aiosmtpd.controller import Controller

from chuan.notifications.registry import KINDS, Reminder, register_reminders


@contextmanager
def provider(kind: str, reminders: list[Reminder], label: Any = "Test kind") -> Iterator[list[int]]:
    """Register a provider of `reminders` for the block; yields a list counting its calls."""
    calls: list[int] = []

    def give(on: datetime.date) -> Iterator[Reminder]:
        calls.append(1)
        yield from reminders

    saved = dict(KINDS)
    register_reminders(kind, label, give)
    try:
        yield calls
    finally:
        KINDS.clear()
        KINDS.update(saved)


@contextmanager
def only_kinds() -> Iterator[None]:
    """No provider of the apps for the block (the tests' own only)."""
    saved = dict(KINDS)
    KINDS.clear()
    try:
        yield
    finally:
        KINDS.clear()
        KINDS.update(saved)


def reminder(user: Any, n: int, *, kind: str = "test", overdue: bool = False) -> Reminder:
    return Reminder(
        user_id=user.pk,
        kind=kind,
        key=f"{kind}:{n}",
        title=format_lazy(_("Corrective action of {code}: {action}"), code=f"KPH-{n}", action="x"),
        url=f"/qms/nonconformities/{n}/",
        due_on=datetime.date(2026, 12, 10),
        overdue=overdue,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Sink:
    """An SMTP server's handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted"


@contextmanager
def smtp_server(port: int) -> Iterator[Sink]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 5,
    }
