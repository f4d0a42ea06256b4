"""Notices to citizens about their dossier: receipt, a supplement request and the result
ready, by SMS and e-mail — only when the applicant agreed at receipt
(`Dossier.applicant_notices`; Decree 13/2023/NĐ-CP on personal data) and only to the phone
and e-mail on the dossier.

`notify_citizen` is connected to `hooks.on_event` in `DossiersConfig.ready`: it runs inside
the transaction of the desk's action and only writes the notices (an `OutgoingSms` keyed by
the event, an `OutgoingMail`), so they commit or roll back with the action; after the
commit it queues the background worker, which sends them and retries what failed. Nothing
is sent inside the request.

The text is Vietnamese whatever the official's language. The SMS is unaccented and fits
one 160-character segment (see `notifications.sms`): the agency's name comes last, so a long
one is what gets cut, never the code, the date or the lookup's address; the e-mail keeps
its diacritics."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chuan.dossiers.choices import EventKind
from chuan.notifications.models import OutgoingMail
from chuan.notifications.services.sms_outbox import sms_enqueue

NOTIFIED = (EventKind.RECEIVED, EventKind.SUPPLEMENT_REQUESTED, EventKind.FINISHED)


def _texts(dossier: Any, event: Any) -> tuple[str, str]:
    """(subject, text) in Vietnamese."""
    agency = dossier.agency.name
    code = dossier.code or ""
    lookup = f"{settings.CHUAN_SITE_URL.rstrip('/')}{reverse('dossiers:lookup')}"
    if event.kind == EventKind.RECEIVED:
        due = timezone.localtime(dossier.due_at).strftime("%d/%m/%Y") if dossier.due_at else ""
        return (
            _("Dossier %(code)s received") % {"code": code},
            _("Dossier %(code)s was received. Result due %(due)s. Look it up: %(url)s %(agency)s")
            % {"agency": agency, "code": code, "due": due, "url": lookup},
        )
    if event.kind == EventKind.SUPPLEMENT_REQUESTED:
        return (
            _("Dossier %(code)s: papers to supplement") % {"code": code},
            _("Dossier %(code)s needs more papers, see the request. %(url)s %(agency)s")
            % {"agency": agency, "code": code, "url": lookup},
        )
    return (
        _("Dossier %(code)s: result ready") % {"code": code},
        _("Dossier %(code)s has its result, ready to collect. %(url)s %(agency)s")
        % {"agency": agency, "code": code, "url": lookup},
    )


def _queue_worker() -> None:
    from chuan.notifications.tasks import schedule_send, schedule_sms

    schedule_sms()
    schedule_send()


def notify_citizen(*, dossier: Any, event: Any, actor: Any = None) -> None:
    """Write the notices this event calls for (none without consent or a contact)."""
    if event.kind not in NOTIFIED or not dossier.applicant_notices or not dossier.code:
        return
    phone, email = (dossier.applicant_phone or "").strip(), (dossier.applicant_email or "").strip()
    if not phone and not email:
        return
    with translation.override("vi"):
        subject, text = _texts(dossier, event)
    written = False
    if phone:
        written = (
            sms_enqueue(key=f"dossier-event-{event.pk}", to_number=phone, text=text) is not None
        )
    if email:
        message_id = f"<dossier-event-{event.pk}@chuan>"
        if not OutgoingMail.objects.filter(message_id=message_id).exists():
            OutgoingMail.objects.create(
                to_address=email,
                subject=subject[:300],
                body_text=text,
                message_id=message_id,
                next_attempt_at=timezone.now(),
            )
            written = True
    if written:
        transaction.on_commit(_queue_worker)
