"""Reads of records-based inspections (kiểm tra qua hồ sơ, báo cáo; TT 26/2014/TT-BKHCN
Arts. 35–36): the inspections a user may see, one with its items, the facts Chuẩn already
holds on many agencies at once (a handful of queries whatever their number), and the
deadline in working days."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.calendars.selectors import working_calendar
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.documents.selectors import overdue_reviews
from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.choices import ActionState, AuditState, NcSource, NcState, ReviewState
from chuan.improvement.models import Action, Audit, ManagementReview, Nonconformity
from chuan.improvement.nc_states import OPEN_STATES
from chuan.inspections import prefill as rules
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import Inspection, ItemAnswer
from chuan.organisations.scoping import active_membership, user_province_ids
from chuan.rollout.choices import EventKind

# Overdue law reviews named per agency in its prefill; the rest are counted.
OVERDUE_NAMED = 5


@dataclass(frozen=True)
class InspectionFilters:
    year: int | None = None
    state: str = ""
    form: str = ""


def visible_inspections(user: Any) -> QuerySet[Inspection]:
    """DOST (province scope) sees its province and the provinces linked by the 2025
    lineage; an agency's officials only their own agency's; the administrators all."""
    inspections = Inspection.objects.all()
    if not (user.is_authenticated and user.is_active):
        return inspections.none()
    if not user.has_perm("inspections.view_inspections"):
        return inspections.none()
    scope = user_scope(user)
    if scope == Scope.ALL:
        return inspections
    if scope == Scope.PROVINCE:
        return inspections.filter(province_id__in=user_province_ids(user))
    membership = active_membership(user)
    if membership is None:
        return inspections.none()
    return inspections.filter(agency_id=membership.agency_id)


def inspection_list(*, user: Any, filters: InspectionFilters) -> QuerySet[Inspection]:
    inspections = visible_inspections(user).select_related("agency", "province")
    if filters.year:
        inspections = inspections.filter(year=filters.year)
    if filters.state:
        inspections = inspections.filter(state=filters.state)
    if filters.form:
        inspections = inspections.filter(form=filters.form)
    return inspections.order_by("-year", "agency__name", "id")


def inspection_get(*, user: Any, pk: int) -> Inspection | None:
    return (
        visible_inspections(user).select_related("agency__unit", "province").filter(pk=pk).first()
    )


def inspection_items(inspection: Inspection) -> list[ItemAnswer]:
    """The thirteen items in the article's order (the rows may have been made in any)."""
    order = {code: index for index, code in enumerate(rules.CODES)}
    items = list(ItemAnswer.objects.filter(inspection=inspection).select_related("result_by"))
    return sorted(items, key=lambda item: order.get(item.code, 99))


def planned_records(*, province_id: int, year: int) -> QuerySet[Inspection]:
    """The province-year's planned inspections a request letter can go to (both forms: an
    on-site inspection may ask for the report beforehand, Art. 35.1)."""
    return Inspection.objects.filter(
        province_id=province_id, year=year, state=InspectionState.PLANNED
    ).order_by("agency__name", "id")


def working_days_left(inspection: Inspection, today: datetime.date) -> int | None:
    """Working days from today to the reply deadline (0 on the day, negative when late),
    on the province's working calendar."""
    due = inspection.reply_due
    if due is None:
        return None
    calendar = working_calendar(inspection.province_id)
    start, end, sign = (today, due, 1) if due >= today else (due, today, -1)
    days = 0
    day = start
    # A deadline is weeks away at most (≤ 90 days by the service's rule): a short walk.
    while day < end and days < 400:
        day = calendar.next_working_day(day)
        if day <= end:
            days += 1
    return sign * days


def is_late(inspection: Inspection) -> bool:
    """The report came after the deadline (or has not come and the deadline is past)."""
    due = inspection.reply_due
    if due is None:
        return False
    if inspection.answered_at is not None:
        return timezone.localdate(inspection.answered_at) > due
    return inspection.state == InspectionState.REQUESTED and timezone.localdate() > due


def _iso(day: datetime.date | datetime.datetime | None) -> str | None:
    if day is None:
        return None
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return day.isoformat()


def prefill_facts(
    agency_ids: list[int], *, year: int, now: datetime.datetime | None = None
) -> dict[int, dict[str, Any]]:
    """The facts Chuẩn holds on each agency, gathered for all of them in seven queries:
    the announcement, the law reviews, the last internal audit and management review, the
    nonconformities and their overdue actions, and the desk's on-time rate this year."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    facts: dict[int, dict[str, Any]] = {pk: {} for pk in agency_ids}
    if not agency_ids:
        return facts
    _announcements(facts, agency_ids, today)
    _law_reviews(facts, agency_ids, year, now)
    _cycle(facts, agency_ids, year, today)
    figures = (
        MonthlyFigure.objects.filter(
            agency_id__in=agency_ids,
            month__gte=datetime.date(year, 1, 1),
            month__lte=datetime.date(year, 12, 31),
        )
        .values("agency_id")
        .annotate(
            early=Sum("finished_early"), on_time=Sum("finished_on_time"), late=Sum("finished_late")
        )
    )
    for row in figures:
        early, on_time, late = row["early"] or 0, row["on_time"] or 0, row["late"] or 0
        facts[row["agency_id"]]["on_time"] = {
            "year": year,
            "finished": early + on_time + late,
            "not_late": early + on_time,
            "rate": rules.on_time_rate(early, on_time, late),
        }
    return facts


def _announcements(facts: dict[int, dict[str, Any]], ids: list[int], today: datetime.date) -> None:
    from chuan.rollout.models import QmsEvent

    events = (
        QmsEvent.objects.in_force()
        .filter(
            agency_id__in=ids,
            kind__in=[EventKind.ANNOUNCED, EventKind.REANNOUNCED],
            occurred_on__lte=today,
        )
        .order_by("agency_id", "occurred_on", "id")
        .values(
            "agency_id",
            "kind",
            "occurred_on",
            "decision_number",
            "decision_date",
            "signer",
            "iso_edition",
            "scope",
            "consultant",
        )
    )
    for row in events:
        agency = facts[row["agency_id"]]
        announcement = {
            "kind": row["kind"],
            "occurred_on": _iso(row["occurred_on"]),
            "decision_number": row["decision_number"],
            "decision_date": _iso(row["decision_date"]),
            "signer": row["signer"],
            "iso_edition": row["iso_edition"],
        }
        agency["announcement"] = announcement  # the last one wins (ordered by date)
        agency["scope"] = {"scope": row["scope"], "decision_number": row["decision_number"]}
        if row["consultant"] or "consultant" not in agency:
            agency["consultant"] = {"consultant": row["consultant"]}
        if row["kind"] == EventKind.REANNOUNCED:
            again = agency.setdefault("reannouncements", {"count": 0})
            again["count"] += 1
            again["last_on"] = _iso(row["occurred_on"])


def _law_reviews(
    facts: dict[int, dict[str, Any]], ids: list[int], year: int, now: datetime.datetime
) -> None:
    start = datetime.date(year, 1, 1)
    open_ = Q(status=ReviewStatus.OPEN)
    closed_this_year = Q(closed_at__date__gte=start)
    rows = (
        ReviewRequest.objects.filter(agency_id__in=ids)
        .filter(open_ | closed_this_year)
        .values("agency_id")
        .annotate(
            revised=Count("pk", filter=Q(status=ReviewStatus.REVISED)),
            no_change=Count("pk", filter=Q(status=ReviewStatus.NO_CHANGE)),
            open=Count("pk", filter=open_),
            late=Count("pk", filter=open_ & overdue_reviews(now)),
        )
    )
    for row in rows:
        facts[row["agency_id"]]["law_reviews"] = {
            "revised": row["revised"],
            "no_change": row["no_change"],
            "open": row["open"],
            "overdue": row["late"],
            "overdue_items": [],
        }
    late = (
        ReviewRequest.objects.filter(open_ & overdue_reviews(now), agency_id__in=ids)
        .order_by("agency_id", "legal_due_on", "due_at", "id")
        .values_list("agency_id", "legal_document__symbol", "legal_due_on", "due_at")
    )
    for agency_id, number, legal_due_on, due_at in late:
        named = facts[agency_id]["law_reviews"]["overdue_items"]
        if len(named) < OVERDUE_NAMED:
            due = min(d for d in (legal_due_on, timezone.localdate(due_at)) if d is not None)
            named.append({"law": number or "—", "due_on": _iso(due)})


def _cycle(
    facts: dict[int, dict[str, Any]], ids: list[int], year: int, today: datetime.date
) -> None:
    """The improvement cycle: last audit report, last management review, nonconformities."""
    audits = (
        Audit.objects.filter(
            agency_id__in=ids,
            state__in=[AuditState.REPORTED, AuditState.CLOSED],
            report_issued_on__isnull=False,
        )
        .order_by("agency_id", "report_issued_on", "id")
        .values_list("agency_id", "title", "report_issued_on")
    )
    for agency_id, title, reported_on in audits:
        facts[agency_id]["audit"] = {"title": title, "reported_on": _iso(reported_on)}
    reviews = (
        ManagementReview.objects.filter(
            agency_id__in=ids, state__in=[ReviewState.HELD, ReviewState.APPROVED]
        )
        .order_by("agency_id", "held_at", "id")
        .values_list("agency_id", "title", "held_at")
    )
    for agency_id, title, held_at in reviews:
        facts[agency_id]["management_review"] = {"title": title, "held_on": _iso(held_at)}
    ncs = (
        Nonconformity.objects.filter(agency_id__in=ids)
        .filter(Q(state__in=OPEN_STATES) | Q(year=year))
        .values("agency_id")
        .annotate(
            open=Count("pk", filter=Q(state__in=OPEN_STATES)),
            closed=Count("pk", filter=Q(state=NcState.CLOSED, year=year)),
            citizen=Count("pk", filter=Q(source=NcSource.CITIZEN, year=year)),
        )
    )
    by_agency: dict[int, dict[str, int]] = defaultdict(dict)
    for row in ncs:
        by_agency[row["agency_id"]] = row
    late_actions = dict(
        Action.objects.filter(agency_id__in=ids, state=ActionState.OPEN, due_on__lt=today)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    for agency_id in ids:
        row = by_agency.get(agency_id, {})
        facts[agency_id]["nonconformities"] = {
            "open": row.get("open", 0),
            "closed_this_year": row.get("closed", 0),
            "overdue_actions": late_actions.get(agency_id, 0),
        }
        facts[agency_id]["complaints"] = {"count": row.get("citizen", 0), "year": year}


def answerers_due(today: datetime.date, horizon: datetime.date) -> QuerySet[Inspection]:
    """Requested inspections whose reply is due by `horizon` (overdue included)."""
    return Inspection.objects.filter(
        state=InspectionState.REQUESTED, reply_due__isnull=False, reply_due__lte=horizon
    )
