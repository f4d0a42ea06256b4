"""Reads of the triage list: the candidates of an agency, filtered, and the counts its card
shows."""

from typing import Any

from django.db.models import Count, QuerySet

from chuan.core.params import id_param
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.models import TriageCandidate, TriageCursor
from chuan.organisations.scoping import scope_queryset


def candidates(*, agency_id: int, kind: str = "", state: str = "") -> QuerySet[TriageCandidate]:
    """The agency's candidates, newest first; `kind` and `state` filter when they are known
    codes (anything else is ignored)."""
    rows = TriageCandidate.objects.filter(agency_id=agency_id).select_related(
        "dossier__version", "feedback", "procedure", "nonconformity", "decided_by"
    )
    if kind in TriageKind.values:
        rows = rows.filter(kind=kind)
    if state in CandidateState.values:
        rows = rows.filter(state=state)
    return rows.order_by("-found_at", "-occurred_at", "-id")


def candidate_get(*, user: Any, pk: int) -> TriageCandidate | None:
    """The candidate if `user` may see its agency."""
    if id_param(str(pk)) is None:
        return None
    return (
        scope_queryset(TriageCandidate.objects.all(), user)
        .select_related(
            "agency", "dossier__version", "feedback", "procedure", "nonconformity", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )


def state_counts(*, agency_id: int) -> dict[str, int]:
    """How many candidates the agency has in each state (every state present)."""
    counts = dict.fromkeys(CandidateState.values, 0)
    rows = (
        TriageCandidate.objects.filter(agency_id=agency_id)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for state, n in rows:
        counts[state] = n
    return counts


def same_procedure(candidate: TriageCandidate) -> QuerySet[TriageCandidate]:
    """Other proposals of the same agency and procedure, which may be accepted into the same
    nonconformity."""
    if candidate.procedure_id is None:
        return TriageCandidate.objects.none()
    return (
        TriageCandidate.objects.filter(
            agency_id=candidate.agency_id,
            procedure_id=candidate.procedure_id,
            state=CandidateState.PROPOSED,
        )
        .exclude(pk=candidate.pk)
        .select_related("dossier")
        .order_by("-found_at", "-id")
    )


def last_run() -> TriageCursor | None:
    return TriageCursor.objects.filter(pk=1).first()
