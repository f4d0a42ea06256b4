"""Writes on the triage list: the run that finds what the desk proposes to the QMS, and the
ISO secretary's decision on each proposal (ISO 9001:2015, 9.1.3 and 10.2).

The run reads only what is new since the last one (`TriageCursor`): dossier events with a
higher id (late finishes, "not satisfied" ratings), citizens' feedback classified as about
conduct since the last run (NĐ 20/2008/NĐ-CP Art. 9.4), open dossiers that fell more than N
working days past their due time since the last run's threshold (the indexed `due_at`), and
the monthly figures of months that closed since the last run. It handles every agency in one
pass with a handful of queries, and never proposes the same thing twice.
"""

import datetime
import os
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chuan.calendars.selectors import working_calendar
from chuan.core.activity import activity_record
from chuan.core.activity_format import (
    register_field_labels,
    register_value_labels,
    register_verb_labels,
)
from chuan.core.exceptions import ConflictError
from chuan.dossiers.choices import EventKind, Satisfaction, Status, Timeliness
from chuan.dossiers.models import Dossier, DossierEvent, MonthlyFigure
from chuan.feedback.choices import Classification
from chuan.feedback.models import Feedback
from chuan.improvement import triage_rules
from chuan.improvement.choices import CandidateState, NcSource, Severity, TriageKind
from chuan.improvement.models import Nonconformity, TriageCandidate, TriageCursor
from chuan.improvement.permissions import can_manage_qms
from chuan.improvement.selectors import objectives
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise
from chuan.organisations.models import Agency

# Open dossiers whose clock runs (a paused dossier waits on the citizen).
RUNNING = (Status.RECEIVED, Status.PROCESSING)
DEFAULT_OVERDUE_DAYS = 3
FIRST_RUN_LOOKBACK_DAYS = 31


def register_activity_labels() -> None:
    register_verb_labels(
        {
            "triage.run": gettext_lazy("Found candidate nonconformities at the desk"),
            "triage_candidate.accepted": gettext_lazy("Accepted a candidate as a nonconformity"),
            "triage_candidate.dismissed": gettext_lazy("Dismissed a candidate nonconformity"),
        }
    )
    register_field_labels({"found": gettext_lazy("Candidates found")}, entity="triage")
    for kind in TriageKind.values:
        register_field_labels({kind: TriageKind(kind).label}, entity="triage")
    register_field_labels(
        {
            "kind": gettext_lazy("Kind"),
            "state": gettext_lazy("State"),
            "nonconformity": gettext_lazy("Nonconformity"),
            "candidates": gettext_lazy("Candidates"),
            "reason": gettext_lazy("Reason"),
        },
        entity="triage_candidate",
    )
    register_value_labels("kind", TriageKind, entity="triage_candidate")
    register_value_labels("state", CandidateState, entity="triage_candidate")


def overdue_days() -> int:
    """N of "overdue by more than N working days": the setting `CHUAN_TRIAGE_OVERDUE_DAYS`
    (Django setting or environment variable), 3 by default, bounded to 0–60."""
    raw = getattr(settings, "CHUAN_TRIAGE_OVERDUE_DAYS", None)
    if raw is None:
        raw = os.environ.get("CHUAN_TRIAGE_OVERDUE_DAYS", "").strip() or DEFAULT_OVERDUE_DAYS
    try:
        days = int(raw)
    except (TypeError, ValueError):
        days = DEFAULT_OVERDUE_DAYS
    return max(0, min(days, 60))


@dataclass
class TriageResult:
    """What one run found, in all and per agency."""

    found: int = 0
    by_agency: dict[int, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)


def _agency_provinces() -> dict[int, int]:
    """Each agency's province (the one whose working calendar it keeps)."""
    rows = Agency.objects.values_list("pk", "unit_id", "unit__province_id")
    return {pk: province or unit for pk, unit, province in rows}


def _event_candidates(cursor: TriageCursor, top: int, now: datetime.datetime) -> list[Any]:
    rows = (
        DossierEvent.objects.filter(id__gt=cursor.last_event_id, id__lte=top)
        .filter(
            Q(kind=EventKind.FINISHED, dossier__timeliness=Timeliness.LATE)
            | Q(kind=EventKind.RATED, data__satisfaction=Satisfaction.NOT_SATISFIED)
        )
        .values_list(
            "kind",
            "at",
            "dossier_id",
            "dossier__agency_id",
            "dossier__version__procedure_id",
            "dossier__satisfaction_comment",
        )
        .order_by("id")
    )
    found = []
    for kind, at, dossier_id, agency_id, procedure_id, comment in rows:
        late = kind == EventKind.FINISHED
        found.append(
            TriageCandidate(
                agency_id=agency_id,
                kind=TriageKind.LATE_FINISH if late else TriageKind.NOT_SATISFIED,
                dossier_id=dossier_id,
                procedure_id=procedure_id,
                occurred_at=at,
                note="" if late else comment[:1000],
                found_at=now,
            )
        )
    return found


def _feedback_candidates(since: datetime.datetime, now: datetime.datetime) -> list[Any]:
    """Citizens' feedback classified as about the conduct of the agency or its officials
    since the last run: each one, with its dossier and procedure if it named them."""
    rows = (
        Feedback.objects.filter(
            classification=Classification.CONDUCT, classified_at__gte=since, classified_at__lte=now
        )
        .values_list("pk", "agency_id", "dossier_id", "procedure_id", "received_at", "content")
        .order_by("classified_at", "pk")
    )
    return [
        TriageCandidate(
            agency_id=agency_id,
            kind=TriageKind.CONDUCT_FEEDBACK,
            feedback_id=pk,
            dossier_id=dossier_id,
            procedure_id=procedure_id,
            occurred_at=received_at,
            note=content[:1000],
            found_at=now,
        )
        for pk, agency_id, dossier_id, procedure_id, received_at, content in rows
    ]


def _overdue_candidates(
    cursor: TriageCursor, provinces: dict[int, int], now: datetime.datetime, days: int
) -> tuple[list[Any], dict[str, str]]:
    """Open dossiers that fell more than `days` working days past due since the last run,
    by the working calendar of each agency's province."""
    by_province: dict[int, list[int]] = {}
    for agency_id, province_id in provinces.items():
        by_province.setdefault(province_id, []).append(agency_id)
    windows: dict[tuple[str | None, datetime.datetime], list[int]] = {}
    marks: dict[str, str] = {}
    for province_id, agency_ids in by_province.items():
        threshold = triage_rules.overdue_threshold(working_calendar(province_id), now, days)
        before = cursor.overdue_before.get(str(province_id), cursor.overdue_before.get("since"))
        windows.setdefault((before, threshold), []).extend(agency_ids)
        # The watermark never moves back (a shorter N later does not re-read old dossiers).
        if before and datetime.datetime.fromisoformat(before) > threshold:
            threshold = datetime.datetime.fromisoformat(before)
        marks[str(province_id)] = threshold.isoformat()
    if not windows:
        return [], marks
    condition = Q()
    for (before, threshold), agency_ids in windows.items():
        window = Q(agency_id__in=agency_ids, due_at__lt=threshold)
        if before:
            window &= Q(due_at__gte=datetime.datetime.fromisoformat(before))
        condition |= window
    rows = (
        Dossier.objects.filter(condition, status__in=RUNNING)
        .values_list("pk", "agency_id", "version__procedure_id", "due_at")
        .order_by("due_at", "pk")
    )
    found = [
        TriageCandidate(
            agency_id=agency_id,
            kind=TriageKind.OVERDUE,
            dossier_id=pk,
            procedure_id=procedure_id,
            occurred_at=due_at,
            found_at=now,
        )
        for pk, agency_id, procedure_id, due_at in rows
    ]
    return found, marks


def _figure_candidates(months: list[datetime.date], now: datetime.datetime) -> list[Any]:
    """Procedures whose on-time rate of a closed month fell below the agency's target."""
    if not months:
        return []
    rows = list(
        MonthlyFigure.objects.filter(month__in=months).values_list(
            "agency_id",
            "procedure_id",
            "month",
            "finished_early",
            "finished_on_time",
            "finished_late",
        )
    )
    targets: dict[tuple[int, int], dict[int | None, float]] = {}
    found = []
    for agency_id, procedure_id, month, early, on_time, late in rows:
        rate = triage_rules.on_time_rate(early, on_time, late)
        if rate is None:
            continue
        key = (agency_id, month.year)
        if key not in targets:
            targets[key] = objectives.on_time_targets(agency_id=agency_id, year=month.year)
        target = targets[key].get(procedure_id, targets[key].get(None))
        if target is None or rate >= target:
            continue
        found.append(
            TriageCandidate(
                agency_id=agency_id,
                kind=TriageKind.BELOW_TARGET,
                procedure_id=procedure_id,
                month=month,
                rate=rate,
                target=float(target),
                finished=early + on_time + late,
                found_at=now,
            )
        )
    return found


def _new_only(candidates: list[Any], months: list[datetime.date]) -> list[Any]:
    """Drop what was proposed before (in any state) or twice in this run; a late finish is
    not proposed again for a dossier already proposed as overdue."""
    dossier_ids = {c.dossier_id for c in candidates if c.dossier_id and not c.feedback_id}
    feedback_ids = {c.feedback_id for c in candidates if c.feedback_id}
    seen: set[tuple[Any, ...]] = set()
    if feedback_ids:
        for kind, feedback_id in TriageCandidate.objects.filter(
            feedback_id__in=feedback_ids
        ).values_list("kind", "feedback_id"):
            seen.add((kind, "feedback", feedback_id))
    if dossier_ids:
        for kind, dossier_id in TriageCandidate.objects.filter(
            dossier_id__in=dossier_ids
        ).values_list("kind", "dossier_id"):
            seen.add((kind, dossier_id))
    if months:
        for kind, agency_id, procedure_id, month in TriageCandidate.objects.filter(
            kind=TriageKind.BELOW_TARGET, month__in=months
        ).values_list("kind", "agency_id", "procedure_id", "month"):
            seen.add((kind, agency_id, procedure_id, month))
    fresh = []
    for candidate in candidates:
        if candidate.feedback_id:
            key: tuple[Any, ...] = (candidate.kind, "feedback", candidate.feedback_id)
        elif candidate.dossier_id:
            key = (candidate.kind, candidate.dossier_id)
            if candidate.kind == TriageKind.LATE_FINISH and (
                (TriageKind.OVERDUE, candidate.dossier_id) in seen
            ):
                continue
        else:
            key = (candidate.kind, candidate.agency_id, candidate.procedure_id, candidate.month)
        if key in seen:
            continue
        seen.add(key)
        fresh.append(candidate)
    return fresh


def _first_event_since(moment: datetime.datetime) -> int:
    """The id before the first dossier event at or after `moment`, found by halving the id
    range (events are written in time order, give or take a few): about twenty lookups on
    the primary key instead of a scan of the history."""
    low = 0
    high = DossierEvent.objects.aggregate(top=Max("id"))["top"] or 0
    while low < high:
        middle = (low + high + 1) // 2
        at = (
            DossierEvent.objects.filter(id__gte=middle)
            .order_by("id")
            .values_list("at", flat=True)
            .first()
        )
        if at is not None and at < moment:
            low = middle
        else:
            high = middle - 1
    return low


def _start(cursor: TriageCursor, now: datetime.datetime, since: datetime.datetime | None) -> None:
    """The first run starts `since` (a month back by default), not from the desk's whole
    history: what is older than that was the paper system's business."""
    since = since or now - datetime.timedelta(days=FIRST_RUN_LOOKBACK_DAYS)
    cursor.last_event_id = _first_event_since(since)
    cursor.overdue_before = {"since": since.isoformat()}
    cursor.months_through = triage_rules.previous_month(
        triage_rules.previous_month(timezone.localtime(now).date())
    )


def triage_run(
    *,
    now: datetime.datetime | None = None,
    actor: Any = None,
    agency_id: int | None = None,
    since: datetime.datetime | None = None,
) -> TriageResult:
    """Find what is new since the last run, for every agency, and propose it. Run by the
    scheduled command `manage.py qms_triage` and by the list's button (any ISO secretary
    may start it: it only reads what is new; `agency_id` names their agency in the
    activity). The very first run looks back to `since` (default: a month)."""
    now = now or timezone.now()
    days = overdue_days()
    with transaction.atomic():
        _row, created = TriageCursor.objects.get_or_create(pk=1)
        # The lock keeps two runs (the schedule and a button) from reading the same window.
        cursor = TriageCursor.objects.select_for_update().get(pk=1)
        feedback_since = (
            cursor.ran_at or since or now - datetime.timedelta(days=FIRST_RUN_LOOKBACK_DAYS)
        )
        if created or cursor.ran_at is None:
            _start(cursor, now, since)
        top = DossierEvent.objects.aggregate(top=Max("id"))["top"] or 0
        provinces = _agency_provinces()
        today = timezone.localtime(now).date()
        months = triage_rules.months_closed(cursor.months_through, today)
        overdue, marks = _overdue_candidates(cursor, provinces, now, days)
        # Overdue first: a dossier found overdue and finished late in the same window is
        # proposed once, as overdue.
        candidates = overdue + _event_candidates(cursor, top, now)
        candidates += _feedback_candidates(feedback_since, now)
        candidates += _figure_candidates(months, now)
        fresh = _new_only(candidates, months)
        TriageCandidate.objects.bulk_create(fresh, ignore_conflicts=True)
        result = TriageResult(found=len(fresh))
        for candidate in fresh:
            result.by_agency[candidate.agency_id] = result.by_agency.get(candidate.agency_id, 0) + 1
            result.by_kind[candidate.kind] = result.by_kind.get(candidate.kind, 0) + 1
        cursor.last_event_id = max(cursor.last_event_id, top)
        cursor.overdue_before = {**cursor.overdue_before, **marks}
        if months:
            cursor.months_through = max(months[-1], cursor.months_through or months[-1])
        cursor.ran_at = now
        cursor.ran_by = actor if getattr(actor, "is_authenticated", False) else None
        cursor.last_found = result.found
        cursor.save()
        if fresh:
            # One entry for the run, with the agency whose secretary started it (none for
            # the schedule); each candidate names its agency and is listed there.
            activity_record(
                actor=actor,
                verb="triage.run",
                agency_id=agency_id,
                changes={"found": result.found, **result.by_kind},
            )
    return result


_SOURCES = {
    TriageKind.LATE_FINISH: NcSource.LATE_DOSSIER,
    TriageKind.OVERDUE: NcSource.LATE_DOSSIER,
    TriageKind.NOT_SATISFIED: NcSource.CITIZEN,
    TriageKind.BELOW_TARGET: NcSource.OBJECTIVE,
    TriageKind.CONDUCT_FEEDBACK: NcSource.CITIZEN,
}


def _locked(candidate: TriageCandidate, action: str) -> TriageCandidate:
    locked = TriageCandidate.objects.select_for_update().get(pk=candidate.pk)
    if triage_rules.next_state(action, locked.state) is None:
        raise ConflictError(_("This candidate was already decided."))
    return locked


def default_description(candidates: list[TriageCandidate]) -> str:
    """The nonconformity's description as the triage words it."""
    first = candidates[0]
    procedure = first.procedure.code if first.procedure_id and first.procedure else ""
    if first.kind == TriageKind.BELOW_TARGET:
        return _(
            "The on-time rate of procedure %(procedure)s in %(month)s was %(rate)s%%, below "
            "the quality objective's target of %(target)s%%."
        ) % {
            "procedure": procedure,
            "month": f"{first.month:%m/%Y}" if first.month else "",
            "rate": first.rate,
            "target": first.target,
        }
    if first.kind == TriageKind.CONDUCT_FEEDBACK:
        return _(
            "Citizens' feedback %(codes)s reported how the agency or its officials handled "
            "their procedures."
        ) % {"codes": ", ".join(c.feedback.code for c in candidates if c.feedback)}
    codes = ", ".join(c.dossier.code or str(c.dossier) for c in candidates if c.dossier)
    if first.kind == TriageKind.NOT_SATISFIED:
        return _("Citizens were not satisfied with dossiers %(codes)s.") % {"codes": codes}
    return _("Dossiers %(codes)s were not settled within the time the law allows.") % {
        "codes": codes
    }


def _evidence(candidates: list[TriageCandidate]) -> str:
    lines = []
    for c in candidates:
        when = timezone.localtime(c.occurred_at).strftime("%d/%m/%Y %H:%M") if c.occurred_at else ""
        if c.feedback:
            subject = c.feedback.code
        else:
            subject = (c.dossier.code or str(c.dossier)) if c.dossier else f"{c.month:%m/%Y}"
        line = f"{c.get_kind_display()}: {subject} {when}".strip()
        if c.note:
            line += f" — {c.note}"
        lines.append(line)
    return "\n".join(lines)


def candidate_accept(
    *,
    candidate: TriageCandidate,
    actor: Any,
    also: list[TriageCandidate] | None = None,
    description: str = "",
    severity: str = Severity.MINOR,
) -> Nonconformity:
    """Accept `candidate` (and `also`: other proposals of the same agency and procedure) as
    one nonconformity, with their dossiers linked; each candidate keeps the link."""
    if actor is None or not can_manage_qms(actor, candidate.agency_id):
        raise PermissionDenied(_("Only the ISO secretary and the leaders decide on candidates."))
    others = [c for c in (also or []) if c.pk != candidate.pk]
    if any(
        c.agency_id != candidate.agency_id or c.procedure_id != candidate.procedure_id
        for c in others
    ):
        raise ValidationError({"also": _("Only candidates of the same procedure can be joined.")})
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose how serious it is.")})
    with transaction.atomic():
        locked = [_locked(c, "accept") for c in [candidate, *others]]
        for c in locked:
            c.dossier = Dossier.objects.filter(pk=c.dossier_id).first() if c.dossier_id else None
        first = locked[0]
        kinds = {c.kind for c in locked}
        source = _SOURCES[TriageKind(first.kind)]
        if len({_SOURCES[TriageKind(k)] for k in kinds}) > 1:
            source = NcSource.LATE_DOSSIER
        nc = nonconformity_raise(
            agency=first.agency,
            data=NonconformityData(
                source=source,
                severity=severity,
                description=description.strip() or default_description(locked),
                evidence=_evidence(locked),
                found_on=timezone.localdate(),
                procedure=first.procedure,
                dossiers=[c.dossier for c in locked if c.dossier is not None],
            ),
            actor=actor,
        )
        now = timezone.now()
        TriageCandidate.objects.filter(pk__in=[c.pk for c in locked]).update(
            state=CandidateState.ACCEPTED,
            nonconformity=nc,
            decided_by=actor,
            decided_at=now,
            updated_at=now,
        )
        activity_record(
            actor=actor,
            verb="triage_candidate.accepted",
            target=first,
            agency_id=first.agency_id,
            changes={
                "state": CandidateState.ACCEPTED,
                "nonconformity": nc.code,
                "candidates": [str(c) for c in locked],
            },
        )
    candidate.refresh_from_db()
    return nc


def candidate_dismiss(*, candidate: TriageCandidate, reason: str, actor: Any) -> TriageCandidate:
    """Dismiss `candidate` with the reason kept; it is never proposed again."""
    if actor is None or not can_manage_qms(actor, candidate.agency_id):
        raise PermissionDenied(_("Only the ISO secretary and the leaders decide on candidates."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the candidate is dismissed.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    with transaction.atomic():
        locked = _locked(candidate, "dismiss")
        locked.state = CandidateState.DISMISSED
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "reason", "decided_by", "decided_at", "updated_at"])
        activity_record(
            actor=actor,
            verb="triage_candidate.dismissed",
            target=locked,
            agency_id=locked.agency_id,
            changes={"state": CandidateState.DISMISSED, "reason": reason},
        )
    return locked
