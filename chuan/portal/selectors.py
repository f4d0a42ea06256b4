"""Reads of the portal link, scoped by agency: the desk's queue of online submissions and
what the reconciliation page lists (messages not delivered, messages waiting, dossiers the
portal holds differently)."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from chuan.organisations.scoping import scope_queryset
from chuan.portal.choices import MessageState, SubmissionState
from chuan.portal.models import OnlineSubmission, PortalDossier, PortalMessage, SubmissionFile


def submission_queue(*, user: Any, state: str) -> QuerySet[OnlineSubmission]:
    """The submissions in `state` of the agencies the user sees, oldest waiting first."""
    order = ["arrived_at", "id"] if state == SubmissionState.WAITING else ["-arrived_at", "-id"]
    return (
        scope_queryset(OnlineSubmission.objects.filter(state=state), user)
        .select_related("agency", "version", "dossier")
        .order_by(*order)
    )


def submission_counts(*, user: Any) -> dict[str, int]:
    rows = (
        scope_queryset(OnlineSubmission.objects.all(), user)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(SubmissionState.values, 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def submission_get(*, user: Any, pk: int) -> OnlineSubmission | None:
    return (
        scope_queryset(OnlineSubmission.objects.all(), user)
        .select_related("agency", "version__procedure", "dossier", "decided_by")
        .prefetch_related(Prefetch("files", queryset=SubmissionFile.objects.order_by("id")))
        .filter(pk=pk)
        .first()
    )


def submission_file_get(*, user: Any, pk: int, file_pk: int) -> SubmissionFile | None:
    submission = scope_queryset(OnlineSubmission.objects.filter(pk=pk), user)
    return SubmissionFile.objects.filter(pk=file_pk, submission__in=submission).first()


def messages_in(*, user: Any, state: str) -> QuerySet[PortalMessage]:
    order = ["id"] if state == MessageState.PENDING else ["-id"]
    return (
        scope_queryset(PortalMessage.objects.filter(state=state), user)
        .select_related("dossier", "agency")
        .defer("payload")
        .order_by(*order)
    )


def links_differing(*, user: Any) -> QuerySet[PortalDossier]:
    return (
        scope_queryset(PortalDossier.objects.filter(differs=True), user)
        .select_related("dossier", "agency")
        .order_by("-checked_at", "-id")
    )


def reconciliation_counts(*, user: Any) -> dict[str, int]:
    rows = (
        scope_queryset(PortalMessage.objects.exclude(state=MessageState.SENT), user)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["state"]: row["n"] for row in rows}
    return {
        "failed": counts.get(MessageState.FAILED, 0),
        "waiting": counts.get(MessageState.PENDING, 0),
        "differs": links_differing(user=user).count(),
    }


def message_get(*, user: Any, pk: int) -> PortalMessage | None:
    return scope_queryset(PortalMessage.objects.filter(pk=pk), user).first()


def link_get(*, user: Any, pk: int) -> PortalDossier | None:
    return (
        scope_queryset(PortalDossier.objects.filter(pk=pk), user).select_related("dossier").first()
    )
