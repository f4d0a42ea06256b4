"""Reads of the register of risks and opportunities (ISO 9001:2015, 6.1): the register
filtered and scoped, its heat map, the card of the cycle's front page, and what it brings
to the management review (9.3.2 e: the effectiveness of actions taken on risks and
opportunities)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment
from chuan.improvement.models import Risk, RiskAction, RiskAssessment
from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency
from chuan.organisations.scoping import scope_queryset

# The "state" filter's value for every item not closed (open or treated).
LIVE = "live"


@dataclass
class RiskFilters:
    """What the register is narrowed to; every value already checked against its choices."""

    kind: str = ""
    level: str = ""
    treatment: str = ""
    state: str = ""
    process_id: int | None = None
    department_id: int | None = None
    likelihood: int | None = None
    impact: int | None = None
    due: bool = False

    def query(self) -> dict[str, Any]:
        """The filters as query-string values (for links that keep them)."""
        values: dict[str, Any] = {
            "kind": self.kind,
            "level": self.level,
            "treatment": self.treatment,
            "state": self.state,
            "process": self.process_id,
            "department": self.department_id,
            "likelihood": self.likelihood,
            "impact": self.impact,
            "due": "1" if self.due else "",
        }
        return {k: v for k, v in values.items() if v not in ("", None)}


def due_q(today: datetime.date) -> Q:
    """Live items due for review today (as `risk_rules.review_due`)."""
    return Q(state__in=rules.LIVE_STATES) & (
        Q(next_review_on__lte=today) | Q(assessed_on__lte=rules.year_before(today))
    )


def visible_risks(user: Any) -> QuerySet[Risk]:
    return scope_queryset(Risk.objects.all(), user)


def risk_filter(
    *, user: Any, agency_id: int | None, filters: RiskFilters, today: datetime.date
) -> QuerySet[Risk]:
    """The items of the agency in view (or of every agency the user sees) the filters
    keep, one row each (what the heat map counts)."""
    risks = visible_risks(user)
    if agency_id is not None:
        risks = risks.filter(agency_id=agency_id)
    exact = {
        "kind": filters.kind,
        "level": filters.level,
        "treatment": filters.treatment,
        "state": "" if filters.state == LIVE else filters.state,
        "process_id": filters.process_id,
        "department_id": filters.department_id,
        "likelihood": filters.likelihood,
        "impact": filters.impact,
    }
    risks = risks.filter(**{k: v for k, v in exact.items() if v not in ("", None)})
    if filters.state == LIVE:
        risks = risks.filter(state__in=rules.LIVE_STATES)
    if filters.due:
        risks = risks.filter(due_q(today))
    return risks


def risk_list(
    *, user: Any, agency_id: int | None, filters: RiskFilters, today: datetime.date
) -> QuerySet[Risk]:
    """The register as listed: most serious first, with how many actions each has and
    how many are done."""
    return (
        risk_filter(user=user, agency_id=agency_id, filters=filters, today=today)
        .select_related("agency", "process__procedure", "department", "owner")
        .annotate(
            actions_total=Count("actions", distinct=True),
            actions_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
        )
        .order_by("-score", "-year", "number")
    )


def risk_get(*, user: Any, pk: int) -> Risk | None:
    return (
        visible_risks(user)
        .select_related("agency", "process__procedure", "department", "owner")
        .filter(pk=pk)
        .first()
    )


def is_due(risk: Risk, today: datetime.date) -> bool:
    return rules.review_due(
        assessed_on=risk.assessed_on,
        next_review_on=risk.next_review_on,
        state=risk.state,
        today=today,
    )


@dataclass
class Cell:
    """A cell of the heat map: its likelihood and impact, their score and level, how many
    items sit there."""

    likelihood: int
    impact: int
    score: int
    level: str
    count: int = 0


@dataclass
class HeatMap:
    """Likelihood down the side (5 at the top), impact along the bottom (1 to 5)."""

    rows: list[list[Cell]] = field(default_factory=list)
    total: int = 0


def heat_map(risks: QuerySet[Risk]) -> HeatMap:
    """Counts per cell of `risks` (one query)."""
    counts = {
        (row["likelihood"], row["impact"]): row["n"]
        for row in risks.order_by().values("likelihood", "impact").annotate(n=Count("pk"))
    }
    grid = HeatMap()
    for likelihood in reversed(rules.SCALE):
        line = []
        for impact in rules.SCALE:
            score = likelihood * impact
            n = counts.get((likelihood, impact), 0)
            line.append(Cell(likelihood, impact, score, rules.level_of(score), n))
            grid.total += n
        grid.rows.append(line)
    return grid


@dataclass
class Card:
    """The register at a glance: live items by level, how many are due for review."""

    by_level: list[tuple[str, Any, int]]
    due: int
    live: int
    heat: HeatMap


def card(*, agency: Agency, today: datetime.date) -> Card:
    live = Risk.objects.filter(agency=agency, state__in=rules.LIVE_STATES)
    counts = dict(live.order_by().values_list("level").annotate(n=Count("pk")))
    return Card(
        by_level=[(value, label, counts.get(value, 0)) for value, label in RiskLevel.choices],
        due=live.filter(due_q(today)).count(),
        live=sum(counts.values()),
        heat=heat_map(live),
    )


def assessments_of(risk: Risk) -> list[RiskAssessment]:
    return list(risk.assessments.select_related("assessed_by").order_by("-assessed_on", "-pk"))


def _as_of(assessments: list[RiskAssessment], day: datetime.date) -> RiskAssessment | None:
    """The latest assessment on or before `day` (assessments oldest first)."""
    found = None
    for assessment in assessments:
        if assessment.assessed_on <= day:
            found = assessment
    return found


def _effect(then: RiskAssessment, now: RiskAssessment, kind: str) -> str:
    """How the item moved between the two assessments: for a risk a lower score is better,
    for an opportunity a higher one."""
    if now.pk == then.pk or now.score == then.score:
        return _("unchanged")
    better = now.score < then.score if kind == RiskKind.RISK else now.score > then.score
    return _("improved") if better else _("worsened")


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """Risks and opportunities of `agency` alive in `start`–`end`: each with its level at
    the start (or when identified) and at the end, its treatment, its actions done, and
    the effect the re-assessments found (ISO 9001:2015, 9.3.2 e)."""
    risks = (
        Risk.objects.filter(agency=agency, assessments__assessed_on__lte=end)
        .exclude(state=RiskState.CLOSED, closed_at__date__lt=start)
        .distinct()
        .prefetch_related(
            Prefetch("assessments", queryset=RiskAssessment.objects.order_by("assessed_on", "pk")),
            Prefetch("actions", queryset=RiskAction.objects.order_by("due_on", "pk")),
        )
        .order_by("-score", "year", "number")
    )
    headers = [
        _("Code"),
        _("Kind"),
        _("Description"),
        _("Level then"),
        _("Score then"),
        _("Level now"),
        _("Score now"),
        _("Treatment"),
        _("Actions done"),
        _("Effect"),
        _("Effectiveness of the actions"),
    ]
    rows: list[list[Any]] = []
    tally = {"improved": 0, "worsened": 0, "actions": 0, "done": 0, "risks": 0, "chances": 0}
    for risk in risks:
        assessments = list(risk.assessments.all())
        then = _as_of(assessments, start) or assessments[0]
        now = _as_of(assessments, end) or assessments[-1]
        actions = list(risk.actions.all())
        done = sum(1 for a in actions if a.done_on is not None and a.done_on <= end)
        effect = _effect(then, now, risk.kind)
        tally["improved"] += effect == _("improved")
        tally["worsened"] += effect == _("worsened")
        tally["actions"] += len(actions)
        tally["done"] += done
        tally["risks" if risk.kind == RiskKind.RISK else "chances"] += 1
        rows.append(
            [
                risk.code,
                str(RiskKind(risk.kind).label),
                risk.description,
                str(RiskLevel(then.level).label),
                then.score,
                str(RiskLevel(now.level).label),
                now.score,
                str(RiskTreatment(risk.treatment).label),
                f"{done}/{len(actions)}",
                effect,
                now.note if now.pk != then.pk else "",
            ]
        )
    summary = (
        _(
            "%(risks)s risks and %(chances)s opportunities; %(improved)s improved and "
            "%(worsened)s worsened at re-assessment; %(done)s of %(actions)s actions done."
        )
        % tally
    )
    return ReviewInput(headers=headers, rows=rows, summary=summary)


def export_rows(risks: QuerySet[Risk], today: datetime.date) -> list[list[Any]]:
    """Every column of the register, one row per item (for the XLSX)."""
    actions: dict[int, list[RiskAction]] = {}
    ids = [risk.pk for risk in risks]
    for action in RiskAction.objects.filter(risk_id__in=ids).select_related("owner"):
        actions.setdefault(action.risk_id, []).append(action)
    notes = {
        row["risk_id"]: row["note"]
        for row in RiskAssessment.objects.filter(risk_id__in=ids)
        .order_by("risk_id", "assessed_on", "pk")
        .values("risk_id", "note")
    }
    rows = []
    for risk in risks:
        lines = [
            f"{a.description} ({a.owner.full_name if a.owner else '—'}; "
            f"{a.due_on:%d/%m/%Y}{'; ✓ ' + format(a.done_on, '%d/%m/%Y') if a.done_on else ''})"
            for a in actions.get(risk.pk, [])
        ]
        rows.append(
            [
                risk.code,
                str(RiskKind(risk.kind).label),
                process_label(risk),
                risk.department.name if risk.department else "",
                risk.context,
                risk.description,
                risk.cause,
                risk.consequence,
                risk.likelihood,
                risk.impact,
                risk.score,
                str(RiskLevel(risk.level).label),
                str(RiskTreatment(risk.treatment).label),
                "\n".join(lines),
                risk.owner.full_name if risk.owner else "",
                risk.due_on,
                str(RiskState(risk.state).label),
                risk.assessed_on,
                risk.next_review_on,
                _("yes") if is_due(risk, today) else "",
                notes.get(risk.pk, ""),
            ]
        )
    return rows


def process_label(risk: Risk) -> str:
    process = risk.process
    if process is None:
        return ""
    return f"{process.code} · {process.procedure.code}"
