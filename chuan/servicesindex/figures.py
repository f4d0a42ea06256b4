"""What the index reads, in a fixed number of queries whatever the number of dossiers: the
desk's monthly figures (sums per procedure, or per agency and procedure), the dossiers still
open (a handful, through the worklist index), the catalogue in force (once for the whole
window), and the feedback register's dossiers through its adapter."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from chuan.calendars.selectors import working_calendar
from chuan.dossiers.choices import EventKind, Satisfaction
from chuan.dossiers.models import Dossier, DossierEvent, MonthlyFigure
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.selectors import RUNNING
from chuan.procedures.models import DossierComponent, ProcedureVersion
from chuan.servicesindex import rules
from chuan.servicesindex.compute import CatalogueEntry, MonthInputs, ProcedureMonth
from chuan.servicesindex.feedback import FeedbackSource, dossiers_with_feedback

SUMS = {
    "received_online": Sum("received_online"),
    "received_direct": Sum("received_direct"),
    "early": Sum("finished_early"),
    "on_time": Sum("finished_on_time"),
    "late": Sum("finished_late"),
    "digitised": Sum("digitised"),
    "electronic_result": Sum("electronic_result"),
    "not_satisfied": Sum("rated_not_satisfied"),
    "handled": Sum("handled"),
    "handled_minutes": Sum("handled_minutes"),
}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def months_back(month: datetime.date, count: int) -> list[datetime.date]:
    """`count` months ending with `month`, oldest first."""
    months = [month_start(month)]
    while len(months) < count:
        months.insert(0, month_start(months[0] - datetime.timedelta(days=1)))
    return months


def month_end_instant(month: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """When the month is judged: its end, or now for the month still running."""
    end = datetime.datetime.combine(next_month(month), datetime.time(0), tzinfo=VIETNAM)
    return min(end, now)


def reference_day(month: datetime.date, today: datetime.date) -> datetime.date:
    """The day the month's catalogue is read on: its last day, or today in the month."""
    return min(next_month(month) - datetime.timedelta(days=1), today)


@dataclass(frozen=True)
class Scope:
    """Whose index: the agencies counted, the provinces whose catalogue applies and the unit
    level of the catalogue (an agency's level; empty for the province as a whole)."""

    agency_ids: tuple[int, ...]
    province_ids: frozenset[int]
    level: str = ""
    province_id: int | None = None  # whose working calendar measures the day


def catalogue_window(
    scope: Scope, first: datetime.date, last: datetime.date
) -> list[tuple[ProcedureVersion, tuple[str, ...]]]:
    """Every version in force at some time in [first, last] with what it lacks to be
    complete: one query (the component and legal-basis counts as subqueries)."""
    basis = ProcedureVersion.legal_basis.through.objects.filter(procedureversion_id=OuterRef("pk"))
    versions = (
        ProcedureVersion.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=first),
            valid_from__lte=last,
            procedure__province_id__in=scope.province_ids,
        )
        .annotate(
            has_components=Exists(DossierComponent.objects.filter(version_id=OuterRef("pk"))),
            has_basis=Exists(basis),
        )
        .select_related("procedure")
        .only(
            "procedure__code",
            "name",
            "valid_from",
            "valid_to",
            "time_amount",
            "time_unit",
            "online_level",
            "levels",
            "result",
        )
    )
    if scope.level:
        versions = versions.filter(levels__contains=scope.level)
    rows: list[tuple[ProcedureVersion, tuple[str, ...]]] = []
    for version in versions:
        missing = rules.missing_parts(
            rules.Publishable(
                name=version.name,
                components=int(version.has_components),
                time_amount=version.time_amount,
                time_unit=version.time_unit,
                result=version.result,
                legal_basis=int(version.has_basis),
            )
        )
        rows.append((version, tuple(missing)))
    return rows


def catalogue_on(
    window: Sequence[tuple[ProcedureVersion, tuple[str, ...]]], day: datetime.date
) -> list[CatalogueEntry]:
    """The procedures in force on `day` (one version each) from the window's versions."""
    entries: dict[int, CatalogueEntry] = {}
    for version, missing in window:
        if version.valid_from > day or (version.valid_to is not None and version.valid_to < day):
            continue
        entries[version.procedure_id] = CatalogueEntry(
            procedure_id=version.procedure_id,
            code=version.procedure.code,
            name=version.name,
            time_amount=Decimal(version.time_amount),
            time_unit=version.time_unit,
            online_level=version.online_level,
            levels=version.levels,
            missing=missing,
        )
    return sorted(entries.values(), key=lambda e: e.code)


def _procedure_months(
    agency_ids: Sequence[int], months: Sequence[datetime.date], by: str
) -> dict[Any, dict[int, ProcedureMonth]]:
    """The monthly figures summed per procedure, keyed by month (by="month") or agency."""
    result: dict[Any, dict[int, ProcedureMonth]] = {}
    rows = (
        MonthlyFigure.objects.filter(agency_id__in=agency_ids, month__in=list(months))
        .values(by if by != "agency" else "agency_id", "procedure_id")
        .annotate(**SUMS)
        .order_by()
    )
    key = "month" if by == "month" else "agency_id"
    for row in rows:
        values = {name: row[name] or 0 for name in SUMS}
        result.setdefault(row[key], {})[row["procedure_id"]] = ProcedureMonth(
            row["procedure_id"], **values
        )
    return result


def _open_counts(
    agency_ids: Sequence[int], ends: Sequence[datetime.datetime], by_agency: bool
) -> dict[Any, list[tuple[int, int]]]:
    """For each end: the dossiers still running now that were open then, within time and
    overdue (a dossier since finished is counted in its finish month instead)."""
    aggregates: dict[str, Any] = {}
    for i, end in enumerate(ends):
        aggregates[f"w{i}"] = Count(
            "pk", filter=Q(received_at__lt=end) & (Q(due_at__gte=end) | Q(due_at__isnull=True))
        )
        aggregates[f"o{i}"] = Count("pk", filter=Q(received_at__lt=end, due_at__lt=end))
    # Grouped by agency in either case: the planners then walk the worklist index (agency,
    # status, due time) rather than a date index over every dossier.
    running = Dossier.objects.filter(agency_id__in=agency_ids, status__in=RUNNING)
    rows = running.values("agency_id").annotate(**aggregates).order_by()
    result: dict[Any, list[tuple[int, int]]] = {}
    for row in rows:
        key = row["agency_id"] if by_agency else None
        counts = [(row[f"w{i}"] or 0, row[f"o{i}"] or 0) for i in range(len(ends))]
        known = result.get(key)
        result[key] = (
            counts
            if known is None
            else [(a + c, b + d) for (a, b), (c, d) in zip(known, counts, strict=True)]
        )
    return result


def _feedback_or_dislike(
    agency_ids: Sequence[int],
    month: datetime.date,
    not_satisfied: dict[Any, int],
    source: FeedbackSource | None,
    by_agency: bool,
) -> tuple[dict[Any, int], bool]:
    """Dossiers with feedback in the month or rated "not satisfied" in it, each once."""
    end = next_month(month) - datetime.timedelta(days=1)
    found = dossiers_with_feedback(agency_ids=agency_ids, start=month, end=end, source=source)
    counts = dict(not_satisfied)
    if not found.ids:
        return counts, found.available
    start_at = datetime.datetime.combine(month, datetime.time(0), tzinfo=VIETNAM)
    end_at = datetime.datetime.combine(next_month(month), datetime.time(0), tzinfo=VIETNAM)
    # Feedback dossiers already counted by their rating this month are not counted twice.
    rated = set(
        DossierEvent.objects.filter(
            kind=EventKind.RATED,
            at__gte=start_at,
            at__lt=end_at,
            dossier_id__in=found.ids,
            dossier__satisfaction=Satisfaction.NOT_SATISFIED,
        ).values_list("dossier_id", flat=True)
    )
    owners = dict(
        Dossier.objects.filter(pk__in=found.ids, agency_id__in=agency_ids).values_list(
            "pk", "agency_id"
        )
    )
    for dossier_id, agency_id in owners.items():
        if dossier_id in rated:
            continue
        key = agency_id if by_agency else None
        counts[key] = counts.get(key, 0) + 1
    return counts, found.available


def day_minutes(scope: Scope) -> int:
    if scope.province_id is None:
        return 8 * 60
    length = working_calendar(scope.province_id).day_length
    return int(length.total_seconds() // 60)


def trend_inputs(
    scope: Scope,
    months: Sequence[datetime.date],
    *,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> list[MonthInputs]:
    """The inputs of each month for the scope as a whole."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    figures = _procedure_months(scope.agency_ids, months, "month")
    ends = [month_end_instant(month, now) for month in months]
    opens = _open_counts(scope.agency_ids, ends, by_agency=False).get(None) or [(0, 0)] * len(ends)
    window = catalogue_window(scope, months[0], reference_day(months[-1], today))
    minutes = day_minutes(scope)
    result = []
    for i, month in enumerate(months):
        procedures = figures.get(month, {})
        dislike = sum(p.not_satisfied for p in procedures.values())
        counts, available = _feedback_or_dislike(
            scope.agency_ids, month, {None: dislike}, feedback, by_agency=False
        )
        result.append(
            MonthInputs(
                month=month,
                procedures=procedures,
                catalogue=catalogue_on(window, reference_day(month, today)),
                open_within=opens[i][0],
                open_overdue=opens[i][1],
                feedback_or_dislike=counts.get(None, 0),
                feedback_available=available,
                day_minutes=minutes,
            )
        )
    return result


def agency_inputs(
    scope: Scope,
    month: datetime.date,
    levels: dict[int, str],
    *,
    feedback: FeedbackSource | None = None,
    now: datetime.datetime | None = None,
) -> dict[int, MonthInputs]:
    """The month's inputs of each agency of the scope (the province's drill-down), each
    with the catalogue at its own level."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    figures = _procedure_months(scope.agency_ids, [month], "agency")
    opens = _open_counts(scope.agency_ids, [month_end_instant(month, now)], by_agency=True)
    day = reference_day(month, today)
    catalogue = catalogue_on(catalogue_window(scope, month, day), day)
    dislike = {
        agency_id: sum(p.not_satisfied for p in procedures.values())
        for agency_id, procedures in figures.items()
    }
    counts, available = _feedback_or_dislike(
        scope.agency_ids, month, dislike, feedback, by_agency=True
    )
    minutes = day_minutes(scope)
    result = {}
    for agency_id in scope.agency_ids:
        level = levels.get(agency_id, "")
        within, overdue = (opens.get(agency_id) or [(0, 0)])[0]
        result[agency_id] = MonthInputs(
            month=month,
            procedures=figures.get(agency_id, {}),
            catalogue=[e for e in catalogue if not level or level in e.levels.split()],
            open_within=within,
            open_overdue=overdue,
            feedback_or_dislike=counts.get(agency_id, 0),
            feedback_available=available,
            day_minutes=minutes,
        )
    return result
