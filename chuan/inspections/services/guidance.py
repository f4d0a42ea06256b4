"""Writes of DOST's guidance to agencies (QĐ 19/2014/QĐ-TTg Art. 12: DOST guides the
agencies of its province on building, applying and maintaining their QMS).

A letter is drafted with its files, published to its audience (one receipt per agency, in
one bulk insert) and may be withdrawn with a reason; an official acknowledges it for the
agency. An agency asks questions in threads; DOST answers, and may publish an answer,
rewritten without the agency's identity, as a FAQ entry of the province. Each write runs in
one transaction, records one activity entry naming the actor, and refuses with a reason,
changing nothing.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name
from chuan.core.text import fold
from chuan.inspections.guidance_permissions import (
    can_acknowledge,
    can_ask,
    can_publish_guidance,
    user_agency_id,
)
from chuan.inspections.guidance_rules import letter_check, names_agency
from chuan.inspections.guidance_states import (
    FileRole,
    LetterState,
    QuestionState,
    letter_next,
    question_next,
)
from chuan.inspections.models import (
    GuidanceFaq,
    GuidanceFile,
    GuidanceLetter,
    GuidanceMessage,
    GuidanceQuestion,
    GuidanceReceipt,
)
from chuan.inspections.selectors.guidance import agency_province_id, audience_agencies
from chuan.organisations.models import AdministrativeUnit, Agency

# What a letter's files and a message's attachment may be (checked by content).
LETTER_FILE_KINDS = ("pdf", "docx", "xlsx")
MESSAGE_FILE_KINDS = ("pdf", "docx", "xlsx", "png", "jpg")
MAX_FILES = 10
TEXT_MAX = 20_000
# QĐ 19/2014 sets no time; five working days is the province's usual reply time for a
# guidance request, and the reminders use it.
REMIND_AFTER_WORKING_DAYS = 5


@dataclass
class LetterData:
    number: str
    issued_on: datetime.date
    title: str
    summary: str = ""
    audience_level: str = ""
    audience_kind: str = ""
    # (role, title, upload): the signed letter and the templates.
    files: list[tuple[str, str, UploadedFile]] = field(default_factory=list)


def _check_files(files: list[tuple[str, str, UploadedFile]], *, field_name: str) -> list[str]:
    """Check every upload (size first, then content) before anything is stored."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            {field_name: [_("At most %(count)s files per letter.") % {"count": MAX_FILES}]}
        )
    names = []
    for role, _title, upload in files:
        if role not in FileRole.values:
            raise ValidationError({field_name: [_("Choose what the file is.")]})
        names.append(checked_upload_name(upload, kinds=LETTER_FILE_KINDS, field=field_name))
    return names


def _store_files(
    letter: GuidanceLetter, files: list[tuple[str, str, UploadedFile]], names: list[str]
) -> None:
    for (role, title, upload), name in zip(files, names, strict=True):
        item = GuidanceFile(letter=letter, role=role, title=(title or name)[:255])
        item.file.save(name, upload, save=False)
        item.save()


def guidance_create(
    *, province: AdministrativeUnit, data: LetterData, actor: Any
) -> GuidanceLetter:
    """Draft a guidance letter of `province` with its files (each checked before any is
    stored)."""
    if not can_publish_guidance(actor, province.pk):
        raise PermissionDenied(_("Only DOST of the province publishes its guidance."))
    letter_check(data)
    names = _check_files(data.files, field_name="files")
    with transaction.atomic():
        letter = GuidanceLetter.objects.create(
            province=province,
            number=data.number.strip(),
            issued_on=data.issued_on,
            title=data.title.strip(),
            summary=data.summary.strip(),
            audience_level=data.audience_level,
            audience_kind=data.audience_kind,
            created_by=actor,
            search_text=fold(f"{data.number} {data.title}")[:600],
        )
        _store_files(letter, data.files, names)
        activity_record(
            actor=actor,
            verb="guidance_letter.created",
            target=letter,
            changes={"number": letter.number, "files": len(names)},
        )
    return letter


def guidance_file_add(
    *, letter: GuidanceLetter, role: str, title: str, upload: UploadedFile, actor: Any
) -> GuidanceFile:
    """Add a file (the letter or a template) to a draft."""
    if not can_publish_guidance(actor, letter.province_id):
        raise PermissionDenied(_("Only DOST of the province publishes its guidance."))
    names = _check_files([(role, title, upload)], field_name="file")
    with transaction.atomic():
        locked = GuidanceLetter.objects.select_for_update().get(pk=letter.pk)
        if letter_next(locked.state, "edit") is None:
            raise ConflictError(_("A published letter's files no longer change."))
        if locked.files.count() >= MAX_FILES:
            raise ValidationError(
                {"file": [_("At most %(count)s files per letter.") % {"count": MAX_FILES}]}
            )
        _store_files(locked, [(role, title, upload)], names)
        item = locked.files.order_by("-id").first()
        activity_record(
            actor=actor,
            verb="guidance_letter.file_added",
            target=locked,
            changes={"role": role},
        )
    assert item is not None
    return item


def guidance_publish(*, letter: GuidanceLetter, actor: Any) -> int:
    """Publish a draft to its audience: one receipt per agency, in one bulk insert. Returns
    how many agencies it reached; refused when the audience is empty."""
    if not can_publish_guidance(actor, letter.province_id):
        raise PermissionDenied(_("Only DOST of the province publishes its guidance."))
    with transaction.atomic():
        locked = GuidanceLetter.objects.select_for_update().get(pk=letter.pk)
        target = letter_next(locked.state, "publish")
        if target is None:
            raise ConflictError(_("Only a draft letter can be published."))
        if not locked.files.filter(role=FileRole.LETTER).exists():
            raise ValidationError({"files": [_("Attach the signed letter before publishing.")]})
        # DOST does not send its letter to itself: the publisher's own agency is left out.
        own_agency_id = (user_agency_id(actor) if actor is not None else None) or 0
        agency_ids = list(
            audience_agencies(
                province_id=locked.province_id,
                level=locked.audience_level,
                kind=locked.audience_kind,
            )
            .exclude(pk=own_agency_id)
            .values_list("pk", flat=True)
        )
        if not agency_ids:
            raise ValidationError(
                {"audience_kind": [_("No agency of the province is in this audience.")]}
            )
        GuidanceReceipt.objects.bulk_create(
            [GuidanceReceipt(letter=locked, agency_id=pk) for pk in agency_ids], batch_size=500
        )
        locked.state = target
        locked.published_at = timezone.now()
        locked.save(update_fields=["state", "published_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="guidance_letter.published",
            target=locked,
            changes={"state": target, "agencies": len(agency_ids)},
        )
    letter.state, letter.published_at = locked.state, locked.published_at
    return len(agency_ids)


def guidance_withdraw(*, letter: GuidanceLetter, reason: str, actor: Any) -> GuidanceLetter:
    """Withdraw a published letter, saying why; its acknowledgements are kept."""
    if not can_publish_guidance(actor, letter.province_id):
        raise PermissionDenied(_("Only DOST of the province publishes its guidance."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the letter is withdrawn.")]})
    if len(reason) > 1000:
        raise ValidationError({"reason": [_("At most 1,000 characters.")]})
    with transaction.atomic():
        locked = GuidanceLetter.objects.select_for_update().get(pk=letter.pk)
        target = letter_next(locked.state, "withdraw")
        if target is None:
            raise ConflictError(_("Only a published letter can be withdrawn."))
        locked.state = target
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason
        locked.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
        activity_record(
            actor=actor,
            verb="guidance_letter.withdrawn",
            target=locked,
            changes={"state": target, "withdrawn_reason": reason},
        )
    return locked


def guidance_acknowledge(*, letter: GuidanceLetter, actor: Any) -> GuidanceReceipt:
    """The actor acknowledges the letter for their agency. Once is enough: a second
    acknowledgement changes nothing and returns the first."""
    agency_id = user_agency_id(actor)
    if agency_id is None or not can_acknowledge(actor, agency_id):
        raise PermissionDenied(_("Only an official of an agency the letter was sent to."))
    with transaction.atomic():
        receipt = (
            GuidanceReceipt.objects.select_for_update()
            .select_related("letter")
            .filter(letter_id=letter.pk, agency_id=agency_id)
            .first()
        )
        if receipt is None:
            raise PermissionDenied(_("Only an official of an agency the letter was sent to."))
        if letter_next(receipt.letter.state, "acknowledge") is None:
            raise ConflictError(_("The letter was withdrawn; there is nothing to acknowledge."))
        if receipt.acknowledged_at is not None:
            return receipt
        receipt.acknowledged_at = timezone.now()
        receipt.acknowledged_by = actor
        receipt.save(update_fields=["acknowledged_at", "acknowledged_by"])
        activity_record(
            actor=actor,
            verb="guidance_letter.acknowledged",
            target=receipt.letter,
            agency_id=agency_id,
            changes={"number": receipt.letter.number},
        )
    return receipt


def _message_clean(text: str, upload: UploadedFile | None) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the message.")]})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": [_("At most 20,000 characters.")]})
    return checked_upload_name(upload, kinds=MESSAGE_FILE_KINDS) if upload else ""


def _message(
    question: GuidanceQuestion, *, text: str, upload: Any, name: str, from_dost: bool, actor: Any
) -> GuidanceMessage:
    message = GuidanceMessage(
        question=question,
        author=actor,
        from_dost=from_dost,
        text=text,
        sent_at=timezone.now(),
    )
    if upload:
        message.file.save(name, upload, save=False)
    message.save()
    return message


def question_ask(
    *, agency: Agency, subject: str, text: str, actor: Any, upload: UploadedFile | None = None
) -> GuidanceQuestion:
    """An agency's leader or ISO secretary asks its province's DOST a question."""
    if not can_ask(actor, agency.pk):
        raise PermissionDenied(_("Only the agency's leaders and ISO secretary ask DOST."))
    subject = subject.strip()
    if not subject:
        raise ValidationError({"subject": [_("Enter the subject.")]})
    if len(subject) > 255:
        raise ValidationError({"subject": [_("At most 255 characters.")]})
    name = _message_clean(text, upload)
    with transaction.atomic():
        now = timezone.now()
        question = GuidanceQuestion.objects.create(
            province_id=agency_province_id(agency),
            agency=agency,
            subject=subject,
            asked_by=actor,
            awaiting_since=now,
        )
        _message(
            question, text=text.strip(), upload=upload, name=name, from_dost=False, actor=actor
        )
        activity_record(
            actor=actor,
            verb="guidance_question.asked",
            target=question,
            agency_id=agency.pk,
            changes={"subject": subject},
        )
    return question


def _side(question: GuidanceQuestion, actor: Any) -> str:
    """Whether the actor writes for the asking agency or for DOST; refused otherwise."""
    if actor is not None and user_agency_id(actor) == question.agency_id:
        if can_ask(actor, question.agency_id):
            return "agency"
    elif can_publish_guidance(actor, question.province_id):
        return "dost"
    raise PermissionDenied(_("Only the asking agency and DOST of the province write here."))


def question_reply(
    *, question: GuidanceQuestion, text: str, actor: Any, upload: UploadedFile | None = None
) -> GuidanceMessage:
    """A message in the thread: DOST's answers it, the agency's follow-up asks again."""
    side = _side(question, actor)
    name = _message_clean(text, upload)
    with transaction.atomic():
        locked = GuidanceQuestion.objects.select_for_update().get(pk=question.pk)
        action = "answer" if side == "dost" else "follow_up"
        target = question_next(locked.state, action)
        if target is None:
            raise ConflictError(_("The question is closed; ask a new one."))
        now = timezone.now()
        message = _message(
            locked,
            text=text.strip(),
            upload=upload,
            name=name,
            from_dost=side == "dost",
            actor=actor,
        )
        locked.state = target
        if side == "dost":
            locked.answered_at = now
            locked.awaiting_since = None
        elif locked.awaiting_since is None:
            locked.awaiting_since = now
        locked.save(update_fields=["state", "answered_at", "awaiting_since", "updated_at"])
        activity_record(
            actor=actor,
            verb="guidance_question.answered"
            if side == "dost"
            else "guidance_question.followed_up",
            target=locked,
            agency_id=locked.agency_id,
            changes={"state": target},
        )
    question.state = locked.state
    return message


def question_close(*, question: GuidanceQuestion, actor: Any) -> GuidanceQuestion:
    """Either side closes the thread."""
    _side(question, actor)
    with transaction.atomic():
        locked = GuidanceQuestion.objects.select_for_update().get(pk=question.pk)
        target = question_next(locked.state, "close")
        if target is None:
            raise ConflictError(_("The question is already closed."))
        locked.state = target
        locked.closed_at = timezone.now()
        locked.awaiting_since = None
        locked.save(update_fields=["state", "closed_at", "awaiting_since", "updated_at"])
        activity_record(
            actor=actor,
            verb="guidance_question.closed",
            target=locked,
            agency_id=locked.agency_id,
            changes={"state": target},
        )
    return locked


def faq_publish(
    *, question: GuidanceQuestion, question_text: str, answer_text: str, actor: Any
) -> GuidanceFaq:
    """Publish an answered question, rewritten without the asking agency's identity, as a
    FAQ entry every agency of the province reads."""
    if not can_publish_guidance(actor, question.province_id):
        raise PermissionDenied(_("Only DOST of the province publishes its guidance."))
    errors: dict[str, list[str]] = {}
    for key, text in (("question_text", question_text), ("answer_text", answer_text)):
        if not text.strip():
            errors[key] = [_("This field is required.")]
        elif len(text) > TEXT_MAX:
            errors[key] = [_("At most 20,000 characters.")]
        elif names_agency(text, question.agency):
            errors[key] = [_("Rewrite it without the agency's name: the FAQ is anonymous.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = GuidanceQuestion.objects.select_for_update().get(pk=question.pk)
        if question_next(locked.state, "publish_faq") is None:
            raise ConflictError(_("Only an answered question can become a FAQ entry."))
        if GuidanceFaq.objects.filter(source=locked).exists():
            raise ConflictError(_("This question is already in the FAQ."))
        faq = GuidanceFaq.objects.create(
            province_id=locked.province_id,
            source=locked,
            question=question_text.strip(),
            answer=answer_text.strip(),
            published_by=actor,
            published_at=timezone.now(),
            search_text=fold(f"{question_text} {answer_text}"),
        )
        activity_record(
            actor=actor,
            verb="guidance_faq.published",
            target=faq,
            changes={"question": faq.question[:200]},
        )
    return faq


def register_activity_labels() -> None:
    """Labels of the activity this module records (called by InspectionsConfig.ready)."""
    register_verb_labels(
        {
            "guidance_letter.created": gettext_lazy("Drafted a guidance letter"),
            "guidance_letter.file_added": gettext_lazy("Added a file to a guidance letter"),
            "guidance_letter.published": gettext_lazy("Published a guidance letter"),
            "guidance_letter.withdrawn": gettext_lazy("Withdrew a guidance letter"),
            "guidance_letter.acknowledged": gettext_lazy("Acknowledged a guidance letter"),
            "guidance_question.asked": gettext_lazy("Asked DOST a question"),
            "guidance_question.answered": gettext_lazy("Answered a question"),
            "guidance_question.followed_up": gettext_lazy("Followed up a question"),
            "guidance_question.closed": gettext_lazy("Closed a question"),
            "guidance_faq.published": gettext_lazy("Published a FAQ entry"),
        }
    )
    register_field_labels(
        {
            "number": gettext_lazy("Number"),
            "files": gettext_lazy("Files"),
            "role": gettext_lazy("File"),
            "state": gettext_lazy("State"),
            "agencies": gettext_lazy("Agencies reached"),
            "withdrawn_reason": gettext_lazy("Reason for withdrawal"),
        },
        entity="guidance_letter",
    )
    register_value_labels("state", LetterState, entity="guidance_letter")
    register_value_labels("role", FileRole, entity="guidance_letter")
    register_field_labels(
        {"subject": gettext_lazy("Subject"), "state": gettext_lazy("State")},
        entity="guidance_question",
    )
    register_value_labels("state", QuestionState, entity="guidance_question")
    register_field_labels({"question": gettext_lazy("Question")}, entity="guidance_faq")


def register_reminders() -> None:
    """Register "guidance_unread" (an agency's leaders and ISO secretary, for a letter not
    acknowledged after five working days) and "guidance_unanswered" (DOST's coordinators,
    for a question not answered after five working days)."""
    from chuan.inspections.guidance_reminders import (
        unanswered_reminders,
        unread_reminders,
    )
    from chuan.notifications.registry import register_reminders as register

    register(
        "guidance_unread",
        gettext_lazy("Guidance letters not acknowledged"),
        unread_reminders,
    )
    register(
        "guidance_unanswered",
        gettext_lazy("Agencies' questions not answered"),
        unanswered_reminders,
    )
