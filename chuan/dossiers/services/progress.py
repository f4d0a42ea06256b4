"""A dossier on its way: hand-overs between steps and their receiving side, assignment,
pauses for supplements and financial obligations, and extension with the apology (form 04).

Legal basis: Decree 118/2025/NĐ-CP (supplement once and in full, apology and new date before
the due date).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.working_time import WorkingCalendar
from chuan.dossiers import rules
from chuan.dossiers.choices import EventKind, Status
from chuan.dossiers.models import (
    Dossier,
)
from chuan.dossiers.permissions import may_process, may_receive
from chuan.dossiers.services.common import (
    MINUTE,
    add_event,
    agency_calendar,
    close_step,
    current_step_of,
    lock_for,
    locked_steps,
    note_acceptance,
    record_activity,
    refuse_unsigned,
)
from chuan.procedures.route import result_order


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
    time, and the step's result (early, on time, late) by working time. The step giving the
    result is finished, not handed over; a signing step is handed over by a leader."""
    dossier, target, now = lock_for(dossier, "hand_over", actor, at)
    steps = locked_steps(dossier)
    step = next((s for s in steps if s.order == dossier.current_step), None)
    following = next((s for s in steps if s.order == (dossier.current_step or 0) + 1), None)
    if following is None:
        raise ConflictError(_("This is the last step: finish the dossier instead."))
    if step is not None and step.order == result_order(steps):
        raise ConflictError(
            _("Step %(step)s gives the result: finish the dossier instead of handing it over.")
            % {"step": rules.step_label(step)}
        )
    refuse_unsigned(dossier, step, actor)
    if to_user is not None and not may_process(to_user, dossier.agency_id):
        raise ValidationError({"to_user": [_("This official cannot process this dossier.")]})
    with transaction.atomic(savepoint=False):  # within the action's transaction
        note_acceptance(step, actor, now)
        close_step(step, now, actor)
        if step is not None and note.strip():
            step.note = note.strip()[:500]
            step.save(update_fields=["note"])
        following.started_at = now
        following.due_at = agency_calendar(dossier.agency).add(
            now, following.allotted_minutes * MINUTE
        )
        following.assignee = to_user
        following.save(update_fields=["started_at", "due_at", "assignee"])
        if to_user is not None and to_user == actor:
            note_acceptance(following, actor, now)  # handed to oneself: taken at once
        dossier.status = target
        dossier.current_step = following.order
        dossier.holder = to_user
        dossier.holder_department = following.department
        dossier.save(update_fields=["status", "current_step", "holder", "holder_department"])
        add_event(
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
        record_activity(dossier, "handed_over", actor, step=following.order)
    return dossier


@transaction.atomic
def dossier_accept(*, dossier: Dossier, actor: Any, at: datetime.datetime | None = None) -> Dossier:
    """The receiving side of a hand-over, as the receiver signs the control slip: the
    official the step was handed to (or, handed to the department with no one named, the
    official taking it) records receiving the dossier; for a finished dossier the desk
    records receiving the result it will return."""
    dossier, _target, now = lock_for(dossier, "accept", actor, at)
    step = current_step_of(dossier)
    if step is None or step.finished_at is not None:
        raise ConflictError(_("No step of this dossier waits to be accepted."))
    if step.accepted_at is not None:
        raise ConflictError(
            _("Step %(step)s was already accepted by %(name)s at %(time)s.")
            % {
                "step": step.order,
                "name": step.accepted_by.full_name if step.accepted_by else "—",
                "time": timezone.localtime(step.accepted_at).strftime("%d/%m/%Y %H:%M"),
            }
        )
    if dossier.status == Status.FINISHED and not may_receive(actor, dossier.agency):
        raise ForbiddenError(_("The one-stop desk receives the result to return it."))
    if step.assignee_id is not None and actor is not None and step.assignee_id != actor.pk:
        raise ForbiddenError(
            _(
                "The step was handed to %(name)s: only they accept it, unless a leader "
                "assigns it to someone else."
            )
            % {"name": step.assignee.full_name if step.assignee else ""}
        )
    refuse_unsigned(dossier, step, actor)
    taker = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(savepoint=False):  # within the action's transaction
        step.accepted_at = now
        step.accepted_by = taker
        if step.assignee_id is None:
            step.assignee = taker
        step.save(update_fields=["accepted_at", "accepted_by", "assignee"])
        if dossier.status != Status.FINISHED and dossier.holder_id is None and taker:
            dossier.holder = taker
            dossier.save(update_fields=["holder"])
        add_event(dossier, EventKind.ACCEPTED, actor, now, step=step.order)
        record_activity(dossier, "accepted", actor, step=step.order)
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
        step = current_step_of(dossier)
        if step is not None and step.assignee_id != to_user.pk:
            # Someone else now holds the step: they sign for receiving it themselves.
            step.assignee = to_user
            step.accepted_at = None
            step.accepted_by = None
            step.save(update_fields=["assignee", "accepted_at", "accepted_by"])
        dossier.holder = to_user
        dossier.save(update_fields=["holder"])
        record_activity(dossier, "assigned", actor, to_user=to_user.get_username())
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
    dossier, target, now = lock_for(dossier, action, actor, at)
    with transaction.atomic(savepoint=False):  # within the action's transaction
        dossier.status_before_pause = dossier.status
        dossier.status = target
        dossier.paused_at = now
        if action == "request_supplement":
            dossier.supplement_requests += 1
        dossier.save(
            update_fields=["status", "status_before_pause", "paused_at", "supplement_requests"]
        )
        add_event(dossier, kind, actor, now, **data)
        record_activity(dossier, verb, actor, reason=data.get("reason", ""))
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
    dossier, target, now = lock_for(dossier, action, actor, at)
    calendar = agency_calendar(dossier.agency)
    paused_at = dossier.paused_at or now
    stopped = calendar.elapsed(paused_at, now)
    with transaction.atomic(savepoint=False):  # within the action's transaction
        old_due = dossier.due_at
        if dossier.due_at is not None:
            dossier.due_at = calendar.extend_for_pause(dossier.due_at, paused_at, now)
        step = current_step_of(dossier)
        if step is not None and step.due_at is not None:
            step.due_at = calendar.extend_for_pause(step.due_at, paused_at, now)
            step.save(update_fields=["due_at"])
        dossier.status = target
        dossier.paused_at = None
        dossier.status_before_pause = None
        dossier.paused_minutes += rules.clock_minutes(
            calendar, dossier.version.time_unit, paused_at, now
        )
        dossier.save(
            update_fields=["status", "paused_at", "status_before_pause", "due_at", "paused_minutes"]
        )
        add_event(
            dossier,
            kind,
            actor,
            now,
            reason=note.strip(),
            paused_minutes=int(stopped / MINUTE),
            old_due_at=old_due,
            due_at=dossier.due_at,
        )
        record_activity(
            dossier, verb, actor, due_at=dossier.due_at.isoformat() if dossier.due_at else ""
        )
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


def extension_limit_of(dossier: Dossier, calendar: WorkingCalendar) -> datetime.datetime:
    """The latest due time an extension may set for a dossier with a due time: its
    procedure's statutory time again (`CHUAN_EXTENSION_MAX_FACTOR` times it) after it."""
    assert dossier.due_at is not None
    return rules.extension_limit(
        calendar,
        dossier.due_at,
        dossier.version.time_amount,
        dossier.version.time_unit,
        Decimal(settings.CHUAN_EXTENSION_MAX_FACTOR),
    )


@transaction.atomic
def dossier_extend(
    *,
    dossier: Dossier,
    new_due_at: datetime.datetime,
    reason: str,
    actor: Any,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Set a new due time with the apology (form 04), only before the current due time; the
    dossier keeps its first due time too. The new due time is a working time of the
    province's calendar, after now, and at most the procedure's statutory time again
    (`CHUAN_EXTENSION_MAX_FACTOR` times it) after the current due time."""
    dossier, _target, now = lock_for(dossier, "extend", actor, at)
    errors = {}
    if dossier.due_at is not None and now >= dossier.due_at:
        raise ConflictError(_("The due time has passed: an extension must be asked for before it."))
    calendar = agency_calendar(dossier.agency)
    limit = extension_limit_of(dossier, calendar) if dossier.due_at is not None else None
    problems = rules.extension_problems(
        calendar, new_due_at=new_due_at, now=now, due_at=dossier.due_at, limit=limit
    )
    if problems:
        errors["new_due_at"] = problems
    if not reason.strip():
        errors["reason"] = [_("Give the reason for the delay; it is printed on the apology.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(savepoint=False):  # within the action's transaction
        old_due = dossier.due_at
        dossier.due_at = new_due_at
        dossier.save(update_fields=["due_at"])
        add_event(
            dossier,
            EventKind.EXTENDED,
            actor,
            now,
            reason=reason.strip(),
            old_due_at=old_due,
            due_at=new_due_at,
        )
        record_activity(dossier, "extended", actor, due_at=new_due_at.isoformat())
    return dossier
