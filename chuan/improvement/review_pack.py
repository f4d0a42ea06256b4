"""The input pack of a management review (ISO 9001:2015, 9.3.2), compiled for a period from
what Chuẩn already holds: one compiler per input, in one table. Every compiler reads figures
and registers (the monthly figures of the desk, actions, review requests, lineage rows),
never a scan of dossiers, and returns plain values (`ReviewInput`) so the pack freezes as
JSON once the chair approves (QĐ 19/2014/QĐ-TTg Art. 4.4b: reviewed at least once a year).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.choices import ActionState, ReviewInputKey
from chuan.improvement.selectors import audits, nonconformities, objectives, risks
from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency


@dataclass(frozen=True)
class Period:
    """The review's agency and period, with the review itself (to find earlier ones)."""

    agency: Agency
    start: datetime.date
    end: datetime.date
    review_id: int | None = None


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def _months(period: Period) -> tuple[datetime.date, datetime.date]:
    return period.start.replace(day=1), period.end.replace(day=1)


def previous_actions(period: Period) -> ReviewInput:
    """a) The actions earlier reviews of the agency decided, and where they stand."""
    from chuan.improvement.models import Action

    actions = (
        Action.objects.filter(review__agency=period.agency, review__isnull=False)
        .exclude(review_id=period.review_id)
        .filter(review__held_at__date__lt=period.end + datetime.timedelta(days=1))
        .select_related("review", "owner")
        .order_by("review__held_at", "order", "pk")
    )
    rows = []
    done = late = 0
    for action in actions:
        state = ActionState(action.state)
        is_late = state == ActionState.OPEN and action.due_on < period.end
        done += state == ActionState.DONE
        late += is_late
        rows.append(
            [
                action.review.held_at.date().strftime("%d/%m/%Y") if action.review else "",
                action.description,
                action.owner.get_full_name() or action.owner.get_username(),
                action.due_on.strftime("%d/%m/%Y"),
                str(state.label) + (" (" + _("overdue") + ")" if is_late else ""),
                action.done_on.strftime("%d/%m/%Y") if action.done_on else "",
            ]
        )
    if not rows:
        return ReviewInput(summary=_("No action from an earlier management review."))
    return ReviewInput(
        headers=[
            _("Review of"),
            _("Action to take"),
            _("Responsible"),
            _("Due on"),
            _("State"),
            _("Done on"),
        ],
        rows=rows,
        summary=_("%(total)d actions from earlier reviews: %(done)d done, %(late)d overdue.")
        % {"total": len(rows), "done": done, "late": late},
    )


def changes(period: Period) -> ReviewInput:
    """b) Changes: legal documents that changed in the period and the reviews they opened on
    the agency's documents, processes and procedures; units merged, split or renamed;
    departments created or closed."""
    from chuan.documents.choices import ReviewStatus
    from chuan.documents.models import ReviewRequest
    from chuan.organisations.models import Department, UnitLineage

    agency = period.agency
    rows: list[list[str]] = []
    day = Q(created_at__date__gte=period.start, created_at__date__lte=period.end)
    requests = (
        ReviewRequest.objects.filter(day)
        .filter(Q(agency=agency) | Q(document__agency=agency))
        .select_related("legal_document")
        .order_by("created_at", "pk")
    )
    legal = reviewed = 0
    for request in requests:
        legal += 1
        reviewed += request.status != ReviewStatus.OPEN
        rows.append(
            [
                _("Legal document"),
                f"{request.legal_document.symbol} — {request.reason}",
                request.created_at.date().strftime("%d/%m/%Y"),
                str(ReviewStatus(request.status).label),
            ]
        )
    lineage = UnitLineage.objects.filter(
        Q(predecessor_id=agency.unit_id) | Q(successor_id=agency.unit_id),
        effective_on__gte=period.start,
        effective_on__lte=period.end,
    ).select_related("predecessor", "successor")
    rows.extend(
        [
            _("Reorganisation"),
            f"{link.predecessor.name} → {link.successor.name}",
            link.effective_on.strftime("%d/%m/%Y"),
            link.get_kind_display(),
        ]
        for link in lineage
    )
    departments = Department.objects.filter(agency=agency).filter(
        day
        | Q(is_active=False, updated_at__date__gte=period.start, updated_at__date__lte=period.end)
    )
    for department in departments:
        created = period.start <= department.created_at.date() <= period.end
        rows.append(
            [
                _("Department"),
                department.name,
                (department.created_at if created else department.updated_at)
                .date()
                .strftime("%d/%m/%Y"),
                _("Created") if created and department.is_active else _("Closed down"),
            ]
        )
    if not rows:
        return ReviewInput(summary=_("No legal or organisational change in the period."))
    return ReviewInput(
        headers=[_("Kind of change"), _("What"), _("Date"), _("Status")],
        rows=rows,
        summary=_(
            "%(legal)d reviews opened by legal changes (%(reviewed)d closed); "
            "%(other)d organisational changes."
        )
        % {"legal": legal, "reviewed": reviewed, "other": len(rows) - legal},
    )


def satisfaction(period: Period) -> ReviewInput:
    """c) Citizens' ratings by month, from the desk's monthly figures."""
    first, last = _months(period)
    months = (
        MonthlyFigure.objects.filter(agency=period.agency, month__gte=first, month__lte=last)
        .values("month")
        .annotate(
            very=Sum("rated_very_satisfied"),
            ok=Sum("rated_satisfied"),
            not_ok=Sum("rated_not_satisfied"),
        )
        .order_by("month")
    )
    rows = []
    totals = [0, 0, 0]
    for line in months:
        counts = [line["very"] or 0, line["ok"] or 0, line["not_ok"] or 0]
        if not any(counts):
            continue
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(
            [
                line["month"].strftime("%m/%Y"),
                *counts,
                _shown(_pct(counts[0] + counts[1], sum(counts))),
            ]
        )
    if not rows:
        return ReviewInput(summary=_("No citizen rated the agency in the period."))
    rows.append([_("Total"), *totals, _shown(_pct(totals[0] + totals[1], sum(totals)))])
    return ReviewInput(
        headers=[
            _("Month"),
            _("Very satisfied"),
            _("Satisfied"),
            _("Not satisfied"),
            _("Satisfied or better"),
        ],
        rows=rows,
        summary=_("%(total)d ratings, %(share)s satisfied or better, %(not_ok)d not satisfied.")
        % {
            "total": sum(totals),
            "share": _shown(_pct(totals[0] + totals[1], sum(totals))),
            "not_ok": totals[2],
        },
    )


def performance(period: Period) -> ReviewInput:
    """e) Process performance: the form-06 totals of the period and the on-time rate of
    each procedure, from the desk's monthly figures (Circular 01/2018/TT-VPCP, form 06)."""
    first, last = _months(period)
    sums = {
        "online": Sum("received_online"),
        "direct": Sum("received_direct"),
        "early": Sum("finished_early"),
        "on_time": Sum("finished_on_time"),
        "late": Sum("finished_late"),
        "other": Sum("ended_otherwise"),
    }
    lines = list(
        MonthlyFigure.objects.filter(agency=period.agency, month__gte=first, month__lte=last)
        .values("procedure_id", "procedure__code")
        .annotate(**sums)
        .order_by("procedure__code")
    )
    if not lines:
        return ReviewInput(summary=_("No dossier figures in the period."))
    from chuan.procedures.models import ProcedureVersion

    names = dict(
        ProcedureVersion.objects.filter(procedure_id__in=[line["procedure_id"] for line in lines])
        .order_by("procedure_id", "number")
        .values_list("procedure_id", "name")
    )
    rows = []
    total = dict.fromkeys(sums, 0)
    for line in lines:
        values = {key: line[key] or 0 for key in sums}
        total = {key: total[key] + values[key] for key in sums}
        finished = values["early"] + values["on_time"] + values["late"]
        rows.append(
            _performance_row(
                line["procedure__code"], names.get(line["procedure_id"], ""), values, finished
            )
        )
    finished = total["early"] + total["on_time"] + total["late"]
    rows.append(_performance_row(_("Total"), "", total, finished))
    return ReviewInput(
        headers=[
            _("Procedure"),
            _("Name"),
            _("Received"),
            _("Finished"),
            _("Early"),
            _("On time"),
            _("Late"),
            _("On-time rate"),
        ],
        rows=rows,
        summary=_(
            "%(received)d dossiers received, %(finished)d finished, %(late)d late; "
            "on-time rate %(rate)s."
        )
        % {
            "received": total["online"] + total["direct"],
            "finished": finished,
            "late": total["late"],
            "rate": _shown(_pct(finished - total["late"], finished)),
        },
    )


def _performance_row(code: str, name: str, values: dict[str, int], finished: int) -> list[object]:
    return [
        code,
        name,
        values["online"] + values["direct"],
        finished,
        values["early"],
        values["on_time"],
        values["late"],
        _shown(_pct(finished - values["late"], finished)),
    ]


def _from(module: object) -> Callable[[Period], ReviewInput]:
    """The input another concern of the cycle compiles (its `review_input`)."""

    def compile_input(period: Period) -> ReviewInput:
        return module.review_input(agency=period.agency, start=period.start, end=period.end)  # type: ignore[attr-defined]

    return compile_input


def audit_results(period: Period) -> ReviewInput:
    """g) Internal audit results; DOST's inspections are not recorded in Chuẩn yet."""
    result = audits.review_input(agency=period.agency, start=period.start, end=period.end)
    note = _("DOST inspection results: none recorded in Chuẩn yet.")
    return ReviewInput(
        headers=result.headers,
        rows=result.rows,
        summary=f"{result.summary} {note}".strip(),
    )


def entered_by_secretary(period: Period) -> ReviewInput:
    """i) and j): what the secretary writes in the comment; nothing to compile."""
    return ReviewInput(summary="")


def opportunities(period: Period) -> ReviewInput:
    """j) Opportunities for improvement, written by the secretary; the risk register's
    opportunities come with input h."""
    return ReviewInput(summary=_("The opportunities of the risk register are listed in input h."))


COMPILERS: dict[str, Callable[[Period], ReviewInput]] = {
    ReviewInputKey.PREVIOUS_ACTIONS: previous_actions,
    ReviewInputKey.CHANGES: changes,
    ReviewInputKey.SATISFACTION: satisfaction,
    ReviewInputKey.OBJECTIVES: _from(objectives),
    ReviewInputKey.PERFORMANCE: performance,
    ReviewInputKey.NONCONFORMITIES: _from(nonconformities),
    ReviewInputKey.AUDITS: audit_results,
    ReviewInputKey.RISKS: _from(risks),
    ReviewInputKey.RESOURCES: entered_by_secretary,
    ReviewInputKey.OPPORTUNITIES: opportunities,
}


def compile_pack(period: Period) -> dict[str, ReviewInput]:
    """Every input of clause 9.3.2 for the period, by its letter."""
    return {key: compiler(period) for key, compiler in COMPILERS.items()}
