"""The outbox: e-mails written by the services and sent by the background worker through
Django's mail framework (SMTP by environment, the console in development).

A mail is never lost: it is written in the same transaction as what caused it, and it
leaves the pending state only when the server accepted it (sent) or refused it for good —
its recipient refused, or still failing after `CHUAN_MAIL_MAX_ATTEMPTS` attempts (failed,
kept with its error; `mail_retry` puts it back). Between attempts the wait doubles, from
one minute up to six hours.

Two workers never send the same mail: a batch is claimed by one UPDATE that moves its
next attempt past a lease; a worker that dies while sending leaves the claim to lapse, and
the mail is tried again after it (at least once, the same Message-ID each time).
"""

import datetime
import logging
import smtplib
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.accounts.roles import Role, user_roles
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.notifications.choices import MailState
from chuan.notifications.models import OutgoingMail

logger = logging.getLogger(__name__)

BATCH = 100
FIRST_WAIT = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=6)
# How long a claimed mail is left to its worker before another may try it.
LEASE = datetime.timedelta(minutes=10)


def max_attempts() -> int:
    return max(1, int(getattr(settings, "CHUAN_MAIL_MAX_ATTEMPTS", 12)))


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most 6 hours."""
    steps = min(max(attempts, 1) - 1, 20)
    return min(FIRST_WAIT * (2**steps), LONGEST_WAIT)


@dataclass(frozen=True)
class SendResult:
    sent: int
    retried: int  # failed this time, tried again later
    failed: int  # given up (refused for good or out of attempts)
    next_attempt_at: datetime.datetime | None  # the earliest pending mail still waiting


def _claim(now: datetime.datetime) -> list[OutgoingMail]:
    ids = list(
        OutgoingMail.objects.filter(state=MailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not ids:
        return []
    token = uuid.uuid4().hex
    lease_until = now + LEASE
    with transaction.atomic():
        # Only the rows still due are taken: another worker's claim moved theirs on. The
        # token marks ours in `last_error` until the attempt's outcome replaces it.
        OutgoingMail.objects.filter(
            pk__in=ids, state=MailState.PENDING, next_attempt_at__lte=now
        ).update(
            next_attempt_at=lease_until,
            attempts=F("attempts") + 1,
            last_error=f"claim:{token}",
        )
    return list(OutgoingMail.objects.filter(pk__in=ids, last_error=f"claim:{token}"))


def _message(mail: OutgoingMail, connection: Any) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to_address],
        connection=connection,
        headers={"Message-ID": mail.message_id, "Auto-Submitted": "auto-generated"},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def _permanent(error: Exception) -> bool:
    """Refusals that another attempt will not change: the address itself was refused."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _msg in error.recipients.values())
    return (
        isinstance(error, smtplib.SMTPResponseException)
        and 500 <= error.smtp_code < 600
        and (error.smtp_code in (550, 551, 553))
    )


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def _send_batch(mails: list[OutgoingMail], now: datetime.datetime) -> tuple[int, int, int]:
    sent_ids: list[int] = []
    retried = failed = 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as error:  # the server is down: every mail of the batch waits
        for mail in mails:
            retried_now, failed_now = _fail(mail, error, now)
            retried += retried_now
            failed += failed_now
        return 0, retried, failed
    try:
        for mail in mails:
            try:
                _message(mail, connection).send()
            except Exception as error:
                retried_now, failed_now = _fail(mail, error, now)
                retried += retried_now
                failed += failed_now
            else:
                sent_ids.append(mail.pk)
    finally:
        try:
            connection.close()
        except Exception:  # a connection that broke mid-batch; the outcomes are recorded
            logger.warning("Closing the mail connection failed", exc_info=True)
        if sent_ids:
            OutgoingMail.objects.filter(pk__in=sent_ids).update(
                state=MailState.SENT, sent_at=timezone.now(), last_error=""
            )
    return len(sent_ids), retried, failed


def _fail(mail: OutgoingMail, error: Exception, now: datetime.datetime) -> tuple[int, int]:
    """Record a failed attempt: wait and try again, or give up. (retried, failed)"""
    give_up = _permanent(error) or mail.attempts >= max_attempts()
    logger.warning("Mail %s to %s not sent: %s", mail.pk, mail.to_address, error)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        state=MailState.FAILED if give_up else MailState.PENDING,
        next_attempt_at=now + backoff(mail.attempts),
        last_error=_describe(error),
    )
    return (0, 1) if give_up else (1, 0)


def outbox_send_pending(*, now: datetime.datetime | None = None, limit: int = 0) -> SendResult:
    """Send every pending mail whose attempt is due, a batch per connection; record each
    outcome. `limit` (0: none) bounds the mails tried in one call."""
    sent = retried = failed = tried = 0
    while True:
        moment = now or timezone.now()
        mails = _claim(moment)
        if not mails:
            break
        batch_sent, batch_retried, batch_failed = _send_batch(mails, moment)
        sent, retried, failed = sent + batch_sent, retried + batch_retried, failed + batch_failed
        tried += len(mails)
        if limit and tried >= limit:
            break
    if sent or retried or failed:
        with transaction.atomic():
            activity_record(
                actor=None,
                verb="outbox.sent",
                changes={"sent": sent, "retried": retried, "failed": failed},
            )
    waiting = OutgoingMail.objects.filter(state=MailState.PENDING).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    return SendResult(sent=sent, retried=retried, failed=failed, next_attempt_at=waiting)


@transaction.atomic
def mail_retry(*, mail: OutgoingMail, actor: Any) -> OutgoingMail:
    """Put a mail that was given up back in the outbox, to be tried at once."""
    if not (actor.is_superuser or Role.SYSTEM_ADMIN in user_roles(actor)):
        raise ForbiddenError(_("You may not send this mail again."))
    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if mail.state != MailState.FAILED:
        raise ConflictError(_("Only a mail that was not sent can be sent again."))
    mail.state = MailState.PENDING
    mail.next_attempt_at = timezone.now()
    mail.save(update_fields=["state", "next_attempt_at"])
    activity_record(actor=actor, verb="mail.retried", target=mail, changes={})
    return mail
