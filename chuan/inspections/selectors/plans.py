"""Reads of DOST's year: who inspects, the yearly plan and the warning signs its proposal
weighs (TT 26/2014 Arts. 33–34)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.choices import AuditState, ReviewState
from chuan.improvement.models import Audit, ManagementReview
from chuan.inspections import permissions, plan_rules
from chuan.inspections.choices import InspectionForm, InspectionState, PlanState, RequestState
from chuan.inspections.models import (
    CorrectionRequest,
    InspectingArrangement,
    Inspection,
    InspectionPlan,
    PlanLine,
)
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import active_membership, user_province_ids

# --- Who inspects -------------------------------------------------------------------------


def inspecting_unit_on(
    province: AdministrativeUnit, on: datetime.date
) -> InspectingArrangement | None:
    """The arrangement in force in the province on `on` (ranges never overlap)."""
    return (
        InspectingArrangement.objects.filter(province=province, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def arrangement_list(province: AdministrativeUnit) -> QuerySet[InspectingArrangement]:
    return InspectingArrangement.objects.filter(province=province).order_by("-valid_from", "-pk")


def overlapping(
    province: AdministrativeUnit,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    *,
    exclude_pk: int | None = None,
) -> InspectingArrangement | None:
    """An arrangement of the province whose range meets [valid_from, valid_to]."""
    rows = InspectingArrangement.objects.filter(province=province).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if valid_to is not None:
        rows = rows.filter(valid_from__lte=valid_to)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows.order_by("valid_from").first()


# --- Provinces a user works on ---------------------------------------------------------------


def provinces_for(user: Any) -> QuerySet[AdministrativeUnit]:
    """The provinces whose plans the user may read (DOST: its province and its 2025 family;
    the country's administrators: every province), newest list first."""
    units = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    if user_scope(user) != Scope.ALL:
        units = units.filter(pk__in=user_province_ids(user))
    return units.order_by("unit_set", "name", "pk")  # "2025" sorts before "legacy"


# --- Agencies in scope and their signals ---------------------------------------------------


def agencies_in_scope(province: AdministrativeUnit, year: int) -> QuerySet[Agency]:
    """The agencies of the province that must apply a QMS in `year`: the roll-out's rule
    (`rollout.coverage.AgencyRow.in_level`: every agency counts except the provincial
    People's Committee itself, whose Office builds the QMS), among those that exist at some
    time in the year (a district abolished on 01/07/2025 is still in the 2025 plan)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Agency.objects.filter(unit__province=province)
        .exclude(kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    )


def _month_start(day: datetime.date, back: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def plan_signals(
    agencies: QuerySet[Agency] | Iterable[int], *, year: int, as_of: datetime.date
) -> dict[int, plan_rules.Signals]:
    """The warning signs of every agency, in six queries whatever their number: earlier
    inspections, open requests for correction, overdue law-change reviews, the last internal
    audit and management review, and the desk's monthly figures of the last twelve months."""
    ids: Any = agencies.values("pk") if isinstance(agencies, QuerySet) else list(agencies)
    end = datetime.datetime.combine(
        as_of + datetime.timedelta(days=1), datetime.time(0), tzinfo=timezone.get_current_timezone()
    )
    last_conclusion: dict[int, tuple[int, str]] = {}
    last_on_site: dict[int, int] = {}
    done = (InspectionState.CONCLUDED, InspectionState.CLOSED)
    rows = Inspection.objects.filter(agency_id__in=ids, year__lt=year, state__in=done).values_list(
        "agency_id", "year", "form", "conclusion"
    )
    for agency_id, inspected_year, form, conclusion in rows.order_by("year", "concluded_on", "pk"):
        last_conclusion[agency_id] = (inspected_year, conclusion or "")
        if form == InspectionForm.ON_SITE:
            last_on_site[agency_id] = inspected_year
    corrections = dict(
        CorrectionRequest.objects.filter(
            inspection__agency_id__in=ids,
            state__in=(RequestState.OPEN, RequestState.NOT_ACCEPTED),
        )
        .values("inspection__agency_id")
        .annotate(n=Count("pk"))
        .values_list("inspection__agency_id", "n")
    )
    # Overdue on `as_of`: past a deadline then, and not closed by then.
    reviews = dict(
        ReviewRequest.objects.filter(agency_id__in=ids)
        .filter(Q(status=ReviewStatus.OPEN) | Q(closed_at__gte=end))
        .filter(Q(due_at__lt=end) | Q(legal_due_on__lt=as_of))
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    audits = dict(
        Audit.objects.filter(
            agency_id__in=ids,
            state__in=(AuditState.REPORTED, AuditState.CLOSED),
            report_issued_on__lte=as_of,
        )
        .values("agency_id")
        .annotate(last=Max("report_issued_on"))
        .values_list("agency_id", "last")
    )
    meetings = dict(
        ManagementReview.objects.filter(
            agency_id__in=ids,
            state__in=(ReviewState.HELD, ReviewState.APPROVED),
            held_at__lt=end,
        )
        .values("agency_id")
        .annotate(last=Max("held_at"))
        .values_list("agency_id", "last")
    )
    after = as_of + datetime.timedelta(days=1)
    recent_from, earlier_from, until = (
        _month_start(after, 6),
        _month_start(after, 12),
        _month_start(after, 0),
    )
    good = F("finished_early") + F("finished_on_time")
    finished = good + F("finished_late")
    recent, earlier = Q(month__gte=recent_from), Q(month__lt=recent_from)
    figures = {
        row["agency_id"]: row
        for row in MonthlyFigure.objects.filter(
            agency_id__in=ids, month__gte=earlier_from, month__lt=until
        )
        .values("agency_id")
        .annotate(
            good_recent=Coalesce(Sum(good, filter=recent), 0),
            finished_recent=Coalesce(Sum(finished, filter=recent), 0),
            good_earlier=Coalesce(Sum(good, filter=earlier), 0),
            finished_earlier=Coalesce(Sum(finished, filter=earlier), 0),
        )
    }
    agency_ids = list(ids) if not isinstance(ids, QuerySet) else [r["pk"] for r in ids]
    result = {}
    for agency_id in agency_ids:
        meeting = meetings.get(agency_id)
        figure = figures.get(agency_id, {})
        result[agency_id] = plan_rules.Signals(
            last_conclusion=last_conclusion[agency_id][1] if agency_id in last_conclusion else None,
            open_corrections=corrections.get(agency_id, 0),
            last_on_site_year=last_on_site.get(agency_id),
            overdue_law_reviews=reviews.get(agency_id, 0),
            last_internal_audit=audits.get(agency_id),
            last_management_review=timezone.localdate(meeting) if meeting else None,
            on_time_earlier=(figure.get("good_earlier", 0), figure.get("finished_earlier", 0)),
            on_time_recent=(figure.get("good_recent", 0), figure.get("finished_recent", 0)),
        )
    return result


# --- Plans --------------------------------------------------------------------------------


def _agency_id(user: Any) -> int | None:
    membership = active_membership(user)
    return membership.agency_id if membership else None


def plan_list(*, user: Any, province: AdministrativeUnit | None) -> QuerySet[InspectionPlan]:
    """Plans the user may read, newest year first: DOST's of its province; an agency's
    official, the approved plans that hold a line for the agency."""
    plans = InspectionPlan.objects.select_related("province").annotate(
        lines_total=Count("lines", filter=Q(lines__removed_on__isnull=True)),
        lines_on_site=Count(
            "lines",
            filter=Q(lines__removed_on__isnull=True, lines__form=InspectionForm.ON_SITE),
        ),
    )
    if province is not None and permissions.can_read_province(user, province.pk):
        return plans.filter(province=province).order_by("-year", "pk")
    agency_id = _agency_id(user)
    if agency_id is None or not user.has_perm("inspections.view_inspections"):
        return plans.none()
    return plans.filter(
        state=PlanState.APPROVED,
        lines__agency_id=agency_id,
        lines__removed_on__isnull=True,
    ).order_by("-year", "pk")


def plan_get(*, user: Any, pk: int) -> InspectionPlan | None:
    """The plan, if the user may read it (DOST of its province, or an agency with a line in
    an approved plan)."""
    plan = InspectionPlan.objects.select_related("province").filter(pk=pk).first()
    if plan is None:
        return None
    if permissions.can_read_province(user, plan.province_id):
        return plan
    agency_id = _agency_id(user)
    if (
        agency_id is not None
        and plan.state == PlanState.APPROVED
        and user.has_perm("inspections.view_inspections")
        and plan.lines.filter(agency_id=agency_id).exists()
    ):
        return plan
    return None


def plan_lines(*, plan: InspectionPlan, user: Any) -> QuerySet[PlanLine]:
    """The lines the user may see (an agency: its own), by quarter then agency name."""
    lines = (
        PlanLine.objects.filter(plan=plan)
        .select_related("agency")
        .order_by(
            F("removed_on").asc(nulls_first=True),
            Coalesce("planned_quarter", 5),
            "planned_month",
            "agency__search_name",
            "pk",
        )
    )
    if not permissions.can_read_province(user, plan.province_id):
        lines = lines.filter(agency_id=_agency_id(user) or 0)
    return lines


@dataclass(frozen=True)
class PlanCounts:
    """The plan's figures: agencies, on site, the share on site and what the rule needs."""

    total: int
    on_site: int
    budget: int

    @property
    def share(self) -> float:
        return round(100 * self.on_site / self.total, 1) if self.total else 0.0

    @property
    def required(self) -> int:
        return plan_rules.onsite_required(self.total)

    @property
    def shortfall(self) -> int:
        return plan_rules.onsite_shortfall(self.total, self.on_site)


def plan_counts(plan: InspectionPlan) -> PlanCounts:
    row = PlanLine.objects.filter(plan=plan, removed_on__isnull=True).aggregate(
        total=Count("pk"),
        on_site=Count("pk", filter=Q(form=InspectionForm.ON_SITE)),
        budget=Coalesce(Sum("budget"), 0),
    )
    return PlanCounts(total=row["total"], on_site=row["on_site"], budget=row["budget"])


def addable_agencies(plan: InspectionPlan) -> QuerySet[Agency]:
    """Agencies of the province the plan has no active line for (to add one)."""
    taken = PlanLine.objects.filter(plan=plan, removed_on__isnull=True).values("agency_id")
    return (
        Agency.objects.filter(unit__province_id=plan.province_id)
        .exclude(pk__in=taken)
        .order_by("search_name", "pk")
    )
