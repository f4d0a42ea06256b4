"""The SMS outbox: messages to citizens written by the services (in the transaction of what
caused them) and sent by the background worker through the gateway (`notifications.sms`).

It follows the mail outbox (`outbox`): a batch is claimed by one UPDATE that moves its next
attempt past a lease, so two workers never send the same message and one that dies leaves
it to be tried again; a failure waits 1, 2, 4 … minutes (at most 6 hours); a refusal for
good, or `CHUAN_MAIL_MAX_ATTEMPTS` failures, marks it failed with its error. The gateway
gets the same id on every attempt, so it can drop a duplicate."""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Min
from django.utils import timezone

from chuan.core.activity import activity_record
from chuan.notifications.choices import MailState
from chuan.notifications.models import OutgoingSms
from chuan.notifications.services.outbox import BATCH, LEASE, backoff, max_attempts
from chuan.notifications.sms import Sms, SmsError, get_backend, sms_text

logger = logging.getLogger(__name__)


def sms_enqueue(*, key: str, to_number: str, text: str) -> OutgoingSms | None:
    """Write an SMS to send (once per `key`: a second call with the same key writes
    nothing and returns None). Call it inside the transaction of what caused it."""
    if OutgoingSms.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            return OutgoingSms.objects.create(
                key=key[:100],
                to_number=to_number,
                text=sms_text(text),
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:  # written meanwhile by a concurrent caller
        return None


@dataclass(frozen=True)
class SmsResult:
    sent: int
    retried: int
    failed: int
    next_attempt_at: datetime.datetime | None


def _claim(now: datetime.datetime) -> list[OutgoingSms]:
    ids = list(
        OutgoingSms.objects.filter(state=MailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not ids:
        return []
    token = uuid.uuid4().hex
    with transaction.atomic():
        OutgoingSms.objects.filter(
            pk__in=ids, state=MailState.PENDING, next_attempt_at__lte=now
        ).update(
            next_attempt_at=now + LEASE,
            attempts=F("attempts") + 1,
            last_error=f"claim:{token}",
        )
    # In the order they were written: a receipt before the result of the same dossier.
    return list(OutgoingSms.objects.filter(pk__in=ids, last_error=f"claim:{token}").order_by("pk"))


def sms_send_pending(*, now: datetime.datetime | None = None, limit: int = 0) -> SmsResult:
    """Send every pending SMS whose attempt is due; record each outcome."""
    backend = get_backend()
    sent = retried = failed = tried = 0
    while True:
        moment = now or timezone.now()
        batch = _claim(moment)
        if not batch:
            break
        for sms in batch:
            try:
                backend.send(Sms(message_id=sms.key, to=sms.to_number, text=sms.text))
            except Exception as error:
                permanent = isinstance(error, SmsError) and error.permanent
                give_up = permanent or sms.attempts >= max_attempts()
                logger.warning("SMS %s to %s not sent: %s", sms.pk, sms.to_number, error)
                OutgoingSms.objects.filter(pk=sms.pk).update(
                    state=MailState.FAILED if give_up else MailState.PENDING,
                    next_attempt_at=moment + backoff(sms.attempts),
                    last_error=f"{type(error).__name__}: {error}"[:1000],
                )
                failed, retried = (failed + 1, retried) if give_up else (failed, retried + 1)
            else:
                OutgoingSms.objects.filter(pk=sms.pk).update(
                    state=MailState.SENT, sent_at=timezone.now(), last_error=""
                )
                sent += 1
        tried += len(batch)
        if limit and tried >= limit:
            break
    if sent or retried or failed:
        with transaction.atomic():
            activity_record(
                actor=None,
                verb="sms_outbox.sent",
                changes={"sent": sent, "retried": retried, "failed": failed},
            )
    waiting = OutgoingSms.objects.filter(state=MailState.PENDING).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    return SmsResult(sent=sent, retried=retried, failed=failed, next_attempt_at=waiting)
