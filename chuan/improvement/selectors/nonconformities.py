"""Reads of the improvement cycle's nonconformities and actions: the register (sổ theo dõi
sự không phù hợp và hành động khắc phục), one request with its actions, the actions each
official owes, and what the management review and the objectives take from them
(ISO 9001:2015, 9.3.2 c and e, 10.2)."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from chuan.improvement.choices import ActionState, NcSource, NcState, Severity
from chuan.improvement.models import Action, Nonconformity
from chuan.improvement.nc_states import OPEN_STATES
from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency
from chuan.organisations.scoping import scope_queryset

# Where an action is under way: its request approved, or no request at all (an output of a
# management review, followed the same way).
UNDER_WAY = Q(nonconformity__isnull=True) | Q(nonconformity__state=NcState.APPROVED)


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters, each already checked (empty: not filtered)."""

    state: str = ""
    source: str = ""
    severity: str = ""
    department_id: int | None = None
    year: int | None = None
    overdue: bool = False


def _overdue_actions(today: datetime.date) -> Any:
    return Action.objects.filter(
        UNDER_WAY, nonconformity=OuterRef("pk"), state=ActionState.OPEN, due_on__lt=today
    )


def nc_register(
    *, user: Any, agency_id: int | None, filters: RegisterFilters, today: datetime.date
) -> QuerySet[Nonconformity]:
    """The requests `user` sees (of one agency, or of every agency they see), newest first,
    each with its department, its open actions' next due date and whether one is overdue."""
    requests = scope_queryset(Nonconformity.objects.all(), user)
    if agency_id is not None:
        requests = requests.filter(agency_id=agency_id)
    if filters.state:
        requests = requests.filter(state=filters.state)
    if filters.source:
        requests = requests.filter(source=filters.source)
    if filters.severity:
        requests = requests.filter(severity=filters.severity)
    if filters.department_id:
        requests = requests.filter(department_id=filters.department_id)
    if filters.year:
        requests = requests.filter(year=filters.year)
    requests = requests.annotate(
        is_overdue=Exists(_overdue_actions(today)),
        next_due=Min("actions__due_on", filter=Q(actions__state=ActionState.OPEN)),
        action_count=Count("actions", filter=~Q(actions__state=ActionState.CANCELLED)),
    )
    if filters.overdue:
        requests = requests.filter(is_overdue=True)
    return requests.select_related("department", "agency", "repeats").order_by(
        "-year", "-number", "pk"
    )


def with_actions(requests: QuerySet[Nonconformity]) -> QuerySet[Nonconformity]:
    """The same requests with their actions and owners (the register's export)."""
    return requests.prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner").order_by("order"),
        )
    )


def nc_get(*, user: Any, pk: int) -> Nonconformity | None:
    """One request `user` may see, with who signed each part and its actions."""
    return (
        scope_queryset(Nonconformity.objects.all(), user)
        .select_related(
            "agency",
            "agency__unit",
            "department",
            "procedure",
            "found_by",
            "confirmed_by",
            "planned_by",
            "approved_by",
            "verified_by",
            "repeats",
        )
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner", "done_by").order_by("order"),
            ),
            "dossiers",
        )
        .filter(pk=pk)
        .first()
    )


def action_get(*, user: Any, pk: int) -> Action | None:
    return (
        scope_queryset(Action.objects.all(), user)
        .select_related("nonconformity", "owner")
        .filter(pk=pk)
        .first()
    )


def actions_due(*, user: Any, today: datetime.date) -> QuerySet[Action]:
    """The open actions `user` is responsible for and may carry out now (their request
    approved, or an output of a management review), overdue first, then by due date."""
    if not user.is_authenticated:
        return Action.objects.none()
    return (
        Action.objects.filter(UNDER_WAY, owner=user, state=ActionState.OPEN)
        .select_related("nonconformity")
        .order_by("due_on", "order", "pk")
    )


def actions_summary(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """The home page's lines: my open actions (the first five) and how many are overdue."""
    mine = actions_due(user=user, today=today)
    first = list(mine[:5])
    if len(first) < 5:  # all of them are here: no second query to count them
        counts = {"total": len(first), "overdue": sum(a.due_on < today for a in first)}
    else:
        counts = mine.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    return {
        "actions": first,
        "total": counts["total"],
        "overdue": counts["overdue"],
        "today": today,
    }


def card_counts(*, agency_id: int, today: datetime.date) -> dict[str, int]:
    """The cycle's front page: requests still open and actions past their due date."""
    open_count = Nonconformity.objects.filter(agency_id=agency_id, state__in=OPEN_STATES).count()
    overdue = Action.objects.filter(
        UNDER_WAY, agency_id=agency_id, state=ActionState.OPEN, due_on__lt=today
    ).count()
    return {"open": open_count, "overdue": overdue}


def corrective_actions_on_time(
    *, agency_id: int, start: datetime.date, end: datetime.date
) -> tuple[int, int]:
    """Corrective actions of the agency due in `start`–`end` done on or before their due
    date, and all of them (cancelled ones left out): the objective "corrective actions
    closed on time"."""
    counts = Action.objects.filter(
        agency_id=agency_id,
        nonconformity__isnull=False,
        due_on__gte=start,
        due_on__lte=end,
    ).aggregate(
        due=Count("pk", filter=~Q(state=ActionState.CANCELLED)),
        on_time=Count("pk", filter=Q(state=ActionState.DONE, done_on__lte=F("due_on"))),
    )
    return counts["on_time"], counts["due"]


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """What this concern brings to a management review of `agency` for `start`–`end`
    (ISO 9001:2015, 9.3.2 c 4 and e): the requests found in the period by source and
    severity, how many are open, closed and with actions overdue at the period's end, the
    ones reopened and the root causes that came back."""
    found = list(
        Nonconformity.objects.filter(agency=agency, found_on__gte=start, found_on__lte=end)
        .select_related("repeats")
        .annotate(is_overdue=Exists(_overdue_actions(end + datetime.timedelta(days=1))))
        .order_by("year", "number")
    )
    by_cell = Counter((nc.source, nc.severity) for nc in found)
    severities = list(Severity)
    headers = [str(_("Found through")), *[str(s.label) for s in severities], str(_("Total"))]
    rows: list[list[Any]] = []
    for source in NcSource:
        counts = [by_cell[(source.value, s.value)] for s in severities]
        if sum(counts):
            rows.append([str(source.label), *counts, sum(counts)])
    totals = [sum(by_cell[(src, s.value)] for src in NcSource.values) for s in severities]
    rows.append([str(_("Total")), *totals, sum(totals)])
    open_count = sum(nc.state in OPEN_STATES for nc in found)
    closed = sum(nc.state == NcState.CLOSED for nc in found)
    overdue = sum(nc.is_overdue for nc in found)
    reopened = [nc.code for nc in found if nc.reopened_count]
    repeated = [f"{nc.code} ({nc.repeats.code})" for nc in found if nc.repeats]
    summary = _(
        "%(total)s nonconformities were found in the period: %(closed)s closed, %(open)s still "
        "open, %(overdue)s with actions overdue."
    ) % {"total": len(found), "closed": closed, "open": open_count, "overdue": overdue}
    if reopened:
        summary += " " + _("Reopened after an ineffective verification: %(codes)s.") % {
            "codes": ", ".join(reopened)
        }
    if repeated:
        summary += " " + _("Root causes that came back: %(codes)s.") % {
            "codes": ", ".join(repeated)
        }
    return ReviewInput(headers=headers, rows=rows, summary=summary)
