"""How a dossier ends: finished with a result, returned to the citizen, withdrawn or stopped;
and the citizen's rating.

Legal basis: Decree 118/2025/NĐ-CP (stop and withdrawal), Circular 03/2025/TT-VPCP (notices).
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exceptions import ConflictError
from chuan.dossiers import rules
from chuan.dossiers.choices import (
    EventKind,
    Result,
    ReturnMethod,
    Satisfaction,
    Status,
)
from chuan.dossiers.models import (
    Dossier,
    DossierStep,
)
from chuan.dossiers.permissions import may_receive
from chuan.dossiers.services.common import (
    MINUTE,
    add_event,
    add_handling_time,
    agency_calendar,
    bump_figures,
    close_step,
    current_step_of,
    lock_for,
    locked_steps,
    note_acceptance,
    record_activity,
    refuse_unsigned,
)
from chuan.procedures.route import result_order, return_order


def _end(
    dossier: Dossier,
    target: int,
    now: datetime.datetime,
    actor: Any,
    step: DossierStep | None = None,
) -> None:
    close_step(step or current_step_of(dossier), now, actor)
    dossier.status = target
    dossier.ended_at = now
    dossier.holder = None
    dossier.holder_department = None


@transaction.atomic
def dossier_finish(
    *, dossier: Dossier, result: str, note: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Finish processing with a result (approved, or refused with the reason) at the step
    whose output is the result, once every step before it was handed over; a signing step
    is finished by a leader of the agency. The step returning the result, if the process has
    one, starts at the desk. The dossier is early, on time or late by its finish date against
    its due date."""
    if result not in Result.values:
        raise ValidationError({"result": [_("Choose approved or refused.")]})
    if result == Result.REFUSED and not note.strip():
        raise ValidationError({"note": [_("Give the reason for the refusal.")]})
    dossier, target, now = lock_for(dossier, "finish", actor, at)
    steps = locked_steps(dossier)
    missing = rules.unpassed_steps(steps, dossier.current_step)
    if missing:
        raise ConflictError(
            _(
                "The dossier is finished at step %(n)s, after every step before it. Not yet "
                "through the steps: %(steps)s."
            )
            % {
                "n": result_order(steps),
                "steps": "; ".join(rules.step_label(step) for step in missing),
            }
        )
    step = next((s for s in steps if s.order == dossier.current_step), None)
    refuse_unsigned(dossier, step, actor)
    returning = next((s for s in steps if s.order == return_order(steps)), None)
    with transaction.atomic(savepoint=False):  # within the action's transaction
        note_acceptance(step, actor, now)
        _end(dossier, target, now, actor, step)
        if returning is not None and returning.started_at is None:
            returning.started_at = now
            returning.due_at = agency_calendar(dossier.agency).add(
                now, returning.allotted_minutes * MINUTE
            )
            returning.save(update_fields=["started_at", "due_at"])
            dossier.current_step = returning.order
        dossier.result = result
        dossier.result_note = note.strip()
        dossier.timeliness = rules.finish_timeliness(now, dossier.due_at or now)
        dossier.save()
        add_event(dossier, EventKind.FINISHED, actor, now, reason=note.strip(), result=result)
        day = timezone.localtime(now).date()
        bump_figures(dossier, day, f"finished_{dossier.timeliness}")
        add_handling_time(
            dossier,
            day,
            rules.handling_minutes(
                agency_calendar(dossier.agency),
                dossier.version.time_unit,
                dossier.received_at,
                now,
                dossier.paused_minutes,
            ),
        )
        record_activity(dossier, "finished", actor, result=result, timeliness=dossier.timeliness)
    return dossier


@transaction.atomic
def dossier_return(
    *, dossier: Dossier, method: str, actor: Any, at: datetime.datetime | None = None
) -> Dossier:
    """Hand the result to the citizen (at the desk, by post, online): the last hand-over of
    the control slip, closing the process's return step when it has one."""
    if method not in ReturnMethod.values:
        raise ValidationError({"method": [_("Choose how the result was returned.")]})
    if not may_receive(actor, dossier.agency):
        raise PermissionDenied(_("Only the one-stop desk returns results."))
    dossier, target, at = lock_for(dossier, "return", actor, at)
    if dossier.ended_at and at < dossier.ended_at:
        raise ValidationError({"at": [_("The result cannot be returned before it was ready.")]})
    with transaction.atomic(savepoint=False):  # within the action's transaction
        if dossier.status == Status.FINISHED:
            step = current_step_of(dossier)
            if step is not None and step.finished_at is None:
                note_acceptance(step, actor, at)
                close_step(step, at, actor)
        dossier.status = target
        dossier.returned_at = at
        dossier.return_method = method
        dossier.save(update_fields=["status", "returned_at", "return_method"])
        add_event(dossier, EventKind.RETURNED, actor, at, method=method)
        record_activity(dossier, "returned", actor, method=method)
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
    dossier, target, now = lock_for(dossier, action, actor, at)
    with transaction.atomic(savepoint=False):  # within the action's transaction
        _end(dossier, target, now, actor)
        dossier.paused_at = None
        dossier.save()
        add_event(dossier, kind, actor, now, reason=reason.strip())
        bump_figures(dossier, timezone.localtime(now).date(), "ended_otherwise")
        record_activity(dossier, verb, actor, reason=reason.strip())
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
        add_event(dossier, EventKind.RATED, None, now, satisfaction=satisfaction)
        bump_figures(dossier, timezone.localtime(now).date(), f"rated_{satisfaction}")
        record_activity(dossier, "rated", None, satisfaction=satisfaction)
    return dossier
