"""Writes of the QMS roll-out: recording lifecycle events and setting targets."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.accounts.roles import Scope, user_scope
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.files import checked_upload_name
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.rollout import lifecycle
from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition
from chuan.rollout.models import QmsEvent, Target


@dataclass
class EventData:
    """A lifecycle event as a screen, the API or an import row supplies it."""

    kind: str
    occurred_on: datetime.date
    decision_number: str = ""
    decision_date: datetime.date | None = None
    signer: str = ""
    iso_edition: str = ""
    scope: str = ""
    consultant: str = ""
    note: str = ""


def _history(agency: Agency) -> list[lifecycle.Event]:
    return [
        lifecycle.Event(e.kind, e.occurred_on, e.decision_number, e.decision_date)
        for e in QmsEvent.objects.in_force()
        .filter(agency=agency)
        .only("kind", "occurred_on", "decision_number", "decision_date")
    ]


def event_check(
    *, agency: Agency, data: EventData, history: list[lifecycle.Event] | None = None
) -> None:
    """Raise ValidationError (by field) unless `data` may follow the agency's history."""
    errors: dict[str, str] = {}
    if data.kind not in EventKind.values:
        errors["kind"] = _("Choose what happened.")
    if data.iso_edition and data.iso_edition not in IsoEdition.values:
        errors["iso_edition"] = _("Choose TCVN ISO 9001:2008 or 2015.")
    if data.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("An event cannot be dated in the future.")
    elif agency.valid_from and data.occurred_on < agency.valid_from:
        errors["occurred_on"] = _("The agency did not exist yet on that date.")
    elif agency.valid_to and data.occurred_on > agency.valid_to:
        errors["occurred_on"] = _("The agency no longer existed on that date.")
    if not errors:
        event = lifecycle.Event(
            data.kind, data.occurred_on, data.decision_number, data.decision_date
        )
        errors.update(
            lifecycle.check_next(history if history is not None else _history(agency), event)
        )
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})


INSPECTION_KINDS = frozenset({EventKind.APPLYING_CONFIRMED, EventKind.LAPSED})


def may_record_findings(actor: Any) -> bool:
    """Whether `actor` may record inspection findings: province-wide roles, or the system."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return actor is None
    return user_scope(actor) in {Scope.PROVINCE, Scope.ALL}


def event_record(
    *, agency: Agency, data: EventData, file: UploadedFile | None = None, actor: Any
) -> QmsEvent:
    """Add an event to the agency's QMS history after checking it against the lifecycle.

    Confirming that a QMS is applied, or that it lapsed, is the province's finding after an
    inspection (QĐ 19/2014/QĐ-TTg): an agency cannot record it about itself.
    """
    if data.kind in INSPECTION_KINDS and not may_record_findings(actor):
        raise ValidationError(
            {"kind": [_("Only the province's coordinators and inspectors record this.")]}
        )
    with transaction.atomic():
        # Lock the agency row so two people recording at once cannot both pass the checks.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        event_check(agency=agency, data=data)
        event = QmsEvent.objects.create(
            agency=agency,
            kind=data.kind,
            occurred_on=data.occurred_on,
            decision_number=data.decision_number.strip(),
            decision_date=data.decision_date,
            signer=data.signer.strip(),
            iso_edition=data.iso_edition,
            scope=data.scope.strip(),
            consultant=data.consultant.strip(),
            note=data.note.strip(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if file is not None:
            event.file.save(file.name or "quyet-dinh", file, save=True)
        activity_record(
            actor=actor,
            verb="qms_event.recorded",
            target=event,
            agency_id=agency.pk,
            changes={
                "kind": data.kind,
                "occurred_on": data.occurred_on,
                "decision_number": data.decision_number,
            },
        )
    return event


def event_withdraw(*, event: QmsEvent, reason: str, actor: Any) -> QmsEvent:
    """Withdraw an event recorded by mistake; it stays in the history, struck through.

    Only the agency's latest event in force can be withdrawn, so that the events after it
    never lose the step they rested on; withdrawing an inspection finding takes a
    province-wide role, as recording one does.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [_("Say why the event is withdrawn.")]})
    if event.kind in INSPECTION_KINDS and not may_record_findings(actor):
        raise ValidationError(
            {"kind": [_("Only the province's coordinators and inspectors record this.")]}
        )
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=event.agency_id).first()
        latest = (
            QmsEvent.objects.in_force()
            .filter(agency_id=event.agency_id)
            .order_by("-occurred_on", "-id")
            .first()
        )
        if event.withdrawn_at is not None or latest is None or latest.pk != event.pk:
            raise ConflictError(_("Only the latest event in force can be withdrawn."))
        event.withdrawn_at = timezone.now()
        event.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
        event.withdrawal_reason = reason[:500]
        event.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        activity_record(
            actor=actor,
            verb="qms_event.withdrawn",
            target=event,
            agency_id=event.agency_id,
            changes={"kind": event.kind, "occurred_on": event.occurred_on, "reason": reason},
        )
    return event


def target_create(
    *,
    decision_number: str,
    decision_date: datetime.date,
    province: AdministrativeUnit,
    level: str,
    percent: Decimal,
    deadline: datetime.date,
    note: str = "",
    actor: Any,
) -> Target:
    """Record a target the province set for its agencies' QMS."""
    errors: dict[str, list[str]] = {}
    if not decision_number.strip():
        errors["decision_number"] = [_("Enter the number of the decision.")]
    if province.level != "province":
        errors["province"] = [_("A target is set for a province.")]
    if level not in CoverageLevel.values:
        errors["level"] = [_("Choose the level the target applies to.")]
    if not Decimal(0) <= percent <= Decimal(100):
        errors["percent"] = [_("The percentage must be between 0 and 100.")]
    if deadline < decision_date:
        errors["deadline"] = [_("The deadline cannot be before the decision.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        target = Target.objects.create(
            decision_number=decision_number.strip(),
            decision_date=decision_date,
            province=province,
            level=level,
            percent=percent,
            deadline=deadline,
            note=note.strip(),
        )
        activity_record(
            actor=actor,
            verb="target.created",
            target=target,
            changes={
                "decision_number": target.decision_number,
                "level": level,
                "percent": str(percent),
                "deadline": deadline,
            },
        )
    return target


# --- Decision files ---------------------------------------------------------------------------

DECISION_FILE_KINDS = ("pdf", "docx", "png", "jpg")


def decision_file_check(file: UploadedFile) -> str:
    """Check a decision file by its content and size; return the name to store it under.
    Raise ValidationError on `file`."""
    return checked_upload_name(file, kinds=DECISION_FILE_KINDS)
