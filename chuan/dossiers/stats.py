"""Statistics of the desk: report form 06 (Biểu 06/VPCP/KSTT, Circular 01/2020/TT-VPCP) and
the desk dashboard. Received, finished and ended counts are sums over the daily (report) and
monthly (dashboard) figures the services keep; only the split of dossiers still in progress
at the period's end (within time or overdue) reads dossiers, and only the open ones.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from chuan.dossiers.choices import Status
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


GROUPS = {"field": ("field_id", "field__name"), "agency": ("agency_id", "agency__name")}


def form06(
    *, agencies: QuerySet[Any], start: datetime.date, end: datetime.date, by: str = "field"
) -> Form06:
    """Form 06 for the agencies over [start, end], one row per field (or agency)."""
    key, name = GROUPS[by]
    figures = DailyFigure.objects.filter(agency__in=agencies)
    rows: dict[Any, Row] = {}

    def row(group: Any, label: str) -> Row:
        return rows.setdefault(group, Row(label))

    sums = {column: Sum(column) for column in COLUMNS}
    for line in figures.filter(day__gte=start, day__lte=end).values(key, name).annotate(**sums):
        target = row(line[key], line[name])
        for column in COLUMNS:
            setattr(target, column, line[column] or 0)
    before = figures.filter(day__lt=start).values(key, name).annotate(**sums)
    for line in before:
        ended = sum(line[c] or 0 for c in COLUMNS[2:])
        carried = (line["received_online"] or 0) + (line["received_direct"] or 0) - ended
        if carried:
            row(line[key], line[name]).carried_over = carried
    after = _midnight(end + datetime.timedelta(days=1))
    still_open = (
        Dossier.objects.filter(agency__in=agencies, received_at__lt=after)
        .exclude(status=Status.NOT_RECEIVED)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=after))
        .values(key, name)
        .annotate(
            overdue=Count("pk", filter=Q(due_at__lt=_midnight(end))),
            total=Count("pk"),
        )
    )
    for line in still_open:
        target = row(line[key], line[name])
        target.overdue = line["overdue"]
        target.within = line["total"] - line["overdue"]
    result = Form06(start, end, sorted(rows.values(), key=lambda r: r.label))
    for line in result.rows:
        result.total.add(line)
    return result


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
            status__in=(Status.RECEIVED, Status.PROCESSING),
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
