"""The outbox against a real local SMTP server (aiosmtpd): a reminder arrives; a server
that is down leaves the mail pending, tried again later; back up, it is sent exactly once."""

import datetime
import email
import smtplib
from email import policy
from typing import Any

from django.core import mail
from django.test import override_settings
from django.utils import timezone

import pytest

from chuan.notifications.choices import MailState
from chuan.notifications.models import OutgoingMail
from chuan.notifications.services.digest import digest_build
from chuan.notifications.services.outbox import backoff, outbox_send_pending
from chuan.notifications.tests.support import (
    free_port,
    only_kinds,
    provider,
    reminder,
    smtp_server,
    smtp_settings,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 5)


def _digest(user: Any) -> OutgoingMail:
    with only_kinds(), provider("test", [reminder(user, 7, overdue=True)]):
        digest_build(on=DAY)
    return OutgoingMail.objects.get()


def test_a_reminder_arrives_at_the_smtp_server(world: Any) -> None:
    port = free_port()
    queued = _digest(world.secretary)
    with smtp_server(port) as sink, override_settings(**smtp_settings(port)):
        result = outbox_send_pending()
    assert result.sent == 1
    assert len(sink.envelopes) == 1
    envelope = sink.envelopes[0]
    assert envelope.rcpt_tos == [world.secretary.email]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"].strip() == queued.subject
    assert "05/12/2026" in message["Subject"]
    assert message["Message-ID"] == queued.message_id
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "KPH-7" in text and "http://127.0.0.1:8000/qms/nonconformities/7/" in text
    assert "KPH-7" in html
    sent = OutgoingMail.objects.get()
    assert (sent.state, sent.attempts, sent.last_error) == (MailState.SENT, 1, "")
    assert sent.sent_at is not None


def test_server_down_then_back_sends_exactly_once(world: Any) -> None:
    port = free_port()
    _digest(world.secretary)
    before = timezone.now()
    with override_settings(**smtp_settings(port)):
        down = outbox_send_pending()  # nothing listens on the port
    assert (down.sent, down.retried, down.failed) == (0, 1, 0)
    waiting = OutgoingMail.objects.get()
    assert waiting.state == MailState.PENDING
    assert waiting.attempts == 1
    assert waiting.next_attempt_at >= before + backoff(1)
    assert "Connection" in waiting.last_error or "refused" in waiting.last_error.lower()
    assert down.next_attempt_at == waiting.next_attempt_at
    with smtp_server(port) as sink, override_settings(**smtp_settings(port)):
        early = outbox_send_pending()  # not yet due: the backoff holds
        assert early.sent == 0 and not sink.envelopes
        later = waiting.next_attempt_at + datetime.timedelta(seconds=1)
        back = outbox_send_pending(now=later)
        again = outbox_send_pending(now=later + datetime.timedelta(hours=1))
    assert (back.sent, again.sent) == (1, 0)
    assert len(sink.envelopes) == 1
    sent = OutgoingMail.objects.get()
    assert (sent.state, sent.attempts) == (MailState.SENT, 2)


def test_backoff_doubles_up_to_six_hours() -> None:
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(40) == datetime.timedelta(hours=6)


@override_settings(CHUAN_MAIL_MAX_ATTEMPTS=2)
def test_given_up_after_the_last_attempt_and_kept(world: Any) -> None:
    port = free_port()
    _digest(world.secretary)
    with override_settings(**smtp_settings(port)):
        outbox_send_pending()
        second = outbox_send_pending(now=timezone.now() + datetime.timedelta(minutes=5))
    assert second.failed == 1
    kept = OutgoingMail.objects.get()
    assert (kept.state, kept.attempts) == (MailState.FAILED, 2)
    assert kept.last_error


def test_a_refused_recipient_is_failed_at_once(world: Any, monkeypatch: Any) -> None:
    _digest(world.secretary)

    def refuse(self: Any, fail_silently: bool = False) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.gov.vn": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    result = outbox_send_pending()
    assert result.failed == 1
    assert OutgoingMail.objects.get().state == MailState.FAILED


def test_a_mail_claimed_by_a_dead_worker_is_tried_after_the_lease(world: Any) -> None:
    _digest(world.secretary)
    # A worker claimed it and died: the claim moved its next attempt on.
    OutgoingMail.objects.update(
        attempts=1, next_attempt_at=timezone.now() + datetime.timedelta(minutes=10)
    )
    assert outbox_send_pending().sent == 0
    assert outbox_send_pending(now=timezone.now() + datetime.timedelta(minutes=11)).sent == 1
    assert len(mail.outbox) == 1


def test_retry_of_a_failed_mail(world: Any) -> None:
    from chuan.core.exceptions import ConflictError, ForbiddenError
    from chuan.notifications.services.outbox import mail_retry

    queued = _digest(world.secretary)
    with pytest.raises(ConflictError):
        mail_retry(mail=queued, actor=world.admin)
    OutgoingMail.objects.update(state=MailState.FAILED)
    with pytest.raises(ForbiddenError):
        mail_retry(mail=queued, actor=world.secretary)
    assert OutgoingMail.objects.get().state == MailState.FAILED
    mail_retry(mail=queued, actor=world.admin)
    assert outbox_send_pending().sent == 1
