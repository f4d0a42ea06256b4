"""Writes of the one-stop desk. Every action locks the dossier, checks the transition table,
changes it in one transaction, records a dossier event (what its slips print from), keeps
the daily figures and leaves an activity entry naming the actor.

Legal basis: Decree 118/2025/NĐ-CP (receipt, supplement once and in full, apology and new
date before the due date, stop and withdrawal) and Circular 03/2025/TT-VPCP (forms, dossier
code); times are counted by `chuan.core.working_time`.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.core.text import fold
from chuan.core.working_time import WorkingCalendar
from chuan.dossiers import rules
from chuan.dossiers.choices import (
    Channel,
    EventKind,
    NotReceivedKind,
    Result,
    ReturnMethod,
    Satisfaction,
    Status,
)
from chuan.dossiers.models import (
    DailyFigure,
    Dossier,
    DossierEvent,
    DossierStep,
    MonthlyFigure,
    ReceivedComponent,
)
from chuan.dossiers.permissions import may_process, may_receive
from chuan.dossiers.transitions import TransitionError, next_status
from chuan.organisations.models import Agency
from chuan.organisations.scoping import province_family_ids
from chuan.procedures.choices import ProcessStatus, Responsible
from chuan.procedures.models import InternalProcess, ProcedureVersion, ProcessStep
from chuan.procedures.selectors import in_force
from chuan.procedures.timing import engine_amount, step_hours

MINUTE = datetime.timedelta(minutes=1)


@dataclass
class Applicant:
    """Who hands in the dossier, and its owner when that is someone else."""

    name: str
    id_number: str
    phone: str
    email: str = ""
    address: str = ""
    owner_name: str = ""
    owner_address: str = ""


@dataclass
class Counted:
    """A paper received, with how many of each form."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


@dataclass
class ReceiptData:
    version: ProcedureVersion
    channel: int
    applicant: Applicant
    components: list[Counted] = field(default_factory=list)
    sets: int = 1
    fee_amount: int = 0
    note: str = ""
    idempotency_key: str | None = None


def _applicant_errors(applicant: Applicant) -> dict[str, str]:
    errors: dict[str, str] = {}
    applicant.name = " ".join(applicant.name.split())
    applicant.id_number = applicant.id_number.strip()
    if not applicant.name:
        errors["applicant_name"] = _("Give the applicant's full name.")
    problem = rules.citizen_id_problem(applicant.id_number)
    if problem == "digits":
        errors["applicant_id_number"] = _("A citizen ID number has exactly 12 digits.")
    elif problem == "province":
        errors["applicant_id_number"] = _(
            "This is not a citizen ID number: its first three digits name no province."
        )
    phone = rules.normalised_phone(applicant.phone)
    if phone is None:
        errors["applicant_phone"] = _("Give a Vietnamese phone number, e.g. 0905 123 456.")
    else:
        applicant.phone = phone
    if applicant.email:
        try:
            validate_email(applicant.email.strip())
        except ValidationError:
            errors["applicant_email"] = _("This email address is not valid.")
    return errors


def _receipt_errors(agency: Agency, data: ReceiptData, at: datetime.datetime) -> dict[str, str]:
    errors = _applicant_errors(data.applicant)
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose how the dossier arrived.")
    if not agency.code:
        errors["agency"] = _(
            "The agency has no electronic code (QCVN 102); an administrator must set it "
            "before dossiers can be received."
        )
    version = data.version
    if not in_force(version, timezone.localtime(at).date()):
        errors["version"] = _("This version of the procedure is not in force today.")
    elif not _in_catalogue(version, agency):
        errors["version"] = _("This procedure is not in the catalogue of the agency's province.")
    if not 1 <= data.sets <= 99:
        errors["sets"] = _("Give the number of sets, from 1 to 99.")
    if any(min(c.originals, c.certified_copies, c.photocopies) < 0 for c in data.components):
        errors["components"] = _("Counts of papers cannot be negative.")
    return errors


def _in_catalogue(version: ProcedureVersion, agency: Agency) -> bool:
    province_id = agency_province_id(agency)
    # A province's own procedures need no look-up of the provinces merged with it.
    return version.procedure.province_id == province_id or (
        version.procedure.province_id in province_family_ids(province_id)
    )


def _calendar(agency: Agency) -> WorkingCalendar:
    return working_calendar(agency_province_id(agency))


# Creates the agency's DossierSequence row for the day or bumps it, taking its row lock
# either way.
NEXT_NUMBER_SQL = (
    'INSERT INTO dossiers_dossiersequence (agency_id, day, "last") VALUES (%s, %s, 1)'
    ' ON CONFLICT (agency_id, day) DO UPDATE SET "last" = dossiers_dossiersequence."last" + 1'
    ' RETURNING "last"'
)


def _next_number(agency: Agency, day: datetime.date) -> int:
    """Take the agency's next number of the day, within the receipt's transaction: in one
    statement, under the row lock that concurrent receipts wait on until commit; a receipt
    that fails (the refusal past 9,999 too) gives its number back with its rollback."""
    with connection.cursor() as cursor:
        cursor.execute(NEXT_NUMBER_SQL, [agency.pk, connection.ops.adapt_datefield_value(day)])
        (number,) = cursor.fetchone()
    if number > 9999:
        raise ConflictError(_("The agency has received 9,999 dossiers today; no code is left."))
    return int(number)


def _process_in_force(
    agency: Agency, version: ProcedureVersion, day: datetime.date
) -> tuple[InternalProcess | None, list[ProcessStep]]:
    """The agency's approved process for the procedure applying on `day` (the latest edition
    should editions overlap) and its steps, read together as the steps with their process:
    an approved process always has steps."""
    steps = list(
        ProcessStep.objects.filter(
            Q(process__valid_to__isnull=True) | Q(process__valid_to__gte=day),
            process__agency=agency,
            process__procedure_id=version.procedure_id,
            process__status=ProcessStatus.APPROVED,
            process__valid_from__lte=day,
        )
        .select_related("process")
        .order_by("-process__edition", "order")
    )
    if not steps:
        return None, []
    process = steps[0].process
    return process, [step for step in steps if step.process_id == process.pk]


def _step_rows(
    dossier: Dossier, process_steps: list[ProcessStep], calendar: WorkingCalendar, total: Decimal
) -> list[DossierStep]:
    if not process_steps:
        # Without an approved process the dossier goes through the desk, the department and
        # back, the department holding whatever time the law allows.
        return [
            DossierStep(
                dossier=dossier,
                order=1,
                name=_("Receive and check the dossier"),
                responsible=Responsible.DESK,
                allotted_minutes=0,
            ),
            DossierStep(
                dossier=dossier,
                order=2,
                name=_("Process the dossier"),
                responsible=Responsible.DEPARTMENT,
                allotted_minutes=int(total * 60),
            ),
        ]
    return [
        DossierStep(
            dossier=dossier,
            order=step.order,
            name=step.name,
            responsible=step.responsible,
            department=step.department,
            allotted_minutes=int(step_hours(step.time_amount, step.time_unit, calendar) * 60),
        )
        for step in process_steps
    ]


def _increment(model: Any, keys: dict[str, Any], column: str) -> None:
    if model.objects.filter(**keys).update(**{column: F(column) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **{column: 1})
    except IntegrityError:  # created meanwhile by a concurrent write
        model.objects.filter(**keys).update(**{column: F(column) + 1})


def _bump(dossier: Dossier, day: datetime.date, column: str) -> None:
    """Count the dossier in the day's and the month's figures."""
    agency_id, procedure_id = dossier.agency_id, dossier.version.procedure_id
    _increment(
        DailyFigure,
        {
            "agency_id": agency_id,
            "procedure_id": procedure_id,
            "field_id": dossier.field_id,
            "day": day,
        },
        column,
    )
    _increment(
        MonthlyFigure,
        {"agency_id": agency_id, "procedure_id": procedure_id, "month": day.replace(day=1)},
        column,
    )


def _event(
    dossier: Dossier, kind: str, actor: Any, at: datetime.datetime, **data: Any
) -> DossierEvent:
    reason = data.pop("reason", "")
    return DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        data={k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()},
    )


def _record(dossier: Dossier, verb: str, actor: Any, **changes: Any) -> None:
    activity_record(
        actor=actor,
        verb=f"dossier.{verb}",
        target=dossier,
        agency_id=dossier.agency_id,
        changes={"code": dossier.code or "", "status": dossier.status, **changes},
    )


def _search_text(dossier: Dossier) -> str:
    parts = (dossier.code or "", dossier.applicant_name, dossier.owner_name, dossier.version.name)
    return f" {fold(' '.join(parts))} "


def dossier_receive(
    *, agency: Agency, data: ReceiptData, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Receive a dossier: give it the day's next code, its due time by the province's working
    calendar, the procedure version and internal process in force, and its steps. With an
    idempotency key already used at this agency, return that dossier instead."""
    if not may_receive(actor, agency):
        raise PermissionDenied(_("You may not receive dossiers for this agency."))
    at = at or timezone.now()
    if data.idempotency_key:
        earlier = Dossier.objects.filter(
            agency=agency, idempotency_key=data.idempotency_key
        ).first()
        if earlier is not None:
            return earlier
    errors = _receipt_errors(agency, data, at)
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    version, calendar = data.version, _calendar(agency)
    day = timezone.localtime(at).date()
    amount, unit = engine_amount(version.time_amount, version.time_unit, calendar)
    due = calendar.due(at, amount, unit)
    process, process_steps = _process_in_force(agency, version, day)
    applicant = data.applicant
    # What other receipts wait for (the day's number, the day's figures, the activity chain)
    # is taken last, so each lock is held for the few statements before the commit only.
    with transaction.atomic():
        dossier = Dossier(
            agency=agency,
            version=version,
            field_id=version.field_id,
            process=process,
            status=next_status(Status.SUBMITTED, "receive"),
            channel=data.channel,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email.strip(),
            applicant_address=applicant.address.strip(),
            owner_name=applicant.owner_name.strip(),
            owner_address=applicant.owner_address.strip(),
            sets=data.sets,
            fee_amount=data.fee_amount,
            note=data.note.strip(),
            received_at=at,
            received_by=actor if getattr(actor, "is_authenticated", False) else None,
            first_due_at=due,
            due_at=due,
            current_step=1,
            holder=actor if getattr(actor, "is_authenticated", False) else None,
            idempotency_key=data.idempotency_key or None,
        )
        try:
            dossier.save()
        except IntegrityError as exc:  # the same key in a concurrent request
            # No savepoint of its own: leaving the block with the error rolls it all back.
            raise ConflictError(_("This request was already received.")) from exc
        ReceivedComponent.objects.bulk_create(
            ReceivedComponent(dossier=dossier, order=index, **vars(component))
            for index, component in enumerate(data.components, start=1)
        )
        total = calendar.elapsed(at, due) / datetime.timedelta(hours=1)
        steps = _step_rows(dossier, process_steps, calendar, Decimal(str(round(total, 2))))
        first = steps[0]
        first.started_at = at
        first.due_at = calendar.add(at, first.allotted_minutes * MINUTE)
        first.assignee = dossier.received_by
        DossierStep.objects.bulk_create(steps)
        _event(dossier, EventKind.RECEIVED, actor, at, due_at=due)
        _bump(
            dossier,
            day,
            "received_online" if data.channel == Channel.ONLINE else "received_direct",
        )
        dossier.code = rules.dossier_code(agency.code or "", day, _next_number(agency, day))
        dossier.search_text = _search_text(dossier)
        dossier.save(update_fields=["code", "search_text"])
        _record(dossier, "received", actor, due_at=due.isoformat())
    return dossier


def dossier_not_receive(
    *,
    agency: Agency,
    data: ReceiptData,
    kind: str,
    reason: str,
    missing: list[str],
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Record a dossier not received: the papers to complete (form 02, "once and in full") or
    a refusal with its reason (form 03). It gets no dossier code."""
    if not may_receive(actor, agency):
        raise PermissionDenied(_("You may not receive dossiers for this agency."))
    at = at or timezone.now()
    errors = _receipt_errors(agency, data, at)
    errors.pop("agency", None)  # a refusal needs no code
    if kind not in NotReceivedKind.values:
        errors["kind"] = _("Choose whether papers are missing or the dossier is refused.")
    if not reason.strip():
        errors["reason"] = _("Give the reason; the citizen takes it home on the slip.")
    if kind == NotReceivedKind.INCOMPLETE and not [m for m in missing if m.strip()]:
        errors["missing"] = _("List every paper to complete, all at once.")
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})
    applicant = data.applicant
    with transaction.atomic():
        dossier = Dossier.objects.create(
            agency=agency,
            version=data.version,
            field_id=data.version.field_id,
            status=next_status(Status.SUBMITTED, "not_receive"),
            channel=data.channel,
            not_received_kind=kind,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email.strip(),
            applicant_address=applicant.address.strip(),
            owner_name=applicant.owner_name.strip(),
            owner_address=applicant.owner_address.strip(),
            received_at=at,
            received_by=actor if getattr(actor, "is_authenticated", False) else None,
            ended_at=at,
        )
        Dossier.objects.filter(pk=dossier.pk).update(search_text=_search_text(dossier))
        _event(
            dossier,
            EventKind.NOT_RECEIVED,
            actor,
            at,
            reason=reason.strip(),
            not_received_kind=kind,
            missing=[m.strip() for m in missing if m.strip()],
        )
        _record(dossier, "not_received", actor, kind=kind, reason=reason.strip())
    return dossier


def _locked(
    dossier: Dossier, action: str, actor: Any, at: datetime.datetime | None = None
) -> tuple[Dossier, int, datetime.datetime]:
    """Within the action's transaction, the dossier locked for the action, the status it
    will leave and the time of the action (now, or `at` for an action recorded afterwards:
    after the dossier's last action, never in the future); refuses what the transition
    table does not allow (409) and actors without the right (403)."""
    if not may_process(actor, dossier.agency_id):
        raise PermissionDenied(_("You may not process this agency's dossiers."))
    locked = (
        Dossier.objects.select_for_update().select_related("agency", "version").get(pk=dossier.pk)
    )
    try:
        target = next_status(locked.status, action)
    except TransitionError as exc:
        raise ConflictError(exc.message) from exc
    now = timezone.now()
    if at is not None:
        # An action recorded afterwards still comes after everything already recorded: the
        # history is never rewritten.
        last = (
            DossierEvent.objects.filter(dossier=locked)
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
        if at > now or at < (last or locked.received_at):
            raise ValidationError(
                {
                    "at": [
                        _("The time must be after the dossier's last action and not in the future.")
                    ]
                }
            )
    return locked, target, at or now


def _current_step(dossier: Dossier) -> DossierStep | None:
    if dossier.current_step is None:
        return None
    return (
        DossierStep.objects.select_for_update()
        .filter(dossier=dossier, order=dossier.current_step)
        .first()
    )


def _close_step(step: DossierStep | None, at: datetime.datetime, actor: Any) -> None:
    if step is None or step.finished_at is not None:
        return
    step.finished_at = at
    step.given_by = actor if getattr(actor, "is_authenticated", False) else None
    if step.due_at is not None:
        step.timeliness = rules.step_timeliness(at, step.due_at)
    step.save(update_fields=["finished_at", "given_by", "timeliness"])


@transaction.atomic
def dossier_hand_over(
    *,
    dossier: Dossier,
    actor: Any,
    to_user: Any = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Dossier:
    """Hand the dossier from its current step to the next: the giver, the receiver, the
    time, and the step's result (early, on time, late) by working time."""
    dossier, target, now = _locked(dossier, "hand_over", actor, at)
    step = _current_step(dossier)
    following = (
        DossierStep.objects.select_for_update()
        .filter(dossier=dossier, order=(dossier.current_step or 0) + 1)
        .first()
    )
    if following is None:
        raise ConflictError(_("This is the last step: finish the dossier instead."))
    if to_user is not None and not may_process(to_user, dossier.agency_id):
        raise ValidationError({"to_user": [_("This official cannot process this dossier.")]})
    with transaction.atomic():
        _close_step(step, now, actor)
        if step is not None and note.strip():
            step.note = note.strip()[:500]
            step.save(update_fields=["note"])
        following.started_at = now
        following.due_at = _calendar(dossier.agency).add(now, following.allotted_minutes * MINUTE)
        following.assignee = to_user
        following.save(update_fields=["started_at", "due_at", "assignee"])
        dossier.status = target
        dossier.current_step = following.order
        dossier.holder = to_user
        dossier.holder_department = following.department
        dossier.save(update_fields=["status", "current_step", "holder", "holder_department"])
        _event(
            dossier,
            EventKind.HANDED_OVER,
            actor,
            now,
            from_step=step.order if step else None,
            to_step=following.order,
            to_user=getattr(to_user, "pk", None),
            timeliness=step.timeliness if step else "",
            reason=note.strip(),
        )
        _record(dossier, "handed_over", actor, step=following.order)
    return dossier


def dossier_assign(*, dossier: Dossier, to_user: Any, actor: Any) -> Dossier:
    """Give the current step to an official of the agency (a leader sharing out work)."""
    if not may_process(actor, dossier.agency_id):
        raise PermissionDenied(_("You may not process this agency's dossiers."))
    if not may_process(to_user, dossier.agency_id):
        raise ValidationError({"to_user": [_("This official cannot process this dossier.")]})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status not in (Status.RECEIVED, Status.PROCESSING):
            raise ConflictError(_("Only a dossier being processed can be assigned."))
        step = _current_step(dossier)
        if step is not None:
            step.assignee = to_user
            step.save(update_fields=["assignee"])
        dossier.holder = to_user
        dossier.save(update_fields=["holder"])
        _record(dossier, "assigned", actor, to_user=to_user.get_username())
    return dossier


@transaction.atomic
def _pause(
    dossier: Dossier,
    action: str,
    kind: str,
    verb: str,
    actor: Any,
    at: datetime.datetime | None,
    **data: Any,
) -> Dossier:
    dossier, target, now = _locked(dossier, action, actor, at)
    with transaction.atomic():
        dossier.status_before_pause = dossier.status
        dossier.status = target
        dossier.paused_at = now
        if action == "request_supplement":
            dossier.supplement_requests += 1
        dossier.save(
            update_fields=["status", "status_before_pause", "paused_at", "supplement_requests"]
        )
        _event(dossier, kind, actor, now, **data)
        _record(dossier, verb, actor, reason=data.get("reason", ""))
    return dossier


def dossier_request_supplement(
    *,
    dossier: Dossier,
    reason: str,
    missing: list[str],
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Ask the citizen for what is missing, once and in full (form 02): the clock stops."""
    missing = [m.strip() for m in missing if m.strip()]
    errors = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the request.")]
    if not missing:
        errors["missing"] = [_("List every paper to supplement, all at once.")]
    if errors:
        raise ValidationError(errors)
    return _pause(
        dossier,
        "request_supplement",
        EventKind.SUPPLEMENT_REQUESTED,
        "supplement_requested",
        actor,
        at,
        reason=reason.strip(),
        missing=missing,
    )


def dossier_pause(
    *,
    dossier: Dossier,
    reason: str,
    amount: int,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Ask the citizen to fulfil a financial obligation (tax, fee): the clock stops."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Say which obligation is to be fulfilled.")]})
    return _pause(
        dossier,
        "pause",
        EventKind.PAYMENT_REQUESTED,
        "payment_requested",
        actor,
        at,
        reason=reason.strip(),
        amount=amount,
    )


@transaction.atomic
def _resume(
    dossier: Dossier,
    action: str,
    kind: str,
    verb: str,
    actor: Any,
    note: str,
    at: datetime.datetime | None,
) -> Dossier:
    dossier, target, now = _locked(dossier, action, actor, at)
    calendar = _calendar(dossier.agency)
    paused_at = dossier.paused_at or now
    stopped = calendar.elapsed(paused_at, now)
    with transaction.atomic():
        old_due = dossier.due_at
        if dossier.due_at is not None:
            dossier.due_at = calendar.extend_for_pause(dossier.due_at, paused_at, now)
        step = _current_step(dossier)
        if step is not None and step.due_at is not None:
            step.due_at = calendar.extend_for_pause(step.due_at, paused_at, now)
            step.save(update_fields=["due_at"])
        dossier.status = target
        dossier.paused_at = None
        dossier.status_before_pause = None
        dossier.save(update_fields=["status", "paused_at", "status_before_pause", "due_at"])
        _event(
            dossier,
            kind,
            actor,
            now,
            reason=note.strip(),
            paused_minutes=int(stopped / MINUTE),
            old_due_at=old_due,
            due_at=dossier.due_at,
        )
        _record(dossier, verb, actor, due_at=dossier.due_at.isoformat() if dossier.due_at else "")
    return dossier


def dossier_supplement(
    *, dossier: Dossier, actor: Any, note: str = "", at: datetime.datetime | None = None
) -> Dossier:
    """The citizen brought what was missing: the clock runs again and the due time moves by
    the working time it stood still."""
    return _resume(dossier, "supplement", EventKind.SUPPLEMENTED, "supplemented", actor, note, at)


def dossier_resume(
    *, dossier: Dossier, actor: Any, note: str = "", at: datetime.datetime | None = None
) -> Dossier:
    """The financial obligation is fulfilled: the clock runs again, the due time moves."""
    return _resume(dossier, "resume", EventKind.PAYMENT_MADE, "payment_made", actor, note, at)


@transaction.atomic
def dossier_extend(
    *,
    dossier: Dossier,
    new_due_at: datetime.datetime,
    reason: str,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Set a new due time with the apology slip (form 04), only before the current due time;
    the dossier keeps its first due time too."""
    dossier, _target, now = _locked(dossier, "extend", actor, at)
    errors = {}
    if dossier.due_at is not None and now >= dossier.due_at:
        raise ConflictError(_("The due time has passed: an extension must be asked for before it."))
    if dossier.due_at is not None and new_due_at <= dossier.due_at:
        errors["new_due_at"] = [_("The new due time must be after the current one.")]
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the delay; it is printed on the apology.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old_due = dossier.due_at
        dossier.due_at = new_due_at
        dossier.save(update_fields=["due_at"])
        _event(
            dossier,
            EventKind.EXTENDED,
            actor,
            now,
            reason=reason.strip(),
            old_due_at=old_due,
            due_at=new_due_at,
        )
        _record(dossier, "extended", actor, due_at=new_due_at.isoformat())
    return dossier


def _end(dossier: Dossier, target: int, now: datetime.datetime, actor: Any) -> None:
    _close_step(_current_step(dossier), now, actor)
    dossier.status = target
    dossier.ended_at = now
    dossier.holder = None
    dossier.holder_department = None


@transaction.atomic
def dossier_finish(
    *, dossier: Dossier, result: str, note: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Finish processing with a result (approved, or refused with the reason); the dossier is
    early, on time or late by its finish date against its due date."""
    if result not in Result.values:
        raise ValidationError({"result": [_("Choose approved or refused.")]})
    if result == Result.REFUSED and not note.strip():
        raise ValidationError({"note": [_("Give the reason for the refusal.")]})
    dossier, target, now = _locked(dossier, "finish", actor, at)
    with transaction.atomic():
        _end(dossier, target, now, actor)
        dossier.result = result
        dossier.result_note = note.strip()
        dossier.timeliness = rules.finish_timeliness(now, dossier.due_at or now)
        dossier.save()
        _event(dossier, EventKind.FINISHED, actor, now, reason=note.strip(), result=result)
        _bump(dossier, timezone.localtime(now).date(), f"finished_{dossier.timeliness}")
        _record(dossier, "finished", actor, result=result, timeliness=dossier.timeliness)
    return dossier


@transaction.atomic
def dossier_return(
    *, dossier: Dossier, method: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Hand the result to the citizen (at the desk, by post, online)."""
    if method not in ReturnMethod.values:
        raise ValidationError({"method": [_("Choose how the result was returned.")]})
    if not may_receive(actor, dossier.agency):
        raise PermissionDenied(_("Only the one-stop desk returns results."))
    dossier, target, at = _locked(dossier, "return", actor, at)
    if dossier.ended_at and at < dossier.ended_at:
        raise ValidationError({"at": [_("The result cannot be returned before it was ready.")]})
    with transaction.atomic():
        dossier.status = target
        dossier.returned_at = at
        dossier.return_method = method
        dossier.save(update_fields=["status", "returned_at", "return_method"])
        _event(dossier, EventKind.RETURNED, actor, at, method=method)
        _record(dossier, "returned", actor, method=method)
    return dossier


@transaction.atomic
def _end_otherwise(
    dossier: Dossier,
    action: str,
    kind: str,
    verb: str,
    reason: str,
    actor: Any,
    at: datetime.datetime | None,
) -> Dossier:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason; it is printed on the notice.")]})
    dossier, target, now = _locked(dossier, action, actor, at)
    with transaction.atomic():
        _end(dossier, target, now, actor)
        dossier.paused_at = None
        dossier.save()
        _event(dossier, kind, actor, now, reason=reason.strip())
        _bump(dossier, timezone.localtime(now).date(), "ended_otherwise")
        _record(dossier, verb, actor, reason=reason.strip())
    return dossier


def dossier_withdraw(
    *, dossier: Dossier, reason: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """The citizen withdraws the dossier (in writing); processing ends."""
    return _end_otherwise(dossier, "withdraw", EventKind.WITHDRAWN, "withdrawn", reason, actor, at)


def dossier_stop(
    *, dossier: Dossier, reason: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Stop processing (for example a dossier found not to meet the conditions) with the
    notice of Circular 03/2025/TT-VPCP."""
    return _end_otherwise(dossier, "stop", EventKind.STOPPED, "stopped", reason, actor, at)


def dossier_rate(*, dossier: Dossier, satisfaction: str, comment: str = "") -> Dossier:
    """The citizen's rating of a returned dossier, once (no account: the public page)."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": [_("Choose how satisfied you are.")]})
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status != Status.RETURNED:
            raise ConflictError(_("A dossier can be rated once its result is returned."))
        if dossier.satisfaction:
            raise ConflictError(_("This dossier has already been rated."))
        dossier.satisfaction = satisfaction
        dossier.satisfaction_comment = comment.strip()[:1000]
        dossier.save(update_fields=["satisfaction", "satisfaction_comment"])
        now = timezone.now()
        _event(dossier, EventKind.RATED, None, now, satisfaction=satisfaction)
        _record(dossier, "rated", None, satisfaction=satisfaction)
    return dossier
