"""Writes of the feedback register (Decree 20/2008/NĐ-CP Art. 9, 14, 19): receiving a
feedback (recorded by an official, or sent by the citizen from the lookup page), classifying
it, assigning it, forwarding it to the competent agency, replying and publishing the reply.

Each write runs in one transaction and leaves one activity entry naming the actor (none for
the citizen's own form). Deadlines are counted on the province's working calendar."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.text import fold
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import normalised_phone
from chuan.feedback import rules
from chuan.feedback.choices import Channel, Classification, ContentType, State
from chuan.feedback.models import Feedback, FeedbackSequence
from chuan.feedback.permissions import may_manage, may_reply, may_view
from chuan.organisations.models import Agency
from chuan.procedures.models import Procedure

MAX_CONTENT = 4000
MAX_REPLY = 8000


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "feedback.received": gettext_lazy("Registered a citizen's feedback"),
            "feedback.classified": gettext_lazy("Classified a feedback"),
            "feedback.assigned": gettext_lazy("Assigned a feedback"),
            "feedback.forwarded": gettext_lazy("Forwarded a feedback"),
            "feedback.replied": gettext_lazy("Replied to a feedback"),
            "feedback.published": gettext_lazy("Published a feedback's reply"),
        }
    )
    register_field_labels(
        {
            "code": gettext_lazy("Feedback code"),
            "channel": gettext_lazy("Channel"),
            "content_type": gettext_lazy("Content type"),
            "classification": gettext_lazy("Classification"),
            "state": gettext_lazy("State"),
            "assignee": gettext_lazy("Assignee"),
            "forwarded_to": gettext_lazy("Forwarded to"),
            "reply_due_at": pgettext_lazy("feedback", "Reply due"),
            "dossier": gettext_lazy("Dossier"),
        },
        entity="feedback",
    )
    register_value_labels("channel", Channel, entity="feedback")
    register_value_labels("content_type", ContentType, entity="feedback")
    register_value_labels("classification", Classification, entity="feedback")
    register_value_labels("state", State, entity="feedback")


def reply_days() -> int:
    """The working days an agency has to reply: `CHUAN_FEEDBACK_REPLY_DAYS` (10 by
    default, as Ninh Bình's 2025 regulation sets), bounded to 1–60."""
    raw = getattr(settings, "CHUAN_FEEDBACK_REPLY_DAYS", rules.DEFAULT_REPLY_DAYS)
    try:
        days = int(raw)
    except (TypeError, ValueError):
        days = rules.DEFAULT_REPLY_DAYS
    return max(1, min(days, 60))


@dataclass
class FeedbackData:
    """What the register records of a feedback when it arrives."""

    channel: str
    sender_name: str
    content_type: str
    content: str
    sender_phone: str = ""
    sender_email: str = ""
    sender_address: str = ""
    procedure: Procedure | None = None
    dossier: Dossier | None = None
    official: Any = None


def _clean(data: FeedbackData, agency: Agency) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = " ".join((data.sender_name or "").split())
    content = (data.content or "").strip()
    if not name:
        errors["sender_name"] = _("Give the sender's name.")
    elif len(name) > 200:
        errors["sender_name"] = _("Keep the name under 200 characters.")
    if not content:
        errors["content"] = _("Say what the feedback is about.")
    elif len(content) > MAX_CONTENT:
        errors["content"] = _("Keep the content under 4,000 characters.")
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose how the feedback arrived.")
    if data.content_type not in ContentType.values:
        errors["content_type"] = _("Choose what the feedback is about.")
    phone = ""
    if (data.sender_phone or "").strip():
        phone = normalised_phone(data.sender_phone) or ""
        if not phone:
            errors["sender_phone"] = _("Give a Vietnamese phone number, e.g. 0905 123 456.")
    email = (data.sender_email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["sender_email"] = _("This email address is not valid.")
    if len(email) > 254:
        errors["sender_email"] = _("This email address is not valid.")
    address = " ".join((data.sender_address or "").split())
    if len(address) > 300:
        errors["sender_address"] = _("Keep the address under 300 characters.")
    # NĐ 20/2008 Art. 7: the sender's name, address and phone, so that the reply reaches them.
    if not (phone or email or address) and "sender_phone" not in errors:
        errors["sender_phone"] = _("Give a phone number, an e-mail or an address for the reply.")
    if data.dossier is not None and data.dossier.agency_id != agency.pk:
        errors["dossier"] = _("This dossier was received by another agency.")
    if (
        data.official is not None
        and not data.official.memberships.filter(agency_id=agency.pk).exists()
    ):
        errors["official"] = _("This official does not work at the agency.")
    if errors:
        raise ValidationError(errors)
    return {
        "channel": data.channel,
        "sender_name": name,
        "sender_phone": phone,
        "sender_email": email,
        "sender_address": address,
        "content_type": data.content_type,
        "content": content,
        "procedure": data.procedure
        or (data.dossier.version.procedure if data.dossier is not None else None),
        "dossier": data.dossier,
        "official": data.official,
    }


def _next_code(agency: Agency, year: int) -> str:
    FeedbackSequence.objects.get_or_create(agency=agency, year=year)
    sequence = FeedbackSequence.objects.select_for_update().get(agency=agency, year=year)
    sequence.last = F("last") + 1
    sequence.save(update_fields=["last"])
    sequence.refresh_from_db(fields=["last"])
    return f"PAKN-{year % 100:02d}-{sequence.last:05d}"


def _search_text(values: dict[str, Any], code: str) -> str:
    dossier = values["dossier"]
    parts = (code, values["sender_name"], dossier.code if dossier else "", values["content"][:300])
    return f" {fold(' '.join(p or '' for p in parts))} "


def _create(
    *, agency: Agency, data: FeedbackData, actor: Any, at: datetime.datetime | None
) -> Feedback:
    values = _clean(data, agency)
    received_at = at or timezone.now()
    calendar = working_calendar(agency_province_id(agency))
    reply_due_at = rules.reply_due(calendar, received_at, reply_days())
    with transaction.atomic():
        code = _next_code(agency, timezone.localtime(received_at).year)
        feedback = Feedback.objects.create(
            agency=agency,
            code=code,
            received_at=received_at,
            received_by=actor if getattr(actor, "is_authenticated", False) else None,
            forward_due_at=rules.forward_due(calendar, received_at),
            reply_due_at=reply_due_at,
            due_at=reply_due_at,
            search_text=_search_text(values, code),
            **values,
        )
        activity_record(
            actor=actor,
            verb="feedback.received",
            target=feedback,
            agency_id=agency.pk,
            changes={
                "code": code,
                "channel": feedback.channel,
                "content_type": feedback.content_type,
                "reply_due_at": reply_due_at,
                "dossier": feedback.dossier.code if feedback.dossier else "",
            },
        )
    return feedback


def feedback_receive(
    *, agency: Agency, data: FeedbackData, actor: Any, at: datetime.datetime | None = None
) -> Feedback:
    """Enter a feedback an official received (at the desk, by post, e-mail, telephone…)
    in the agency's register; `at` records one received earlier."""
    if not may_manage(actor, agency.pk):
        raise ForbiddenError(_("You may not register feedback for this agency."))
    if data.channel == Channel.PUBLIC_FORM:
        raise ValidationError({"channel": _("Choose how the feedback arrived.")})
    if at is not None and at > timezone.now():
        raise ValidationError({"received_at": _("The time of receipt cannot be in the future.")})
    return _create(agency=agency, data=data, actor=actor, at=at)


def feedback_submit(*, agency: Agency, data: FeedbackData) -> Feedback:
    """The citizen's own feedback from the lookup page (no account): registered at once."""
    data.channel = Channel.PUBLIC_FORM
    data.official = None
    return _create(agency=agency, data=data, actor=None, at=None)


def _locked(feedback: Feedback, action: str, classification: str | None = None) -> Feedback:
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    target = rules.next_state(
        action, locked.state, locked.classification if classification is None else classification
    )
    if target is None:
        raise ConflictError(
            _("This cannot be done to a feedback that is %(state)s.")
            % {"state": str(State(locked.state).label).lower()}
        )
    return locked


def _record(feedback: Feedback, verb: str, actor: Any, **changes: Any) -> None:
    activity_record(
        actor=actor,
        verb=f"feedback.{verb}",
        target=feedback,
        agency_id=feedback.agency_id,
        changes={"code": feedback.code, "state": feedback.state, **changes},
    )


def _require_manager(feedback: Feedback, actor: Any) -> None:
    if not may_manage(actor, feedback.agency_id):
        raise ForbiddenError(_("Only the desk, the ISO secretary and the leaders do this."))


def feedback_classify(
    *, feedback: Feedback, classification: str, note: str = "", actor: Any
) -> Feedback:
    """Classify (Art. 9.4): not accepted (closed, with the reason), conduct of an agency
    or official, within the agency's competence, or outside it (to forward within 5 working
    days of receipt). The deadline that runs follows."""
    _require_manager(feedback, actor)
    if classification not in Classification.values:
        raise ValidationError({"classification": _("Choose a classification.")})
    note = (note or "").strip()
    if classification == Classification.NOT_ACCEPTED and not note:
        raise ValidationError({"note": _("Say why the feedback is not accepted.")})
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep the reason under 2,000 characters.")})
    with transaction.atomic():
        locked = _locked(feedback, "classify", classification)
        locked.state = rules.next_state("classify", locked.state, classification) or locked.state
        locked.classification = classification
        locked.classification_note = note
        locked.classified_at = timezone.now()
        locked.due_at = rules.due_after_classifying(
            classification, locked.forward_due_at, locked.reply_due_at
        )
        locked.save(
            update_fields=[
                "state",
                "classification",
                "classification_note",
                "classified_at",
                "due_at",
            ]
        )
        _record(locked, "classified", actor, classification=classification)
    return locked


def feedback_assign(*, feedback: Feedback, assignee: Any, actor: Any) -> Feedback:
    """Give the feedback to the official who drafts the reply."""
    _require_manager(feedback, actor)
    if assignee is None or not may_view(assignee, feedback.agency_id):
        raise ValidationError({"assignee": _("Choose an official of the agency.")})
    with transaction.atomic():
        locked = _locked(feedback, "assign")
        locked.assignee = assignee
        locked.save(update_fields=["assignee"])
        _record(locked, "assigned", actor, assignee=assignee.get_full_name() or assignee.username)
    return locked


def feedback_forward(
    *,
    feedback: Feedback,
    forwarded_to: str,
    reference: str = "",
    actor: Any,
    at: datetime.datetime | None = None,
) -> Feedback:
    """Record that the feedback went to the competent agency (Art. 9.4), with the letter's
    number; late forwarding is recorded as it happened (the register shows it late)."""
    _require_manager(feedback, actor)
    forwarded_to = " ".join((forwarded_to or "").split())
    reference = (reference or "").strip()
    if not forwarded_to:
        raise ValidationError({"forwarded_to": _("Name the agency it is forwarded to.")})
    if len(forwarded_to) > 300:
        raise ValidationError({"forwarded_to": _("Keep the name under 300 characters.")})
    if len(reference) > 100:
        raise ValidationError({"reference": _("Keep the reference under 100 characters.")})
    moment = at or timezone.now()
    with transaction.atomic():
        locked = _locked(feedback, "forward")
        if moment < locked.received_at or moment > timezone.now():
            raise ValidationError({"at": _("The forwarding date must be after receipt.")})
        locked.state = State.FORWARDED
        locked.forwarded_to = forwarded_to
        locked.forward_reference = reference
        locked.forwarded_at = moment
        locked.due_at = None
        locked.save(
            update_fields=["state", "forwarded_to", "forward_reference", "forwarded_at", "due_at"]
        )
        _record(locked, "forwarded", actor, forwarded_to=forwarded_to)
    return locked


def feedback_reply(*, feedback: Feedback, reply: str, actor: Any) -> Feedback:
    """The agency's answer to the sender (Art. 14)."""
    if not may_reply(actor, feedback):
        raise ForbiddenError(_("Only the assignee or the desk's managers reply."))
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("Write the reply.")})
    if len(reply) > MAX_REPLY:
        raise ValidationError({"reply": _("Keep the reply under 8,000 characters.")})
    with transaction.atomic():
        locked = _locked(feedback, "reply")
        locked.state = State.REPLIED
        locked.reply = reply
        locked.replied_at = timezone.now()
        locked.replied_by = actor
        locked.due_at = None
        locked.save(update_fields=["state", "reply", "replied_at", "replied_by", "due_at"])
        _record(locked, "replied", actor)
    return locked


def feedback_publish(*, feedback: Feedback, summary: str = "", actor: Any) -> Feedback:
    """Publish the reply on the agency's public page (Art. 19), with a summary of the
    feedback that names no one (the sender's own words by default)."""
    _require_manager(feedback, actor)
    summary = (summary or "").strip()
    if len(summary) > MAX_CONTENT:
        raise ValidationError({"summary": _("Keep the summary under 4,000 characters.")})
    with transaction.atomic():
        locked = _locked(feedback, "publish")
        locked.state = State.PUBLISHED
        locked.public_summary = summary or locked.content
        locked.published_at = timezone.now()
        locked.save(update_fields=["state", "public_summary", "published_at"])
        _record(locked, "published", actor)
    return locked
