"""Reads of DOST's dashboard (the home of DOST's year) and of an agency's own view of it.

For a province and a year: how far the inspection plan has got (done, due, late; the share
on site against the third TT 26/2014 Art. 33 requires), the agencies' reports received for
records-based inspections (Art. 35), corrective actions awaiting DOST's acceptance
(Art. 37.4), and training coverage (QĐ 19/2014 Art. 12.4b): agencies with a trained internal
auditor or ISO secretary, and those with nobody trained. A fixed number of queries, whatever
the number of agencies.
"""

import calendar
import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chuan.inspections.choices import InspectionForm, InspectionState, RequestState
from chuan.inspections.models import CorrectionRequest, Inspection, InspectionPlan, PlanLine
from chuan.inspections.report_states import ReportKind
from chuan.inspections.report_template import template
from chuan.inspections.selectors.reports import DONE, province_agencies
from chuan.organisations.models import AdministrativeUnit
from chuan.training.choices import AUDITOR_KINDS, CourseKind
from chuan.training.models import Certificate

FLAGGED_SHOWN = 20


def _period_end(year: int, month: int | None, quarter: int | None) -> datetime.date:
    """When a plan line is due: the end of its month, its quarter, or the year."""
    if month:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    if quarter:
        last = quarter * 3
        return datetime.date(year, last, calendar.monthrange(year, last)[1])
    return datetime.date(year, 12, 31)


@dataclass
class PlanProgress:
    has_plan: bool = False
    plan_state: str = ""
    lines: int = 0
    done: int = 0
    due: int = 0
    late: int = 0
    on_site: int = 0
    on_site_needed: int = 0

    @property
    def on_site_percent(self) -> int:
        return round(self.on_site * 100 / self.lines) if self.lines else 0

    @property
    def on_site_short(self) -> int:
        return max(self.on_site_needed - self.on_site, 0)


@dataclass
class Reports:
    requested: int = 0
    answered: int = 0
    late: int = 0


@dataclass
class Training:
    agencies: int = 0
    auditor: int = 0
    secretary: int = 0
    nobody: int = 0
    flagged: list[str] = field(default_factory=list)
    # name, auditors, ISO secretaries, nobody trained
    rows: list[tuple[str, int, int, bool]] = field(default_factory=list)


@dataclass
class Dashboard:
    province: AdministrativeUnit
    year: int
    today: datetime.date
    plan: PlanProgress
    reports: Reports
    awaiting_acceptance: int
    requests_overdue: int
    training: Training


def _plan(province: AdministrativeUnit, year: int, today: datetime.date) -> PlanProgress:
    plan = InspectionPlan.objects.filter(province=province, year=year).first()
    progress = PlanProgress()
    if plan is None:
        return progress
    progress.has_plan, progress.plan_state = True, plan.get_state_display()
    lines = PlanLine.objects.filter(plan=plan, removed_on__isnull=True).values_list(
        "form", "planned_month", "planned_quarter", "inspection__state"
    )
    for form, month, quarter, state in lines:
        progress.lines += 1
        progress.on_site += form == InspectionForm.ON_SITE
        if state in DONE:
            progress.done += 1
        elif _period_end(year, month, quarter) < today:
            progress.late += 1
        else:
            progress.due += 1
    progress.on_site_needed = math.ceil(progress.lines / 3)
    return progress


def _reports(inspections: QuerySet[Inspection], today: datetime.date) -> Reports:
    row = inspections.filter(request_date__isnull=False).aggregate(
        requested=Count("id"),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        late_unanswered=Count("id", filter=Q(answered_at__isnull=True, reply_due__lt=today)),
    )
    # An answer after its deadline is late too; dates are compared in Python (the answer's
    # local date against the deadline), for the few answered inspections.
    answers = inspections.filter(
        request_date__isnull=False, answered_at__isnull=False, reply_due__isnull=False
    ).values_list("answered_at", "reply_due")
    late_answered = 0
    for answered_at, due in answers:
        if answered_at is not None and due is not None:
            late_answered += timezone.localtime(answered_at).date() > due
    return Reports(row["requested"], row["answered"], row["late_unanswered"] + late_answered)


def _training(province: AdministrativeUnit, year: int, on: datetime.date) -> Training:
    shape = template(ReportKind.DECEMBER)
    agencies = province_agencies(province, on)
    rows = agencies.order_by("name", "pk").values_list("id", "name", "kind", "level", "parent_id")
    names = {
        pk: name
        for pk, name, kind, level, parent_id in rows
        if shape.block_of(kind, level, parent_id is not None, name) is not None
    }
    auditors: dict[int, int] = {}
    secretaries: dict[int, int] = {}
    valid = Certificate.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        agency__in=agencies,
        issued_on__lte=on,
    )
    for agency_id, kind, count in (
        valid.order_by().values_list("agency_id", "course__kind").annotate(n=Count("id"))
    ):
        if kind in AUDITOR_KINDS:
            auditors[agency_id] = auditors.get(agency_id, 0) + count
        elif kind == CourseKind.ISO_SECRETARY:
            secretaries[agency_id] = secretaries.get(agency_id, 0) + count
        else:
            auditors.setdefault(agency_id, 0)  # trained, in another course
    result = Training(agencies=len(names))
    trained = set(auditors) | set(secretaries)
    for pk, name in names.items():
        result.auditor += auditors.get(pk, 0) > 0
        result.secretary += secretaries.get(pk, 0) > 0
        if pk not in trained:
            result.nobody += 1
            if len(result.flagged) < FLAGGED_SHOWN:
                result.flagged.append(name)
        result.rows.append((name, auditors.get(pk, 0), secretaries.get(pk, 0), pk not in trained))
    return result


def dost_dashboard(*, province: AdministrativeUnit, year: int, today: datetime.date) -> Dashboard:
    """DOST's dashboard of `province` for `year`, as of `today`."""
    on = min(datetime.date(year, 12, 31), today)
    agencies = province_agencies(province, on)
    inspections = Inspection.objects.filter(year=year, agency__in=agencies).exclude(
        state=InspectionState.CANCELLED
    )
    requests = CorrectionRequest.objects.filter(inspection__in=inspections).aggregate(
        reported=Count("id", filter=Q(state=RequestState.REPORTED)),
        overdue=Count(
            "id",
            filter=Q(state__in=[RequestState.OPEN, RequestState.NOT_ACCEPTED], due_on__lt=today),
        ),
    )
    return Dashboard(
        province=province,
        year=year,
        today=today,
        plan=_plan(province, year, today),
        reports=_reports(inspections, today),
        awaiting_acceptance=requests["reported"],
        requests_overdue=requests["overdue"],
        training=_training(province, year, on),
    )


def agency_inspections(agency_id: int) -> QuerySet[Inspection]:
    """An agency's own inspections, newest year first (its simple view of DOST's year)."""
    return Inspection.objects.filter(agency_id=agency_id).order_by("-year", "-pk")


def agency_requests(agency_id: int) -> QuerySet[CorrectionRequest]:
    """The requests for correction an agency still has to answer or see accepted."""
    return (
        CorrectionRequest.objects.filter(inspection__agency_id=agency_id)
        .exclude(state__in=[RequestState.DRAFT, RequestState.ACCEPTED])
        .select_related("inspection")
        .order_by("due_on", "pk")
    )


def dashboard_province(user: Any, wanted: int | None) -> AdministrativeUnit | None:
    """The province the dashboard shows: the one asked for if `user` reads it, else the
    province of the user's agency (its 2025 successor's list first)."""
    from chuan.inspections.permissions import can_read_province
    from chuan.organisations.scoping import active_membership

    if wanted is not None:
        province = AdministrativeUnit.objects.filter(pk=wanted, level="province").first()
        if province is not None and can_read_province(user, province.pk):
            return province
    membership = active_membership(user)
    if membership is None:
        return None
    unit = membership.agency.unit
    province_id = unit.province_id or unit.pk
    if not can_read_province(user, province_id):
        return None
    return AdministrativeUnit.objects.filter(pk=province_id).first()
