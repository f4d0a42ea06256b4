"""What every action of the desk shares: the dossier locked for an action, its steps, its
events (what the slips print from), the daily and monthly figures and the activity entry."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import OuterRef, PositiveIntegerField, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.text import fold
from chuan.core.working_time import WorkingCalendar
from chuan.dossiers import hooks, rules
from chuan.dossiers.models import (
    DailyFigure,
    Dossier,
    DossierEvent,
    DossierStep,
    MonthlyFigure,
)
from chuan.dossiers.permissions import is_leader_of, may_process
from chuan.dossiers.transitions import TransitionError, next_status
from chuan.organisations.models import Agency

MINUTE = datetime.timedelta(minutes=1)


def agency_calendar(agency: Agency) -> WorkingCalendar:
    return working_calendar(agency_province_id(agency))


def _upsert_sql(model: Any, keys: list[str], column: str) -> str:
    """INSERT … ON CONFLICT on the figure's unique keys, adding one to `column`."""
    table = model._meta.db_table
    counts = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    counts = [name for name in counts if name not in keys]
    names = ", ".join(f'"{name}"' for name in [*keys, *counts])
    values = ", ".join(["%s"] * len(keys) + ["1" if name == column else "0" for name in counts])
    conflict = ", ".join(f'"{key}"' for key in keys)
    # Identifiers only from the model's own metadata (the column checked by the caller).
    return (
        f'INSERT INTO "{table}" ({names}) VALUES ({values}) ON CONFLICT ({conflict}) '  # noqa: S608
        f'DO UPDATE SET "{column}" = "{table}"."{column}" + 1'
    )


def _increment(*figures: tuple[Any, dict[str, Any], str]) -> None:
    """Add one to each figure's column, creating its row at 1: an upsert on the figure's
    unique keys (PostgreSQL and SQLite alike) that concurrent writes cannot split. On
    PostgreSQL all of them go in one statement (each but the last in a WITH clause)."""
    statements = []
    for model, keys, column in figures:
        if column not in FIGURE_COLUMNS:
            raise ValueError(column)
        params = [
            connection.ops.adapt_datefield_value(value)
            if isinstance(value, datetime.date)
            else value
            for value in keys.values()
        ]
        statements.append((_upsert_sql(model, list(keys), column), params))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            *first, (last_sql, last_params) = statements
            clauses = ", ".join(f"f{index} AS ({sql})" for index, (sql, _p) in enumerate(first))
            params = [value for _sql, values in first for value in values]
            cursor.execute(
                f"WITH {clauses} {last_sql}" if first else last_sql, params + last_params
            )
        else:
            for sql, params in statements:
                cursor.execute(sql, params)


FIGURE_COLUMNS = frozenset(
    f.column for f in DailyFigure._meta.concrete_fields if isinstance(f, PositiveIntegerField)
)


def bump_figures(dossier: Dossier, day: datetime.date, column: str) -> None:
    """Count the dossier in the day's and the month's figures."""
    agency_id, procedure_id = dossier.agency_id, dossier.version.procedure_id
    _increment(
        (
            DailyFigure,
            {
                "agency_id": agency_id,
                "procedure_id": procedure_id,
                "field_id": dossier.field_id,
                "day": day,
            },
            column,
        ),
        (
            MonthlyFigure,
            {"agency_id": agency_id, "procedure_id": procedure_id, "month": day.replace(day=1)},
            column,
        ),
    )


# Adds one dossier's handling time to its month's figure, creating the row when needed.
HANDLED_SQL = (
    "INSERT INTO dossiers_monthlyfigure (agency_id, procedure_id, month, received_online,"
    " received_direct, finished_early, finished_on_time, finished_late, ended_otherwise,"
    " rated_very_satisfied, rated_satisfied, rated_not_satisfied, digitised,"
    " electronic_result, handled, handled_minutes)"
    " VALUES (%s, %s, %s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, %s)"
    " ON CONFLICT (agency_id, procedure_id, month) DO UPDATE SET"
    " handled = dossiers_monthlyfigure.handled + 1,"
    " handled_minutes = dossiers_monthlyfigure.handled_minutes + EXCLUDED.handled_minutes"
)


def add_handling_time(dossier: Dossier, day: datetime.date, minutes: int) -> None:
    """Add a finished dossier's handling time (in its procedure's clock) to the month's
    figure: one upsert, as `bump_figures`."""
    month = connection.ops.adapt_datefield_value(day.replace(day=1))
    with connection.cursor() as cursor:
        cursor.execute(
            HANDLED_SQL,
            [dossier.agency_id, dossier.version.procedure_id, month, max(0, int(minutes))],
        )


def add_event(
    dossier: Dossier, kind: str, actor: Any, at: datetime.datetime, **data: Any
) -> DossierEvent:
    reason = data.pop("reason", "")
    event = DossierEvent.objects.create(
        dossier=dossier,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        data={k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()},
    )
    hooks.event_recorded(dossier=dossier, event=event, actor=actor)
    return event


def record_activity(dossier: Dossier, verb: str, actor: Any, **changes: Any) -> None:
    activity_record(
        actor=actor,
        verb=f"dossier.{verb}",
        target=dossier,
        agency_id=dossier.agency_id,
        changes={"code": dossier.code or "", "status": dossier.status, **changes},
    )


def search_text_of(dossier: Dossier) -> str:
    parts = (dossier.code or "", dossier.applicant_name, dossier.owner_name, dossier.version.name)
    return f" {fold(' '.join(parts))} "


def lock_for(
    dossier: Dossier, action: str, actor: Any, at: datetime.datetime | None = None
) -> tuple[Dossier, int, datetime.datetime]:
    """Within the action's transaction, the dossier locked for the action, the status it
    will leave and the time of the action (now, or `at` for an action recorded afterwards:
    after the dossier's last action, never in the future); refuses what the transition
    table does not allow (409) and actors without the right (403)."""
    if not may_process(actor, dossier.agency_id):
        raise PermissionDenied(_("You may not process this agency's dossiers."))
    locked_rows = Dossier.objects.select_for_update(of=("self",)).select_related(
        # The agency with its unit: the province's calendar is looked up by it.
        "agency__unit",
        "version",
    )
    if at is not None:
        # The time of the dossier's last action, read with the lock.
        locked_rows = locked_rows.annotate(
            last_action_at=Subquery(
                DossierEvent.objects.filter(dossier=OuterRef("pk")).order_by("-at").values("at")[:1]
            )
        )
    locked = locked_rows.get(pk=dossier.pk)
    try:
        target = next_status(locked.status, action)
    except TransitionError as exc:
        raise ConflictError(exc.message) from exc
    now = timezone.now()
    if at is not None:
        # An action recorded afterwards still comes after everything already recorded: the
        # history is never rewritten.
        last = getattr(locked, "last_action_at", None)
        if at > now or at < (last or locked.received_at):
            raise ValidationError(
                {
                    "at": [
                        _("The time must be after the dossier's last action and not in the future.")
                    ]
                }
            )
    return locked, target, at or now


def current_step_of(dossier: Dossier) -> DossierStep | None:
    if dossier.current_step is None:
        return None
    return (
        DossierStep.objects.select_for_update()
        .filter(dossier=dossier, order=dossier.current_step)
        .first()
    )


def close_step(step: DossierStep | None, at: datetime.datetime, actor: Any) -> None:
    if step is None or step.finished_at is not None:
        return
    step.finished_at = at
    step.given_by = actor if getattr(actor, "is_authenticated", False) else None
    if step.due_at is not None:
        step.timeliness = rules.step_timeliness(at, step.due_at)
    step.save(update_fields=["finished_at", "given_by", "timeliness"])


def note_acceptance(step: DossierStep | None, actor: Any, at: datetime.datetime) -> None:
    """Record who took the step and when, if no one has yet: whoever completes a step has
    received the dossier by then at the latest, so the control slip's "received" side is
    never left blank."""
    if step is None or step.accepted_at is not None:
        return
    if not getattr(actor, "is_authenticated", False):
        return
    step.accepted_at = at
    step.accepted_by = actor
    step.save(update_fields=["accepted_at", "accepted_by"])


def refuse_unsigned(dossier: Dossier, step: DossierStep | None, actor: Any) -> None:
    """A signing step is completed only by a leader of the agency (ForbiddenError)."""
    if step is not None and step.signs and not is_leader_of(actor, dossier.agency_id):
        raise ForbiddenError(
            _(
                "Step %(step)s is signed by a leader of the agency: only an official holding "
                "the agency leader role may complete it."
            )
            % {"step": f"{step.order}. {step.name}"}
        )


def locked_steps(dossier: Dossier) -> list[DossierStep]:
    """The dossier's steps in order, locked for the action (only the steps' own rows: the
    department is an outer join), with their departments."""
    return list(
        DossierStep.objects.select_for_update(of=("self",))
        .select_related("department")
        .filter(dossier=dossier)
        .order_by("order")
    )
