"""Reads of the feedback register, scoped by agency; the public page of published replies;
what the worklists and the home page count; and what the 766 index reads.

`dossier_ids_with_feedback(*, agency_ids, start, end)` is the index's entry point: the ids
of the dossiers of these agencies that received at least one feedback (any channel, any
classification but "not accepted") between `start` and `end` (dates, both included, in
Vietnam's time). The 766 index's satisfaction group (QĐ 766/QĐ-TTg, vn_domain §2.6) counts
those dossiers against the agency's; one indexed query on (dossier, received_at)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from chuan.core.params import id_param
from chuan.core.text import search_tokens
from chuan.dossiers.rules import VIETNAM
from chuan.feedback.choices import Channel, Classification, ContentType, State
from chuan.feedback.models import Feedback
from chuan.feedback.rules import OPEN
from chuan.organisations.scoping import active_membership, scope_queryset

_CHOICES = {
    "state": State.values,
    "classification": Classification.values,
    "content_type": ContentType.values,
    "channel": Channel.values,
}


@dataclass(frozen=True)
class Filters:
    query: str = ""
    state: str = ""
    classification: str = ""
    content_type: str = ""
    channel: str = ""
    agency_id: int | None = None
    overdue: bool = False
    mine: bool = False


def feedback_list(
    *, user: Any, filters: Filters | None = None, now: datetime.datetime | None = None
) -> QuerySet[Feedback]:
    """The register of the agencies `user` sees, newest first; unknown codes are ignored."""
    filters = filters or Filters()
    rows = scope_queryset(Feedback.objects.all(), user).select_related(
        "agency", "assignee", "dossier"
    )
    for token in search_tokens(filters.query):
        rows = rows.filter(search_text__contains=f" {token}")
    for name, known in _CHOICES.items():
        value = getattr(filters, name)
        if value and value in known:
            rows = rows.filter(**{name: value})
    if filters.agency_id:
        rows = rows.filter(agency_id=filters.agency_id)
    if filters.overdue:
        rows = rows.filter(state__in=OPEN, due_at__lt=now or timezone.now())
    if filters.mine:
        rows = rows.filter(assignee=user)
    return rows.order_by("-received_at", "-id")


def feedback_get(*, user: Any, pk: int) -> Feedback | None:
    if id_param(str(pk)) is None:
        return None
    return (
        scope_queryset(Feedback.objects.all(), user)
        .select_related(
            "agency",
            "procedure",
            "dossier",
            "official",
            "assignee",
            "received_by",
            "replied_by",
        )
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class Pending:
    """What the feedback register asks of one official: the open feedback of their agency
    (for those who manage it) or assigned to them, and how many are past their deadline."""

    open: int
    overdue: int


def pending_for(*, user: Any, now: datetime.datetime | None = None) -> Pending | None:
    """None for an official without an agency or without the right to read the register.
    One query on the worklist index."""
    membership = active_membership(user)
    if membership is None or not user.has_perm("feedback.view_feedback"):
        return None
    rows = Feedback.objects.filter(agency_id=membership.agency_id, state__in=OPEN)
    if not user.has_perm("feedback.manage_feedback"):
        rows = rows.filter(assignee=user)
    counts = rows.aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now or timezone.now()))
    )
    return Pending(open=counts["open"], overdue=counts["overdue"])


def published_replies(*, agency_id: int) -> QuerySet[Feedback]:
    """The agency's published replies (Art. 19), newest first: nothing personal is read."""
    return (
        Feedback.objects.filter(agency_id=agency_id, state=State.PUBLISHED)
        .only(
            "pk",
            "code",
            "agency_id",
            "content_type",
            "public_summary",
            "received_at",
            "reply",
            "replied_at",
            "published_at",
        )
        .order_by("-published_at", "-id")
    )


def dossier_ids_with_feedback(
    *, agency_ids: Any, start: datetime.date, end: datetime.date
) -> set[int]:
    """The dossiers of `agency_ids` that received feedback from `start` to `end` (both
    included, Vietnam's days); feedback not accepted is left out (it was not about how the
    dossier was handled)."""
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=VIETNAM)
    stop = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=VIETNAM
    )
    return set(
        Feedback.objects.filter(
            Q(dossier__isnull=False),
            dossier__agency_id__in=list(agency_ids),
            received_at__gte=begin,
            received_at__lt=stop,
        )
        .exclude(classification=Classification.NOT_ACCEPTED)
        .values_list("dossier_id", flat=True)
        .distinct()
    )
