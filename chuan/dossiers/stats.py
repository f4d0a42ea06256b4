"""Statistics of the desk: report form 06 (Biểu 06/VPCP/KSTT, Circular 01/2020/TT-VPCP) and
the desk dashboard. Received, finished and ended counts are sums over the monthly figures the
services keep (and the daily ones for the days of a month the period cuts), so they cost the
months asked for, not the dossiers; only the split of dossiers still in progress at the
period's end (within time or overdue) reads dossiers, and only those open at that end.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from chuan.core.working_time import add_months
from chuan.dossiers.choices import OPEN_STATUSES, Status
from chuan.dossiers.models import DailyFigure, Dossier, MonthlyFigure
from chuan.dossiers.rules import VIETNAM

COLUMNS = (
    "received_online",
    "received_direct",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "ended_otherwise",
)


@dataclass
class Row:
    """One line of form 06 (a field, an agency or the total)."""

    label: str
    received_online: int = 0
    received_direct: int = 0
    carried_over: int = 0
    finished_early: int = 0
    finished_on_time: int = 0
    finished_late: int = 0
    ended_otherwise: int = 0
    within: int = 0
    overdue: int = 0

    @property
    def received(self) -> int:
        return self.received_online + self.received_direct + self.carried_over

    @property
    def finished(self) -> int:
        return self.finished_early + self.finished_on_time + self.finished_late

    @property
    def in_progress(self) -> int:
        return self.within + self.overdue

    def add(self, other: "Row") -> None:
        for name in (*COLUMNS, "carried_over", "within", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Form06:
    start: datetime.date
    end: datetime.date
    rows: list[Row]
    total: Row = field(default_factory=lambda: Row(""))


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=VIETNAM)


GROUPS = {"field": "field_id", "agency": "agency_id"}


def whole_months(
    start: datetime.date | None, end: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The first days of the first and the last calendar month lying wholly within
    [start, end] (from the beginning of time when `start` is None), or None when no month
    does: what the monthly figures can answer; the days around them come from the daily."""
    first = None
    if start is not None:
        first = start if start.day == 1 else add_months(start.replace(day=1), 1)
    after = end + datetime.timedelta(days=1)
    last = add_months(end.replace(day=1), -1) if after.day != 1 else end.replace(day=1)
    if first is not None and first > last:
        return None
    return (first or datetime.date.min, last)


def _month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


Counts = dict[Any, list[int]]


def _add(totals: Counts, group: Any, line: dict[str, Any]) -> None:
    counts = totals.setdefault(group, [0] * len(COLUMNS))
    for index, column in enumerate(COLUMNS):
        counts[index] += line[column] or 0


def _figure_counts(
    agencies: QuerySet[Any], start: datetime.date | None, end: datetime.date, by: str
) -> Counts:
    """Each field's (agency's) COLUMNS summed over [start, end] (since the first figures
    when `start` is None): whole months from the monthly figures, the days of months cut by
    the period from the daily ones, so the rows read grow with the months asked for and not
    with the dossiers. Monthly figures have no field: a procedure's field is its versions'
    one; a procedure whose versions moved it to another field is read from the daily
    figures, as the dossiers of each version were counted in their own field."""
    key = GROUPS[by]
    sums = {column: Sum(column) for column in COLUMNS}
    daily = DailyFigure.objects.filter(agency__in=agencies)
    totals: Counts = {}
    days: list[tuple[datetime.date | None, datetime.date]] = []
    months = whole_months(start, end)
    if months is None:
        days.append((start, end))
    else:
        first, last = months
        if start is not None and start < first:
            days.append((start, first - datetime.timedelta(days=1)))
        if _month_end(last) < end:
            days.append((_month_end(last) + datetime.timedelta(days=1), end))
        monthly = MonthlyFigure.objects.filter(agency__in=agencies, month__lte=last)
        if start is not None:
            monthly = monthly.filter(month__gte=first)
        if by == "agency":
            for line in monthly.values("agency_id").annotate(**sums):
                _add(totals, line["agency_id"], line)
        else:
            lines = list(monthly.values("procedure_id").annotate(**sums))
            fields = _single_fields([line["procedure_id"] for line in lines])
            moved = []
            for line in lines:
                field_id = fields.get(line["procedure_id"])
                if field_id is None:
                    moved.append(line["procedure_id"])
                else:
                    _add(totals, field_id, line)
            if moved:
                span = daily.filter(procedure_id__in=moved, day__lte=_month_end(last))
                if start is not None:
                    span = span.filter(day__gte=first)
                for line in span.values(key).annotate(**sums):
                    _add(totals, line[key], line)
    for since, until in days:
        span = daily.filter(day__lte=until)
        if since is not None:
            span = span.filter(day__gte=since)
        for line in span.values(key).annotate(**sums):
            _add(totals, line[key], line)
    return totals


def _single_fields(procedure_ids: list[int]) -> dict[int, int]:
    """The field of each procedure whose versions all share one."""
    from chuan.procedures.models import ProcedureVersion

    fields: dict[int, set[int]] = {}
    for procedure_id, field_id in (
        ProcedureVersion.objects.filter(procedure_id__in=procedure_ids)
        .values_list("procedure_id", "field_id")
        .distinct()
    ):
        fields.setdefault(procedure_id, set()).add(field_id)
    return {pk: next(iter(ids)) for pk, ids in fields.items() if len(ids) == 1}


def form06(
    *, agencies: QuerySet[Any], start: datetime.date, end: datetime.date, by: str = "field"
) -> Form06:
    """Form 06 for the agencies over [start, end], one row per field (or agency)."""
    key = GROUPS[by]
    rows: dict[Any, Row] = {}

    def row(group: Any) -> Row:
        return rows.setdefault(group, Row(""))

    for group, counts in _figure_counts(agencies, start, end, by).items():
        target = row(group)
        for column, value in zip(COLUMNS, counts, strict=True):
            setattr(target, column, value)
    before = start - datetime.timedelta(days=1)
    for group, counts in _figure_counts(agencies, None, before, by).items():
        carried = counts[0] + counts[1] - sum(counts[2:])
        if carried:
            row(group).carried_over = carried
    after = _midnight(end + datetime.timedelta(days=1))
    for group, (total, overdue) in _open_at(agencies, after, _midnight(end), key).items():
        target = row(group)
        target.overdue = overdue
        target.within = total - overdue
    labels = _labels(by, list(rows))
    for group, line in rows.items():
        line.label = labels.get(group, "")
    result = Form06(start, end, sorted(rows.values(), key=lambda r: r.label))
    for line in result.rows:
        result.total.add(line)
    return result


def _open_at(
    agencies: QuerySet[Any], after: datetime.datetime, overdue_before: datetime.datetime, key: str
) -> dict[Any, tuple[int, int]]:
    """(open, of which due before `overdue_before`) by field (agency) among the dossiers
    received before `after` and not ended by then: those still open today, read from the
    partial index of open dossiers alone, and those ended since `after` (none for a period
    ending today), found by the index on the end time."""
    received = Dossier.objects.filter(agency__in=agencies, received_at__lt=after).exclude(
        status=Status.NOT_RECEIVED
    )
    counts: dict[Any, tuple[int, int]] = {}
    open_now = received.filter(status__in=OPEN_STATUSES)  # the same as without an end time
    for part in (open_now, received.filter(ended_at__gte=after)):
        for line in part.values(key).annotate(
            overdue=Count("pk", filter=Q(due_at__lt=overdue_before)), total=Count("pk")
        ):
            total, overdue = counts.get(line[key], (0, 0))
            counts[line[key]] = (total + line["total"], overdue + line["overdue"])
    return counts


def _labels(by: str, ids: list[Any]) -> dict[Any, str]:
    from chuan.organisations.models import Agency
    from chuan.procedures.models import Field

    model = Agency if by == "agency" else Field
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))


@dataclass(frozen=True)
class Dashboard:
    months: list[tuple[datetime.date, int, int]]  # month, finished, early or on time
    overdue_now: int
    overdue_by_agency: list[tuple[str, int]]
    by_procedure: list[tuple[str, str, int, int]]  # code, name, finished, late
    received_this_month: int


def dashboard(*, agencies: QuerySet[Any], today: datetime.date | None = None) -> Dashboard:
    """The desk at a glance for the agencies: on-time rate by month over the last twelve,
    dossiers overdue now by agency, and the procedures most often late."""
    today = today or timezone.localdate()
    since = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    figures = MonthlyFigure.objects.filter(agency__in=agencies, month__gte=since, month__lte=today)
    # One pass over the year's monthly figures; months and procedures are both sums of it.
    by_month: dict[datetime.date, list[int]] = {}
    by_procedure: dict[tuple[int, str], list[int]] = {}
    received = 0
    month_start = today.replace(day=1)
    for line in figures.values("month", "procedure_id", "procedure__code").annotate(
        early=Sum("finished_early"),
        on_time=Sum("finished_on_time"),
        late=Sum("finished_late"),
        received=Sum("received_online") + Sum("received_direct"),
    ):
        early, on_time, late = line["early"] or 0, line["on_time"] or 0, line["late"] or 0
        month = line["month"]
        totals = by_month.setdefault(month, [0, 0])
        totals[0] += early + on_time + late
        totals[1] += early + on_time
        counts = by_procedure.setdefault((line["procedure_id"], line["procedure__code"]), [0, 0])
        counts[0] += early + on_time + late
        counts[1] += late
        if month >= month_start:
            received += line["received"] or 0
    months = [(month, by_month[month][0], by_month[month][1]) for month in sorted(by_month)]
    overdue = (
        Dossier.objects.filter(
            agency__in=agencies,
            status__in=(Status.RECEIVED, Status.PROCESSING),  # the open dossiers' index
            due_at__lt=timezone.now(),
        )
        .values("agency__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "agency__name")
    )
    by_agency = [(line["agency__name"], line["n"]) for line in overdue]
    worst = sorted(
        ((key, n) for key, n in by_procedure.items() if n[0]),
        key=lambda item: (-item[1][1], -item[1][0], item[0][1]),
    )[:10]
    names = _procedure_names([procedure_id for (procedure_id, _code), _n in worst])
    return Dashboard(
        months=months,
        overdue_now=sum(n for _name, n in by_agency),
        overdue_by_agency=by_agency[:10],
        by_procedure=[
            (code, names.get(procedure_id, ""), finished, late)
            for (procedure_id, code), (finished, late) in worst
        ],
        received_this_month=received,
    )


def _procedure_names(ids: list[int]) -> dict[int, str]:
    from chuan.procedures.models import ProcedureVersion

    # Ordered by number, so the latest version's name wins.
    return dict(
        ProcedureVersion.objects.filter(procedure_id__in=ids)
        .order_by("procedure_id", "number")
        .values_list("procedure_id", "name")
    )
