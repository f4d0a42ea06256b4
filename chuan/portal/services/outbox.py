"""The outbox of messages to the portal: written in the same transaction as the change at
the desk (`outbox_write`, connected to `dossiers.hooks` — it returns at once when no portal
is configured, so an installation without one writes nothing), sent by the background
worker (`outbox_send`).

* Never lost: a message leaves the pending state only when the portal took it (sent) or
  refused it for good (failed, kept with the portal's reason; `message_resend` puts it back).
  An unreachable portal is tried again after a wait that doubles from 30 seconds up to one
  hour, up to `CHUAN_PORTAL_MAX_ATTEMPTS` attempts.
* Never seen twice: each message carries its id, fixed when written; the portal keeps the
  first delivery of an id, so a retry after an answer lost in a timeout is a duplicate to it.
* In order per dossier: a message is taken only when every earlier message of its dossier is
  delivered or taken in the same batch; a batch sends in the order written and stops a
  dossier at its first failure.
* Two workers never send the same message: a batch is claimed by one UPDATE that moves its
  next attempt past a lease; a worker that dies leaves the claim to lapse.
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.dossiers.choices import EventKind
from chuan.dossiers.models import Dossier, DossierStep
from chuan.portal import messages as spec
from chuan.portal.choices import MessageState, Service
from chuan.portal.client import (
    PortalClient,
    PortalRefusedError,
    PortalUnavailableError,
    portal_enabled,
)
from chuan.portal.mapping import status_mapping
from chuan.portal.models import PortalDossier, PortalMessage
from chuan.portal.permissions import may_reconcile

logger = logging.getLogger(__name__)

BATCH = 500
FIRST_WAIT = datetime.timedelta(seconds=30)
LONGEST_WAIT = datetime.timedelta(hours=1)
LEASE = datetime.timedelta(minutes=5)
# Failures in a row after which a batch stops: the portal is down, not one message wrong.
DOWN_AFTER = 3


def max_attempts() -> int:
    return max(1, int(getattr(settings, "CHUAN_PORTAL_MAX_ATTEMPTS", 30)))


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s, 1, 2, 4 … minutes, ≤ 1 hour."""
    steps = min(max(attempts, 1) - 1, 20)
    return min(FIRST_WAIT * (2**steps), LONGEST_WAIT)


# Writing -------------------------------------------------------------------------------------


def _message_rows(dossier: Dossier, event: Any) -> PortalMessage | None:
    service = spec.service_for(event.kind)
    if service is None:
        return None
    mapping = status_mapping()
    code = mapping.code(dossier.status, spec.sub_status(dossier))
    if service == Service.SYNC:
        data = spec.sync_data(dossier, event, code)
    else:
        step = (
            DossierStep.objects.select_related("department")
            .filter(dossier=dossier, order=int((event.data or {}).get("to_step") or 0))
            .first()
        )
        data = spec.progress_data(dossier, event, step, code)
    return PortalMessage(
        dossier=dossier,
        agency_id=dossier.agency_id,
        event=event,
        service=service,
        message_id=f"chuan-{event.pk}",
        event_kind=event.kind,
        status_code=code,
        mapping_version=mapping.version,
        payload=data,
        next_attempt_at=event.at if event.at < timezone.now() else timezone.now(),
    )


def outbox_write(*, dossier: Dossier, event: Any, actor: Any) -> None:
    """The listener of `dossiers.hooks.event_recorded`: put the portal's message for this
    event in the outbox, in the desk's transaction. Nothing without a portal configured, and
    nothing for a dossier not received at the desk in person (it has no code to sync)."""
    if not portal_enabled():
        return
    if event.kind == EventKind.NOT_RECEIVED and dossier.channel != 2:
        return
    message = _message_rows(dossier, event)
    if message is None:
        return
    PortalDossier.objects.bulk_create(
        [PortalDossier(dossier=dossier, agency_id=dossier.agency_id)], ignore_conflicts=True
    )
    message.save()
    transaction.on_commit(_schedule_send)


def _schedule_send() -> None:
    from chuan.portal.tasks import schedule_send

    schedule_send()


def dossier_resync(*, dossier: Dossier, actor: Any) -> PortalMessage:
    """Send the dossier as it stands now (DongBoHoSoMC), after the portal was found to hold
    something else: a new message behind whatever of the dossier still waits."""
    if not may_reconcile(actor, dossier.agency_id):
        raise ForbiddenError(_("You may not reconcile this agency's dossiers with the portal."))
    if (
        not dossier.code
        and not PortalDossier.objects.filter(dossier=dossier).exclude(portal_code="").exists()
    ):
        raise ConflictError(_("This dossier has no code the portal knows."))
    with transaction.atomic():
        event = dossier.events.order_by("-at", "-id").first()
        mapping = status_mapping()
        code = mapping.code(dossier.status, spec.sub_status(dossier))
        data = spec.sync_data(dossier, event or _NoEvent(), code)
        data["GhiChu"] = ""
        PortalDossier.objects.bulk_create(
            [PortalDossier(dossier=dossier, agency_id=dossier.agency_id)], ignore_conflicts=True
        )
        message = PortalMessage.objects.create(
            dossier=dossier,
            agency_id=dossier.agency_id,
            event=None,
            service=Service.SYNC,
            message_id=f"chuan-resync-{dossier.pk}-{uuid.uuid4().hex[:12]}",
            event_kind="resync",
            status_code=code,
            mapping_version=mapping.version,
            payload=data,
            next_attempt_at=timezone.now(),
        )
        activity_record(
            actor=actor,
            verb="portal.resynced",
            target=dossier,
            agency_id=dossier.agency_id,
            changes={"code": dossier.code or "", "status": code},
        )
    return message


class _NoEvent:
    pk = 0
    kind = "resync"
    reason = ""
    data: dict[str, Any] = {}
    actor = None
    at = None


@transaction.atomic
def message_resend(*, message: PortalMessage, actor: Any) -> PortalMessage:
    """Put a message the portal refused (or that ran out of attempts) back in the outbox,
    with the same id: the portal still sees it once."""
    if not may_reconcile(actor, message.agency_id):
        raise ForbiddenError(_("You may not reconcile this agency's dossiers with the portal."))
    message = PortalMessage.objects.select_for_update().get(pk=message.pk)
    if message.state != MessageState.FAILED:
        raise ConflictError(_("Only a message that was not delivered can be sent again."))
    message.state = MessageState.PENDING
    message.next_attempt_at = timezone.now()
    message.attempts = 0
    message.save(update_fields=["state", "next_attempt_at", "attempts"])
    activity_record(
        actor=actor,
        verb="portal.resent",
        target=message,
        agency_id=message.agency_id,
        changes={"message_id": message.message_id},
    )
    return message


# Sending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    sent: int
    retried: int  # failed this time, tried again later
    failed: int  # refused for good or out of attempts
    next_attempt_at: datetime.datetime | None  # the earliest message still waiting


def _blocked_from(now: datetime.datetime) -> dict[int, int]:
    """Per dossier, the first message that holds the later ones back: undelivered and not
    due now (refused for good, waiting for a retry, or claimed by a worker)."""
    return dict(
        PortalMessage.objects.filter(
            Q(state=MessageState.FAILED) | Q(state=MessageState.PENDING, next_attempt_at__gt=now)
        )
        .values("dossier_id")
        .annotate(first=Min("id"))
        .order_by()
        .values_list("dossier_id", "first")
    )


def _claimable_ids(now: datetime.datetime, size: int) -> list[int]:
    """Up to `size` pending messages due now, in the order written, with no message of their
    dossier before them held back. Two indexed reads instead of a correlated subquery per
    row, which costs SQLite tens of milliseconds on a long outbox."""
    blocked = _blocked_from(now)
    ids: list[int] = []
    after = 0
    while len(ids) < size:
        rows = list(
            PortalMessage.objects.filter(
                state=MessageState.PENDING, next_attempt_at__lte=now, id__gt=after
            )
            .order_by("id")
            .values_list("id", "dossier_id")[: size * 2]
        )
        if not rows:
            break
        for pk, dossier_id in rows:
            if pk < blocked.get(dossier_id, pk + 1):
                ids.append(pk)
                if len(ids) == size:
                    break
        after = rows[-1][0]
    return ids


def _claim(now: datetime.datetime, size: int) -> list[PortalMessage]:
    # In the order written, the ids hold each dossier's messages as a prefix of its waiting ones.
    ids = _claimable_ids(now, size)
    if not ids:
        return []
    token = f"claim:{uuid.uuid4().hex}"
    with transaction.atomic():
        PortalMessage.objects.filter(
            pk__in=ids, state=MessageState.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE, attempts=F("attempts") + 1, last_error=token)
    claimed = list(
        PortalMessage.objects.filter(pk__in=ids, last_error=token)
        .select_related("dossier", "agency")
        .order_by("id")
    )
    # Another worker may have taken a dossier's earlier message between our read and our
    # claim: a dossier is ours only from its first undelivered message on.
    firsts = dict(
        PortalMessage.objects.filter(dossier_id__in={m.dossier_id for m in claimed})
        .exclude(state=MessageState.SENT)
        .values("dossier_id")
        .annotate(first=Min("id"))
        .values_list("dossier_id", "first")
    )
    ours = {m.id for m in claimed}
    mine: list[PortalMessage] = []
    foreign: list[PortalMessage] = []
    for message in claimed:
        (mine if firsts.get(message.dossier_id) in ours else foreign).append(message)
    if foreign:
        _release(foreign, now)
    return mine


def _release(messages: list[PortalMessage], now: datetime.datetime) -> None:
    """Give claimed messages back untried: no attempt is counted."""
    PortalMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
        next_attempt_at=now, attempts=F("attempts") - 1, last_error=""
    )


def _body(message: PortalMessage, link: PortalDossier | None) -> dict[str, Any]:
    dossier = message.dossier
    portal_code = link.portal_code if link is not None else ""
    data = dict(message.payload)
    data["MaHoSo"] = portal_code or dossier.code or ""
    if message.service == Service.SYNC and dossier.code:
        data["SoBienNhan"] = dossier.code
    return spec.envelope(
        service=message.service,
        message_id=message.message_id,
        agency_code=message.agency.code or "",
        data=data,
        updating=bool(portal_code) or message.event_kind != EventKind.RECEIVED,
    )


def _send_batch(
    client: PortalClient, messages: list[PortalMessage], now: datetime.datetime
) -> tuple[int, int, int]:
    links = {
        link.dossier_id: link
        for link in PortalDossier.objects.filter(dossier_id__in={m.dossier_id for m in messages})
    }
    sent: list[PortalMessage] = []
    retried = failed = in_a_row = 0
    stopped: set[int] = set()  # dossiers whose earlier message failed in this batch
    untried: list[PortalMessage] = []
    for message in messages:
        if message.dossier_id in stopped or in_a_row >= DOWN_AFTER:
            untried.append(message)
            continue
        body = _body(message, links.get(message.dossier_id))
        try:
            if not body["data"]["MaHoSo"]:
                raise PortalRefusedError(_("The dossier has no code the portal knows."))
            client.send(body)
        except PortalRefusedError as error:
            stopped.add(message.dossier_id)
            _fail(message, error, now, give_up=True)
            failed += 1
            in_a_row = 0
        except PortalUnavailableError as error:
            stopped.add(message.dossier_id)
            give_up = message.attempts >= max_attempts()
            _fail(message, error, now, give_up=give_up)
            failed, retried = (failed + 1, retried) if give_up else (failed, retried + 1)
            in_a_row += 1
        else:
            sent.append(message)
            in_a_row = 0
    if untried:
        _release(untried, now)
    if sent:
        _mark_sent(sent, links)
    return len(sent), retried, failed


def _mark_sent(sent: list[PortalMessage], links: dict[int, PortalDossier]) -> None:
    moment = timezone.now()
    PortalMessage.objects.filter(pk__in=[m.pk for m in sent]).update(
        state=MessageState.SENT, sent_at=moment, last_error=""
    )
    # What the portal now holds of each dossier: the status of its last message delivered.
    last: dict[int, int] = {}
    for message in sent:
        if message.status_code is not None:
            last[message.dossier_id] = message.status_code
    by_status: dict[int, list[int]] = defaultdict(list)
    for dossier_id, status in last.items():
        by_status[status].append(dossier_id)
    for status, dossier_ids in by_status.items():
        PortalDossier.objects.filter(dossier_id__in=dossier_ids).update(
            delivered_status=status, delivered_at=moment
        )


def _fail(
    message: PortalMessage, error: Exception, now: datetime.datetime, *, give_up: bool
) -> None:
    logger.warning("Portal message %s not delivered: %s", message.message_id, error)
    PortalMessage.objects.filter(pk=message.pk).update(
        state=MessageState.FAILED if give_up else MessageState.PENDING,
        next_attempt_at=now + backoff(message.attempts),
        last_error=str(error)[:1000],
    )


def outbox_send(
    *,
    now: datetime.datetime | None = None,
    limit: int = 0,
    client: PortalClient | None = None,
    batch: int = BATCH,
) -> SendResult:
    """Send every message whose attempt is due, in batches over one kept-alive connection;
    record each outcome. `limit` (0: none) bounds the messages tried in one call."""
    sent = retried = failed = tried = 0
    own_client = client is None
    client = client or PortalClient()
    try:
        while True:
            moment = now or timezone.now()
            messages = _claim(moment, batch)
            if not messages:
                break
            batch_sent, batch_retried, batch_failed = _send_batch(client, messages, moment)
            sent, retried, failed = (
                sent + batch_sent,
                retried + batch_retried,
                failed + batch_failed,
            )
            tried += len(messages)
            if (limit and tried >= limit) or (batch_retried and not batch_sent):
                break  # the portal is down: the worker comes back after the wait
    finally:
        if own_client:
            client.close()
    if sent or retried or failed:
        with transaction.atomic():
            activity_record(
                actor=None,
                verb="portal.sent",
                changes={"sent": sent, "retried": retried, "failed": failed},
            )
    waiting = PortalMessage.objects.filter(state=MessageState.PENDING).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    return SendResult(sent=sent, retried=retried, failed=failed, next_attempt_at=waiting)
