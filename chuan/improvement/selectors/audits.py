"""Reads of the agency's internal audit (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b),
scoped to the agencies the reader sees."""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.improvement import audits_rules as rules
from chuan.improvement.choices import AuditState, ChecklistResult, ProgrammeState
from chuan.improvement.models import (
    Audit,
    AuditorQualification,
    AuditProgramme,
    ChecklistLine,
)
from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency, Department
from chuan.organisations.scoping import scope_queryset

# Other records that qualify an internal auditor, registered by the apps above this one
# (training adds the certificates of its internal-auditor and auditor courses, TT 26/2014
# Art. 7.2c): each takes the user ids and the day and returns those it qualifies.
QUALIFICATION_SOURCES: list[Callable[[list[int], datetime.date], set[int]]] = []


def qualified_user_ids(user_ids: Iterable[int], on: datetime.date) -> set[int]:
    """Those of `user_ids` holding an internal-auditor qualification valid on `on`: one
    recorded here, or a certificate another app vouches for (QUALIFICATION_SOURCES)."""
    ids = list(user_ids)
    qualified = set(
        AuditorQualification.objects.filter(user_id__in=ids, issued_on__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .values_list("user_id", flat=True)
    )
    for source in QUALIFICATION_SOURCES:
        rest = [pk for pk in ids if pk not in qualified]
        if not rest:
            break
        qualified |= source(rest, on)
    return qualified


def qualifications(agency_id: int) -> QuerySet[AuditorQualification]:
    """The agency's registry of internal auditors' certificates."""
    return (
        AuditorQualification.objects.filter(agency_id=agency_id)
        .select_related("user")
        .order_by("user__full_name", "-issued_on")
    )


def programmes(user: Any, agency_id: int) -> QuerySet[AuditProgramme]:
    """The agency's programmes, latest year first, with their audits counted."""
    return (
        scope_queryset(AuditProgramme.objects.filter(agency_id=agency_id), user)
        .select_related("approved_by")
        .annotate(
            audit_count=Count("audits", distinct=True),
            done_count=Count(
                "audits", filter=Q(audits__state__in=rules.DONE_STATES), distinct=True
            ),
        )
        .order_by("-year")
    )


def scope_programmes(user: Any) -> QuerySet[AuditProgramme]:
    """Every programme the reader may see, latest year first."""
    return (
        scope_queryset(AuditProgramme.objects.all(), user)
        .select_related("approved_by")
        .order_by("-year", "agency_id")
    )


def programme_get(user: Any, pk: int) -> AuditProgramme | None:
    return (
        scope_queryset(AuditProgramme.objects.all(), user)
        .select_related("agency", "approved_by")
        .filter(pk=pk)
        .first()
    )


def programme_audits(programme: AuditProgramme) -> QuerySet[Audit]:
    return (
        programme.audits.select_related("lead")
        .prefetch_related("departments", "auditors")
        .order_by("round")
    )


def audits(user: Any) -> QuerySet[Audit]:
    """Every audit the reader may see."""
    return scope_queryset(Audit.objects.all(), user)


def audit_get(user: Any, pk: int) -> Audit | None:
    return (
        audits(user)
        .select_related("programme", "agency", "lead")
        .prefetch_related("departments", "processes__procedure", "auditors")
        .filter(pk=pk)
        .first()
    )


def checklist(audit: Audit) -> QuerySet[ChecklistLine]:
    return audit.checklist.select_related("department", "auditor", "nonconformity").order_by(
        "order"
    )


def coverage_for(programme: AuditProgramme) -> rules.Coverage:
    """The year's coverage of the agency's active departments by the programme's audits."""
    departments = list(
        Department.objects.filter(agency_id=programme.agency_id, is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    )
    scopes = [
        rules.AuditScope(
            departments=frozenset(d.pk for d in audit.departments.all()),
            clauses=frozenset(audit.clauses),
            state=audit.state,
        )
        for audit in programme.audits.prefetch_related("departments")
    ]
    return rules.coverage(departments, scopes)


@dataclass
class FindingsTable:
    """Findings of an audit by department and result, as the report counts them."""

    results: list[tuple[str, str]]
    rows: list[tuple[str, list[int], int]]
    totals: list[int]
    total: int


FINDING_RESULTS = (
    ChecklistResult.MAJOR_NC,
    ChecklistResult.MINOR_NC,
    ChecklistResult.OBSERVATION,
    ChecklistResult.OPPORTUNITY,
)


def findings_table(audit: Audit) -> FindingsTable:
    counts = Counter(
        (line.department.name if line.department else _("Whole agency"), line.result)
        for line in audit.checklist.select_related("department").filter(
            result__in=list(FINDING_RESULTS)
        )
    )
    departments = sorted({d for d, _r in counts})
    rows = []
    for name in departments:
        cells = [counts[(name, r)] for r in FINDING_RESULTS]
        rows.append((name, cells, sum(cells)))
    totals = [sum(row[1][i] for row in rows) for i in range(len(FINDING_RESULTS))]
    return FindingsTable(
        results=[(r.value, str(r.label)) for r in FINDING_RESULTS],
        rows=rows,
        totals=totals,
        total=sum(totals),
    )


def findings(audit: Audit) -> QuerySet[ChecklistLine]:
    return checklist(audit).filter(result__in=list(FINDING_RESULTS))


def last_internal_audit(agency_id: int) -> datetime.date | None:
    """The day of the closing meeting of the agency's last completed audit (report issued or
    closed); the agency's page warns when it is more than a year ago (QĐ 19/2014 Art. 4.4b)."""
    closing = (
        Audit.objects.filter(
            agency_id=agency_id, state__in=rules.DONE_STATES, closing_at__isnull=False
        )
        .order_by("-closing_at")
        .values_list("closing_at", flat=True)
        .first()
    )
    return timezone.localdate(closing) if closing else None


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """What the internal audits bring to a management review of `agency` for `start`–`end`
    (ISO 9001:2015, 9.3.2 c 6): the audits held (closing meeting in the period), their
    findings by severity, and the year's coverage gaps."""
    held = list(
        Audit.objects.filter(
            agency=agency,
            state__in=rules.DONE_STATES,
            closing_at__date__gte=start,
            closing_at__date__lte=end,
        )
        .select_related("programme")
        .order_by("closing_at")
    )
    counts = Counter(
        ChecklistLine.objects.filter(audit__in=held, result__in=list(FINDING_RESULTS)).values_list(
            "audit_id", "result"
        )
    )
    rows: list[list[Any]] = []
    for audit in held:
        assert audit.closing_at is not None
        rows.append(
            [
                audit.title,
                timezone.localdate(audit.closing_at).isoformat(),
                *[counts[(audit.pk, r)] for r in FINDING_RESULTS],
            ]
        )
    gaps = 0
    programme = AuditProgramme.objects.filter(agency=agency, year=end.year).first()
    if programme is not None:
        gaps = len(coverage_for(programme).gaps)
    totals = [sum(row[2 + i] for row in rows) for i in range(len(FINDING_RESULTS))]
    summary = _(
        "%(held)s internal audits held; %(major)s major and %(minor)s minor "
        "nonconformities, %(obs)s observations; %(gaps)s department × clause cells not "
        "audited in %(year)s."
    ) % {
        "held": len(held),
        "major": totals[0],
        "minor": totals[1],
        "obs": totals[2],
        "gaps": gaps,
        "year": end.year,
    }
    return ReviewInput(
        headers=[
            str(_("Audit")),
            str(_("Closing meeting")),
            *[str(r.label) for r in FINDING_RESULTS],
        ],
        rows=rows,
        summary=summary,
    )


@dataclass
class AuditsCard:
    """The front page's card: this year's programme, its audits and the last audit."""

    programme: AuditProgramme | None
    planned: int
    done: int
    gaps: int
    last: datetime.date | None
    overdue: bool


def card(agency_id: int, today: datetime.date | None = None) -> AuditsCard:
    today = today or timezone.localdate()
    programme = AuditProgramme.objects.filter(agency_id=agency_id, year=today.year).first()
    planned = done = gaps = 0
    if programme is not None:
        states = list(programme.audits.values_list("state", flat=True))
        done = sum(1 for s in states if s in rules.DONE_STATES)
        planned = sum(1 for s in states if s in (AuditState.PLANNED, AuditState.IN_PROGRESS))
        gaps = len(coverage_for(programme).gaps)
    last = last_internal_audit(agency_id)
    overdue = last is None or (today - last).days > 365
    return AuditsCard(programme, planned, done, gaps, last, overdue)


def is_approved(programme: AuditProgramme) -> bool:
    return programme.state == ProgrammeState.APPROVED
