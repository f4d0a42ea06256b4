"""The values of quality objectives measured live from Chuẩn (ISO 9001:2015, 9.1.1 and
9.1.3: monitoring, measurement, analysis and evaluation).

Dossier measures add up the desk's monthly figures (`MonthlyFigure`), never the dossiers
themselves: a province's year is some tens of thousands of figure rows whatever the number of
dossiers. "Overdue now" is one COUNT over
the open dossiers past due, which the (agency, status, due_at) index answers.

Scopes of a dossier measure:

- the agency: every procedure of the agency;
- a procedure: that procedure's figures;
- a field: the figures of the procedures of the field (those with a version in it; the
  daily figures carry the field too, but reading a year of them costs a scan of the year);
- a department: the procedures whose current internal process the department leads, that is
  the department handling the most steps of the agency's latest approved edition of the
  process (ties go to the department of the earlier step). Figures carry no department: a
  procedure's dossiers are the department's when the department does most of the work on
  them, which is how the agency assigns a procedure to a department in its process.

Computed for many objectives at once (`progress_for`), with one query per kind of measure
(a query per 2,000 agency and procedure pairs for the scoped ones), so a list of objectives —
or a whole province's — costs a fixed handful of queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier, MonthlyFigure
from chuan.improvement import objectives_rules as rules
from chuan.improvement.choices import Measure, ObjectiveState
from chuan.improvement.models import Objective, ObjectiveMeasurement
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import ProcedureVersion, ProcessStep

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


_COLUMNS = tuple(_SUMS)
# The figures' columns in the same order as `_COLUMNS`.
_FIGURE_COLUMNS = (
    "finished_early",
    "finished_on_time",
    "finished_late",
    "rated_very_satisfied",
    "rated_satisfied",
    "rated_not_satisfied",
)
# measure: the positions in `_COLUMNS` of its numerator's and its denominator's counts
_FOLDS = {
    measure: tuple(tuple(_COLUMNS.index(name) for name in part) for part in parts)
    for measure, parts in DOSSIER_RATES.items()
}


def _fold(sums: tuple[Any, ...], measure: str) -> tuple[int, int]:
    numerator, denominator = _FOLDS[measure]
    return (
        sum(sums[i] or 0 for i in numerator),
        sum(sums[i] or 0 for i in denominator),
    )


def _add(counts: Counts, month: datetime.date, pair: tuple[int, int]) -> None:
    num, den = counts.get(month, (0, 0))
    counts[month] = (num + pair[0], den + pair[1])


def field_procedures(field_ids: Iterable[int]) -> dict[int, set[int]]:
    """The procedures of each field: those with a version in it."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = ProcedureVersion.objects.filter(field_id__in=list(field_ids)).values_list(
        "field_id", "procedure_id"
    )
    for field_id, procedure_id in rows.distinct():
        found[field_id].add(procedure_id)
    return found


def scopes(objectives: list[Objective]) -> dict[int, set[int] | None]:
    """The procedures each objective's dossier measure reads, None for the whole agency."""
    led = department_procedures({o.agency_id for o in objectives if o.department_id})
    fields = field_procedures({o.field_id for o in objectives if o.field_id})
    result: dict[int, set[int] | None] = {}
    for o in objectives:
        if o.procedure_id:
            result[o.pk] = {o.procedure_id}
        elif o.field_id:
            result[o.pk] = fields.get(o.field_id, set())
        elif o.department_id:
            result[o.pk] = led.get(o.department_id, set())
        else:
            result[o.pk] = None
    return result


def _by_agency(objectives: Iterable[Objective]) -> dict[int, list[Objective]]:
    grouped: dict[int, list[Objective]] = defaultdict(list)
    for objective in objectives:
        grouped[objective.agency_id].append(objective)
    return grouped


_PAIRS_PER_QUERY = 2000


def _slot_sums(
    pairs: list[tuple[int, int, int]], start: datetime.date, end: datetime.date
) -> Iterable[tuple[int, datetime.date, tuple[Any, ...]]]:
    """The monthly figures summed by slot and month, for (slot, agency, procedure) pairs."""
    table = connection.ops.quote_name(MonthlyFigure._meta.db_table)
    sums = ", ".join(f"SUM(figure.{column})" for column in _FIGURE_COLUMNS)
    for first in range(0, len(pairs), _PAIRS_PER_QUERY):
        batch = pairs[first : first + _PAIRS_PER_QUERY]
        values = ", ".join(
            ["(CAST(%s AS INTEGER), CAST(%s AS INTEGER), CAST(%s AS INTEGER))"] * len(batch)
        )
        sql = (
            f"WITH wanted(slot, agency_id, procedure_id) AS (VALUES {values}) "  # noqa: S608 - placeholders and our own names
            f"SELECT wanted.slot, figure.month, {sums} FROM wanted "
            f"JOIN {table} AS figure ON figure.agency_id = wanted.agency_id "
            "AND figure.procedure_id = wanted.procedure_id "
            "WHERE figure.month >= %s AND figure.month <= %s "
            "GROUP BY wanted.slot, figure.month"
        )
        params: list[Any] = [value for pair in batch for value in pair]
        params += [connection.ops.adapt_datefield_value(day) for day in (start, end)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for slot, month, *counts in cursor.fetchall():
                if not isinstance(month, datetime.date):
                    month = datetime.date.fromisoformat(str(month)[:10])
                yield slot, month, tuple(counts)


def _dossier_counts(objectives: list[Objective], year: int) -> dict[int, Counts]:
    """(numerator, denominator) by month for each dossier-rate objective: one query for the
    agencies as a whole, one for the objectives of some procedures."""
    wanted = [o for o in objectives if o.measure in DOSSIER_RATES]
    result: dict[int, Counts] = {o.pk: {} for o in wanted}
    if not wanted:
        return result
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    scope = scopes(wanted)
    monthly = MonthlyFigure.objects.filter(month__gte=start, month__lte=end)
    whole = _by_agency(o for o in wanted if scope[o.pk] is None)
    if whole:
        rows = (
            monthly.filter(agency_id__in=whole)
            .values("agency_id", "month")
            .annotate(**_SUMS)
            .values_list("agency_id", "month", *_COLUMNS)
        )
        for agency_id, month, *sums in rows:
            for objective in whole[agency_id]:
                _add(result[objective.pk], month, _fold(tuple(sums), objective.measure))
    # The objectives of some procedures: each distinct set of procedures of an agency is a
    # "slot", and one query sums the figures of every slot by month, joining the figures to
    # the (slot, agency, procedure) pairs through the (agency, procedure, month) index.
    slots: list[list[Objective]] = []
    pairs: list[tuple[int, int, int]] = []
    for agency_id, group in _by_agency(o for o in wanted if scope[o.pk]).items():
        seen: dict[frozenset[int], int] = {}
        for objective in group:
            procedures = frozenset(scope[objective.pk] or ())
            if procedures not in seen:
                seen[procedures] = len(slots)
                slots.append([])
                pairs += [(seen[procedures], agency_id, p) for p in sorted(procedures)]
            slots[seen[procedures]].append(objective)
    for slot, month, counts in _slot_sums(pairs, start, end):
        for objective in slots[slot]:
            _add(result[objective.pk], month, _fold(counts, objective.measure))
    return result


def _overdue_now(objectives: list[Objective], now: datetime.datetime) -> dict[int, int]:
    """Dossiers of the objective's scope in progress past their due time, now: one COUNT
    by agency and procedure over the open dossiers past due (the worklist's index)."""
    wanted = [o for o in objectives if o.measure == Measure.OVERDUE_NOW]
    if not wanted:
        return {}
    scope = scopes(wanted)
    grouped = _by_agency(wanted)
    rows = (
        Dossier.objects.filter(agency_id__in=grouped, status__in=IN_PROGRESS, due_at__lt=now)
        .values_list("agency_id", "version__procedure_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {o.pk: 0 for o in wanted}
    for agency_id, procedure_id, n in rows:
        for o in grouped[agency_id]:
            procedures = scope[o.pk]
            if procedures is None or procedure_id in procedures:
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


def _recorded(objectives: list[Objective]) -> dict[int, dict[datetime.date, Decimal]]:
    """The values recorded by hand, by objective and period."""
    manual = [o.pk for o in objectives if o.measure in rules.MANUAL_MEASURES]
    found: dict[int, dict[datetime.date, Decimal]] = defaultdict(dict)
    if manual:
        rows = ObjectiveMeasurement.objects.filter(objective_id__in=manual).values_list(
            "objective_id", "period", "value"
        )
        for objective_id, period, value in rows:
            found[objective_id][period] = value
    return found


def progress_for(
    objectives: Iterable[Objective], *, now: datetime.datetime | None = None
) -> dict[int, Progress]:
    """Each objective's progress by its id; evaluated ones show the value frozen at the
    year's end."""
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
        recorded = _recorded(group)
        for objective in group:
            progress = Progress(objective)
            if objective.measure in rules.MANUAL_MEASURES:
                values = recorded.get(objective.pk, {})
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
