"""The daily digest: every registered provider asked once, the reminders grouped per person,
the kinds a person turned off dropped, the in-app list brought up to date, and one e-mail
per person per day written to the outbox.

Memory stays bounded whatever the number of reminders: the providers' reminders are stored
as they stream, a batch at a time, each row marked with the day it was raised; the mails
are then written for the people reminded that day, a chunk of people at a time, from those
rows. Running the digest twice the same day changes the rows' titles and flags at most and
writes no second mail (one mail per person and `digest_on`, a unique constraint).

What reminds is set by the apps that own the deadlines (QĐ 19/2014/QĐ-TTg Art. 4.4; TT
26/2014/TT-BKHCN Art. 38) through `chuan.notifications.registry`.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import make_msgid
from itertools import groupby
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from chuan.core.activity import activity_record
from chuan.notifications.models import Notification, NotificationPreference, OutgoingMail
from chuan.notifications.registry import KINDS, Reminder

logger = logging.getLogger(__name__)

# Reminders stored per transaction, and people whose mails are written per transaction.
BATCH = 1000
PEOPLE = 200
TITLE_MAX = Notification._meta.get_field("title").max_length or 300
URL_MAX = Notification._meta.get_field("url").max_length or 300


@dataclass(frozen=True)
class DigestResult:
    reminders: int  # reminders the providers gave, kinds turned off included
    stored: int  # reminders kept for the list (the kinds people turned off dropped)
    mails: int  # mails written to the outbox this run (0 on a second run the same day)


def _language(code: str) -> str:
    languages = {lang for lang, _label in settings.LANGUAGES}
    return code if code in languages else settings.LANGUAGE_CODE


def _batches(items: Iterable[Reminder], size: int) -> Iterator[list[Reminder]]:
    batch: list[Reminder] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _disabled(user_ids: set[int]) -> set[tuple[int, str]]:
    return set(
        NotificationPreference.objects.filter(user_id__in=user_ids, enabled=False).values_list(
            "user_id", "kind"
        )
    )


def _store(batch: list[Reminder], on: datetime.date) -> int:
    """Upsert one batch of reminders as notifications raised on `on`; the title rendered in
    each person's language. Returns how many were kept."""
    user_ids = {r.user_id for r in batch}
    off = _disabled(user_ids)
    languages = dict(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .values_list("pk", "language")
    )
    rows: dict[tuple[int, str], Notification] = {}
    for reminder in batch:
        if reminder.user_id not in languages or (reminder.user_id, reminder.kind) in off:
            continue
        with translation.override(_language(languages[reminder.user_id])):
            title = str(reminder.title)[:TITLE_MAX]
        # A provider naming the same thing twice keeps the last; the database would refuse
        # two rows of one key in one statement.
        rows[(reminder.user_id, reminder.key)] = Notification(
            user_id=reminder.user_id,
            kind=reminder.kind,
            key=reminder.key[:120],
            title=title,
            url=reminder.url[:URL_MAX],
            due_on=reminder.due_on,
            overdue=reminder.overdue,
            raised_on=on,
        )
    if rows:
        with transaction.atomic():
            Notification.objects.bulk_create(
                rows.values(),
                update_conflicts=True,
                unique_fields=["user", "key"],
                update_fields=["kind", "title", "url", "due_on", "overdue", "raised_on"],
            )
    return len(rows)


def _people(on: datetime.date) -> Iterator[list[Any]]:
    """The active people with an address who were reminded on `on`, a chunk at a time (by
    id, so that no chunk is read twice whatever is written meanwhile)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    reminded = Notification.objects.filter(raised_on=on).values("user_id")
    last = 0
    while True:
        chunk = list(
            users.filter(pk__gt=last, pk__in=reminded)
            .only("pk", "email", "full_name", "username", "language")
            .order_by("pk")[:PEOPLE]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _site_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.CHUAN_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def _mail_for(user: Any, items: list[Notification], on: datetime.date) -> OutgoingMail:
    """The person's digest in their language: plain text and HTML, dates dd/mm/yyyy."""
    with translation.override(_language(user.language)):
        overdue = sum(item.overdue for item in items)
        subject = ngettext(
            "Chuẩn: %(count)d reminder for %(day)s",
            "Chuẩn: %(count)d reminders for %(day)s",
            len(items),
        ) % {"count": len(items), "day": on.strftime("%d/%m/%Y")}
        if overdue:
            subject += " " + _("(%(n)d overdue)") % {"n": overdue}
        context = {
            "user": user,
            "on": on,
            "items": [
                {
                    "title": item.title,
                    "link": _site_url(item.url) if item.url else "",
                    "due_on": item.due_on.strftime("%d/%m/%Y") if item.due_on else "",
                    "overdue": item.overdue,
                    "kind": str(KINDS[item.kind].label) if item.kind in KINDS else "",
                }
                for item in items
            ],
            "list_link": _site_url("/notifications/"),
            "preferences_link": _site_url("/notifications/preferences/"),
            "language": _language(user.language),
        }
        text = render_to_string("notifications/mail/digest.txt", context)
        html = render_to_string("notifications/mail/digest.html", context)
    return OutgoingMail(
        user_id=user.pk,
        to_address=user.email,
        subject=subject[:300],
        body_text=text,
        body_html=html,
        next_attempt_at=timezone.now(),
        message_id=make_msgid(domain=_mail_domain()),
        digest_on=on,
    )


def _mail_domain() -> str:
    host = settings.CHUAN_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "chuan.local"


def _write_mails(on: datetime.date) -> int:
    written = 0
    for people in _people(on):
        by_id = {user.pk: user for user in people}
        already = set(
            OutgoingMail.objects.filter(user_id__in=by_id, digest_on=on).values_list(
                "user_id", flat=True
            )
        )
        todo = [pk for pk in by_id if pk not in already]
        if not todo:
            continue
        rows = (
            Notification.objects.filter(user_id__in=todo, raised_on=on)
            .only("user_id", "kind", "title", "url", "due_on", "overdue")
            .order_by("user_id", "-overdue", "due_on", "pk")
        )
        mails = [
            _mail_for(by_id[user_id], list(items), on)
            for user_id, items in groupby(rows, key=lambda n: n.user_id)
        ]
        with transaction.atomic():
            # Another digest of the same day running at once loses the race quietly.
            created = OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True)
        written += len(created)
    return written


def digest_build(*, on: datetime.date, actor: Any = None) -> DigestResult:
    """Ask every registered provider once for the reminders due on `on`, keep them in each
    person's list (unless they turned the kind off) and write one e-mail per person for the
    day. Idempotent within a day. `actor` is None when the schedule runs it.

    Each batch is its own transaction, so a digest of many thousand reminders never holds
    the database's write lock for long; a run interrupted half-way is finished by the next
    one (the rows are upserts, the mails one per day)."""
    given = stored = 0
    for kind in list(KINDS.values()):
        try:
            for batch in _batches(kind.provider(on), BATCH):
                given += len(batch)
                stored += _store(batch, on)
        except Exception:
            # One app's broken provider must not keep everybody else's reminders back.
            logger.exception("Reminder provider %s failed", kind.code)
    mails = _write_mails(on)
    with transaction.atomic():
        activity_record(
            actor=actor,
            verb="digest.built",
            changes={"day": on, "reminders": stored, "mails": mails},
        )
    return DigestResult(reminders=given, stored=stored, mails=mails)
