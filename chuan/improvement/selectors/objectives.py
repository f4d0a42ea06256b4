"""Reads of the agency's quality objectives (ISO 9001:2015, 6.2), scoped to who may see
the agency; their live values are in `objectives_live`."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from chuan.improvement.choices import Comparison, Measure, ObjectiveState
from chuan.improvement.models import Objective
from chuan.improvement.objectives_rules import number_text
from chuan.improvement.permissions import can_read_qms
from chuan.improvement.selectors.common import ReviewInput
from chuan.improvement.selectors.objectives_live import department_procedures, progress_for
from chuan.organisations.models import Agency

__all__ = ["objective_get", "objectives_of", "on_time_targets", "progress_for", "review_input"]


def target_text(objective: Objective) -> str:
    """What is aimed at, in words: "≥ 98 %"."""
    sign = {"gte": "≥", "lte": "≤", "eq": "="}[objective.comparison]
    return f"{sign} {number_text(objective.target)} {objective.unit_suffix}".strip()


def objectives_of(*, agency_id: int, year: int) -> QuerySet[Objective]:
    """The agency's objectives of `year`, in their order, ready for `progress_for`."""
    return (
        Objective.objects.filter(agency_id=agency_id, year=year)
        .select_related("department", "procedure", "field")
        .order_by("number")
    )


def objective_get(*, user: Any, pk: int) -> Objective | None:
    """The objective if `user` may read its agency's improvement cycle."""
    objective = (
        Objective.objects.select_related(
            "agency", "department", "procedure", "field", "approved_by", "evaluated_by"
        )
        .filter(pk=pk)
        .first()
    )
    if objective is None or not can_read_qms(user, objective.agency_id):
        return None
    return objective


def on_time_targets(*, agency_id: int, year: int) -> dict[int | None, float]:
    """The on-time rate (in %) the agency's approved objectives of `year` aim at, by
    procedure id (None: the agency as a whole). The triage list proposes a procedure whose
    monthly rate fell below its target. A department's objective stands for each procedure
    the department leads; when two objectives name the same procedure, the higher target
    holds. Objectives of a field, and "at most" ones, set no floor."""
    found = Objective.objects.filter(
        agency_id=agency_id,
        year=year,
        state__in=(ObjectiveState.APPROVED, ObjectiveState.EVALUATED),
        measure=Measure.ON_TIME,
        comparison__in=(Comparison.AT_LEAST, Comparison.EQUAL),
        field__isnull=True,
    ).values_list("procedure_id", "department_id", "target")
    rows = list(found)
    led = department_procedures([agency_id]) if any(d for p, d, _t in rows if not p) else {}
    targets: dict[int | None, float] = {}
    for procedure_id, department_id, target in rows:
        if procedure_id:
            keys: set[int | None] = {procedure_id}
        elif department_id:
            keys = set(led.get(department_id, set()))
        else:
            keys = {None}
        for key in keys:
            targets[key] = max(targets.get(key, 0.0), float(target))
    return targets


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """The quality objectives of the period's years (ISO 9001:2015, 9.3.2 c 2: the extent to
    which quality objectives have been met): each with its target, the value reached (frozen
    when evaluated, so far otherwise) and whether it is met."""
    objectives = list(
        Objective.objects.filter(agency=agency, year__gte=start.year, year__lte=end.year)
        .exclude(state=ObjectiveState.DRAFT)
        .select_related("department")
        .order_by("year", "number")
    )
    progress = progress_for(objectives)
    labels = {
        "met": _("Met"),
        "not_met": _("Not met"),
        "at_risk": _("Not met so far"),
        "no_data": _("No data yet"),
    }
    rows = []
    met = 0
    for objective in objectives:
        state = progress[objective.pk]
        met += state.status == "met"
        rows.append(
            [
                f"{objective.year}-{objective.number:02d}",
                objective.name,
                objective.department.name if objective.department else "",
                target_text(objective),
                state.value,
                labels[state.status],
            ]
        )
    summary = (
        _("%(met)s of %(total)s quality objectives met.") % {"met": met, "total": len(rows)}
        if rows
        else _("No approved quality objective for the period.")
    )
    return ReviewInput(
        headers=[
            _("No."),
            _("Objective"),
            _("Department"),
            _("Target"),
            _("Value reached"),
            _("Met"),
        ],
        rows=rows,
        summary=summary,
    )
