"""The values of quality objectives measured live from Chuẩn (ISO 9001:2015, 9.1.1 and
9.1.3: monitoring, measurement, analysis and evaluation).

Dossier measures add up the desk's monthly figures (`MonthlyFigure`; `DailyFigure` for a
field, the only figures that carry one), never the dossiers themselves: a province's year is
a few thousand figure rows whatever the number of dossiers. "Overdue now" is one COUNT over
the open dossiers past due, which the (agency, status, due_at) index answers.

Scopes of a dossier measure:

- the agency: every procedure of the agency;
- a procedure or a field: that procedure's or field's figures;
- a department: the procedures whose current internal process the department leads, that is
  the department handling the most steps of the agency's latest approved edition of the
  process (ties go to the department of the earlier step). Figures carry no department: a
  procedure's dossiers are the department's when the department does most of the work on
  them, which is how the agency assigns a procedure to a department in its process.

Computed for many objectives at once (`progress_for`), with one query per kind of measure,
so a list of objectives — or a whole province's — costs a fixed handful of queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.dossiers.choices import Status
from chuan.dossiers.models import DailyFigure, Dossier, MonthlyFigure
from chuan.improvement import objectives_rules as rules
from chuan.improvement.choices import Measure, ObjectiveState
from chuan.improvement.models import Objective
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import ProcessStep

DOSSIER_RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # measure: (numerator columns, denominator columns)
    Measure.ON_TIME: (("early", "on_time"), ("early", "on_time", "late")),
    Measure.EARLY: (("early",), ("early", "on_time", "late")),
    Measure.SATISFIED: (("very", "satisfied"), ("very", "satisfied", "not")),
    Measure.NOT_SATISFIED: (("not",), ("very", "satisfied", "not")),
}
_SUMS = {
    "early": Sum("finished_early"),
    "on_time": Sum("finished_on_time"),
    "late": Sum("finished_late"),
    "very": Sum("rated_very_satisfied"),
    "satisfied": Sum("rated_satisfied"),
    "not": Sum("rated_not_satisfied"),
}
IN_PROGRESS = (Status.RECEIVED, Status.PROCESSING)

Counts = dict[datetime.date, tuple[int, int]]


@dataclass
class Progress:
    """Where an objective stands: its value month by month, its value so far (or frozen at
    the year's end) and whether it meets the target."""

    objective: Objective
    series: list[tuple[datetime.date, float | None]] = field(default_factory=list)
    value: float | None = None
    status: str = "no_data"

    @property
    def chart(self) -> rules.Chart:
        objective = self.objective
        return rules.chart(
            self.series, float(objective.target), objective.unit, objective.comparison
        )


def department_procedures(agency_ids: Iterable[int]) -> dict[int, set[int]]:
    """The procedures each department leads (see the module's docstring), by department."""
    steps = (
        ProcessStep.objects.filter(
            process__agency_id__in=list(agency_ids),
            process__status=ProcessStatus.APPROVED,
            department__isnull=False,
        )
        .order_by("process__procedure_id", "-process__edition", "order")
        .values_list("process__procedure_id", "process__edition", "department_id", "order")
    )
    latest: dict[int, int] = {}
    tally: dict[int, dict[int, list[int]]] = defaultdict(dict)
    for procedure_id, edition, department_id, order in steps:
        if latest.setdefault(procedure_id, edition) != edition:
            continue
        count = tally[procedure_id].setdefault(department_id, [0, order])
        count[0] += 1
    led: dict[int, set[int]] = defaultdict(set)
    for procedure_id, by_department in tally.items():
        leader = min(by_department.items(), key=lambda item: (-item[1][0], item[1][1]))[0]
        led[leader].add(procedure_id)
    return led


def _fold(line: dict[str, Any], measure: str) -> tuple[int, int]:
    numerator, denominator = DOSSIER_RATES[measure]
    return (
        sum(line[name] or 0 for name in numerator),
        sum(line[name] or 0 for name in denominator),
    )


def _add(counts: Counts, month: datetime.date, pair: tuple[int, int]) -> None:
    num, den = counts.get(month, (0, 0))
    counts[month] = (num + pair[0], den + pair[1])


def _dossier_counts(objectives: list[Objective], year: int) -> dict[int, Counts]:
    """(numerator, denominator) by month for each dossier-rate objective."""
    wanted = [o for o in objectives if o.measure in DOSSIER_RATES]
    result: dict[int, Counts] = {o.pk: {} for o in wanted}
    if not wanted:
        return result
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    agency_ids = {o.agency_id for o in wanted}
    led = department_procedures(
        {o.agency_id for o in wanted if o.department_id and not (o.procedure_id or o.field_id)}
    )
    whole = [o for o in wanted if not (o.procedure_id or o.field_id or o.department_id)]
    by_procedure = [o for o in wanted if o.procedure_id or (o.department_id and not o.field_id)]
    by_field = [o for o in wanted if o.field_id and not o.procedure_id]
    monthly = MonthlyFigure.objects.filter(month__gte=start, month__lte=end)
    if whole:
        rows = (
            monthly.filter(agency_id__in={o.agency_id for o in whole})
            .values("agency_id", "month")
            .annotate(**_SUMS)
        )
        for line in rows:
            for objective in whole:
                if objective.agency_id == line["agency_id"]:
                    _add(result[objective.pk], line["month"], _fold(line, objective.measure))
    if by_procedure:
        procedures: dict[int, set[int]] = {}
        for objective in by_procedure:
            procedures[objective.pk] = (
                {objective.procedure_id}
                if objective.procedure_id
                else led.get(objective.department_id or 0, set())
            )
        wanted_ids = set().union(*procedures.values())
        rows = (
            monthly.filter(agency_id__in=agency_ids, procedure_id__in=wanted_ids)
            .values("agency_id", "procedure_id", "month")
            .annotate(**_SUMS)
        )
        for line in rows:
            for objective in by_procedure:
                if (
                    objective.agency_id == line["agency_id"]
                    and line["procedure_id"] in procedures[objective.pk]
                ):
                    _add(result[objective.pk], line["month"], _fold(line, objective.measure))
    if by_field:
        daily = (
            DailyFigure.objects.filter(
                day__gte=start,
                day__lte=end,
                agency_id__in={o.agency_id for o in by_field},
                field_id__in={o.field_id for o in by_field},
            )
            .annotate(month=TruncMonth("day"))
            .values("agency_id", "field_id", "month")
            .annotate(**_SUMS)
        )
        for line in daily:
            month = line["month"]
            month = month.date() if isinstance(month, datetime.datetime) else month
            for objective in by_field:
                if (objective.agency_id, objective.field_id) == (
                    line["agency_id"],
                    line["field_id"],
                ):
                    _add(result[objective.pk], month, _fold(line, objective.measure))
    return result


def _overdue_now(objectives: list[Objective], now: datetime.datetime) -> dict[int, int]:
    """Dossiers of the objective's scope in progress past their due time, now."""
    wanted = [o for o in objectives if o.measure == Measure.OVERDUE_NOW]
    if not wanted:
        return {}
    led = department_procedures({o.agency_id for o in wanted if o.department_id})
    rows = (
        Dossier.objects.filter(
            agency_id__in={o.agency_id for o in wanted},
            status__in=IN_PROGRESS,
            due_at__lt=now,
        )
        .values_list("agency_id", "version__procedure_id", "field_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {o.pk: 0 for o in wanted}
    for agency_id, procedure_id, field_id, n in rows:
        for o in wanted:
            if o.agency_id != agency_id:
                continue
            if o.procedure_id and o.procedure_id != procedure_id:
                continue
            if o.field_id and o.field_id != field_id:
                continue
            by_department = o.department_id and not (o.procedure_id or o.field_id)
            if by_department and procedure_id not in led.get(o.department_id or 0, set()):
                continue
            result[o.pk] += n
    return result


def _reviews(objectives: list[Objective], year: int, today: datetime.date) -> dict[int, Counts]:
    """Reviews of legal changes whose legal deadline (QĐ 19/2014/QĐ-TTg Art. 4.4a: three
    months) falls in the month: answered by it (closed with a new revision or a "no change
    needed" decision on or before that day) over those due, counted once closed or once
    the deadline has passed."""
    wanted = [o for o in objectives if o.measure == Measure.REVIEWS_ON_TIME]
    if not wanted:
        return {}
    rows = ReviewRequest.objects.filter(
        agency_id__in={o.agency_id for o in wanted}, legal_due_on__year=year
    ).values_list("agency_id", "legal_due_on", "status", "closed_at")
    by_agency: dict[int, Counts] = defaultdict(dict)
    for agency_id, due_on, status, closed_at in rows:
        if due_on is None:
            continue
        closed = status != ReviewStatus.OPEN and closed_at is not None
        if not closed and due_on >= today:
            continue
        on_time = closed and timezone.localdate(closed_at) <= due_on
        _add(by_agency[agency_id], due_on.replace(day=1), (int(on_time), 1))
    return {o.pk: by_agency.get(o.agency_id, {}) for o in wanted}


def _actions(objectives: list[Objective], year: int, today: datetime.date) -> dict[int, Counts]:
    """Corrective actions closed on time, month by month, as the nonconformities concern
    counts them; no data until that concern offers its count."""
    wanted = [o for o in objectives if o.measure == Measure.ACTIONS_ON_TIME]
    if not wanted:
        return {}
    module = import_module("chuan.improvement.selectors.nonconformities")
    count = getattr(module, "corrective_actions_on_time", None)
    result: dict[int, Counts] = {o.pk: {} for o in wanted}
    if count is None:
        return result
    by_agency: dict[int, Counts] = {}
    for objective in wanted:
        if objective.agency_id not in by_agency:
            counts: Counts = {}
            for month in rules.months_of(year):
                if month > today:
                    break
                following = (month + datetime.timedelta(days=32)).replace(day=1)
                end = following - datetime.timedelta(days=1)
                counts[month] = tuple(count(agency_id=objective.agency_id, start=month, end=end))
            by_agency[objective.agency_id] = counts
        result[objective.pk] = by_agency[objective.agency_id]
    return result


def progress_for(
    objectives: Iterable[Objective], *, now: datetime.datetime | None = None
) -> dict[int, Progress]:
    """Each objective's progress by its id. Manual ones need their `measurements`
    prefetched; evaluated ones show the value frozen at the year's end."""
    objectives = list(objectives)
    now = now or timezone.now()
    today = timezone.localdate(now)
    result: dict[int, Progress] = {}
    by_year: dict[int, list[Objective]] = defaultdict(list)
    for objective in objectives:
        by_year[objective.year].append(objective)
    for year, group in by_year.items():
        counts = {
            **_dossier_counts(group, year),
            **_reviews(group, year, today),
            **_actions(group, year, today),
        }
        overdue = _overdue_now(group, now)
        for objective in group:
            progress = Progress(objective)
            if objective.measure in rules.MANUAL_MEASURES:
                values = {m.period: m.value for m in objective.measurements.all()}
                progress.series = rules.manual_series(values, year)
                progress.value = rules.latest_value(progress.series)
            elif objective.measure == Measure.OVERDUE_NOW:
                value = overdue.get(objective.pk, 0)
                month = today.replace(day=1)
                progress.series = [
                    (m, float(value) if m == month else None) for m in rules.months_of(year)
                ]
                progress.value = float(value) if year == today.year else None
            else:
                own = counts.get(objective.pk, {})
                progress.series = rules.rate_series(own, year)
                progress.value = rules.rate_to_date(own, year)
            if objective.state == ObjectiveState.EVALUATED:
                frozen = objective.value_reached
                progress.value = float(frozen) if frozen is not None else None
                progress.status = "met" if objective.met else "not_met"
            else:
                progress.status = rules.status_of(
                    progress.value, objective.comparison, objective.target
                )
            result[objective.pk] = progress
    return result
