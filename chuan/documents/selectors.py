"""Reads of document control: the agency's master list with each document's current
edition, one document with its revisions as a reader sees them on a date, and the reviews
waiting on the user."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.core.text import search_tokens
from chuan.documents import states
from chuan.documents.choices import ReviewStatus, RevisionState
from chuan.documents.models import ControlledDocument, Distribution, ReviewRequest, Revision
from chuan.documents.permissions import reads_all_documents
from chuan.documents.search import search_ids
from chuan.organisations.permissions import is_leader_of
from chuan.organisations.scoping import (
    active_membership,
    scope_queryset,
    user_province_ids,
    visible_agencies,
)


def visible_documents(user: Any) -> QuerySet[ControlledDocument]:
    """Documents of the agencies the user sees; an official who reads only what concerns
    them sees the documents sent to them or that they wrote or reviewed."""
    documents = scope_queryset(ControlledDocument.objects.all(), user)
    membership = active_membership(user)
    if membership is None or reads_all_documents(user, membership.agency_id):
        return documents
    return documents.filter(pk__in=_own_revisions(user).values("document_id"))


def _own_revisions(user: Any) -> QuerySet[Revision]:
    return Revision.objects.filter(
        Q(recipients__user=user) | Q(prepared_by=user) | Q(reviewed_by=user)
    )


def readable_revisions(document: ControlledDocument, user: Any) -> QuerySet[Revision]:
    """The editions of `document` the user may open: all of them for those who read
    everything; for others the approved editions and those they wrote or reviewed."""
    revisions = document.revisions.all()
    if reads_all_documents(user, document.agency_id):
        return revisions
    return revisions.filter(Q(issue_date__isnull=False) | Q(prepared_by=user) | Q(reviewed_by=user))


@dataclass(frozen=True)
class Line:
    """A document as the master list shows it."""

    document: ControlledDocument
    current: Revision | None
    pending: Revision | None


def master_list(
    *, user: Any, agency_id: int | None, query: str = "", kind: str = ""
) -> QuerySet[ControlledDocument]:
    documents = visible_documents(user).select_related("agency", "owner_department")
    if agency_id:
        documents = documents.filter(agency_id=agency_id)
    ordering: list[Any] = ["kind", "code"]
    if search_tokens(query):
        agencies = _searched_agencies(user, agency_id)
        ids = search_ids(query, agency_ids=agencies, limit=500)
        documents = documents.filter(pk__in=ids)
        ranks = [When(pk=pk, then=rank) for rank, pk in enumerate(ids)]
        ordering = [Case(*ranks, default=len(ids)) if ranks else "code"]
    if kind:
        documents = documents.filter(kind=kind)
    return (
        documents.annotate(
            open_reviews=Count(
                "reviews", filter=Q(reviews__status=ReviewStatus.OPEN), distinct=True
            )
        )
        .prefetch_related(
            Prefetch("revisions", Revision.objects.order_by("-edition")), "legal_basis"
        )
        .order_by(*ordering)
    )


def _searched_agencies(user: Any, agency_id: int | None) -> list[int] | None:
    """The agencies a search covers: the chosen one, else all the user sees (None: all)."""
    if agency_id:
        return [agency_id]
    if user_scope(user) == Scope.ALL:
        return None
    return list(visible_agencies(user).values_list("pk", flat=True))


def lines(
    documents: list[ControlledDocument], on: datetime.date, *, with_pending: bool = True
) -> list[Line]:
    """Each document with its edition in effect on `on` and, for those who read drafts,
    the edition being prepared."""
    result = []
    for document in documents:
        revisions = list(document.revisions.all())
        dated = [r.dated for r in revisions]
        current_pk = states.effective_revision(dated, on)
        current = next((r for r in revisions if r.pk == current_pk), None)
        pending = next((r for r in revisions if r.state in ("draft", "in_review")), None)
        pending = pending if with_pending else None
        result.append(Line(document, current, pending))
    return result


def document_get(*, user: Any, pk: int) -> ControlledDocument | None:
    return (
        visible_documents(user)
        .select_related("agency", "owner_department", "procedure")
        .prefetch_related("legal_basis")
        .filter(pk=pk)
        .first()
    )


def revisions_shown(
    document: ControlledDocument, on: datetime.date, user: Any
) -> list[tuple[Revision, str]]:
    revisions = list(
        readable_revisions(document, user)
        .select_related("prepared_by", "reviewed_by", "approved_by")
        .order_by("-edition")
    )
    dated = [r.dated for r in revisions]
    return [(r, states.shown_state(r.dated, dated, on)) for r in revisions]


def visible_reviews(user: Any) -> QuerySet[ReviewRequest]:
    """Reviews of the agencies the user sees, of their province's catalogue and of the
    desk's form sets."""
    reviews = ReviewRequest.objects.select_related(
        "legal_document",
        "document",
        "procedure_version__procedure",
        "process__agency",
        "process__procedure",
        "form_set",
        "agency",
    )
    if user_scope(user) == Scope.ALL:
        return reviews
    agencies = scope_queryset(reviews, user).values("pk")
    # Reviews of the desk's form sets are national: every desk prints from them.
    reviews = reviews.filter(
        Q(pk__in=agencies) | Q(province_id__in=user_province_ids(user)) | Q(form_set__isnull=False)
    )
    membership = active_membership(user)
    if membership is not None and not reads_all_documents(user, membership.agency_id):
        # Those who read only what was sent to them see no review of a document hidden
        # from them.
        reviews = reviews.filter(
            Q(document__isnull=True) | Q(document__in=visible_documents(user).values("pk"))
        )
    return reviews


def _decision_rights(user: Any) -> Q:
    """Which reviews the user may close: their agency's documents for its document
    controller, its internal processes for who keeps them, the province's catalogue for
    its coordinator, the form sets for who keeps the central legal documents."""
    rights = Q(pk__in=[])
    if user.has_perm("documents.change_controlleddocument"):
        rights |= Q(document__isnull=False)
    if user.has_perm("procedures.change_internalprocess"):
        rights |= Q(process__isnull=False)
    if user.has_perm("procedures.change_procedure"):
        rights |= Q(procedure_version__isnull=False)
    if user.has_perm("procedures.change_formset"):
        rights |= Q(form_set__isnull=False)
    return rights


def overdue_reviews(now: datetime.datetime) -> Q:
    """Reviews past the earlier of their two deadlines: the agency's due time, or the end of
    the law's last day (QĐ 19/2014/QĐ-TTg Art. 4.4a). Filter open ones with it."""
    return Q(due_at__lt=now) | Q(legal_due_on__lt=timezone.localdate(now))


def decidable_reviews(user: Any) -> QuerySet[ReviewRequest]:
    """Open reviews the user may close."""
    return visible_reviews(user).filter(_decision_rights(user), status=ReviewStatus.OPEN)


TODO_SLICE = 100


@dataclass(frozen=True)
class DocumentWork:
    """What document control asks of an official today, for their home page."""

    reviews: list[ReviewRequest]
    reviews_count: int
    reviews_overdue: int
    to_sign_off: list[Revision]
    to_approve: list[Revision]
    to_read: list[Revision]
    agency_open: int
    agency_overdue: int


def document_work(*, user: Any, now: datetime.datetime, limit: int = 5) -> DocumentWork:
    """Reviews waiting on the user (most urgent first), revisions they must sign off,
    approve or read, and their agency's open and overdue reviews."""
    membership = active_membership(user)
    agency_id = membership.agency_id if membership else 0
    rights, late, own = _decision_rights(user), overdue_reviews(now), Q(agency_id=agency_id)
    counts = (
        visible_reviews(user)
        .filter(status=ReviewStatus.OPEN)
        .aggregate(
            mine=Count("pk", filter=rights),
            mine_late=Count("pk", filter=rights & late),
            agency=Count("pk", filter=own),
            agency_late=Count("pk", filter=own & late),
        )
    )
    waiting = Q(reviewed_by=user, reviewed_at__isnull=True)
    if membership is not None and is_leader_of(user, agency_id):
        waiting |= (
            Q(document__agency_id=agency_id, reviewed_at__isnull=False)
            & ~Q(prepared_by=user)
            & ~Q(reviewed_by=user)
        )
    unread = Distribution.objects.filter(user=user, acknowledged_at__isnull=True)
    # One query for both lists; a generous slice so that neither crowds the other out.
    revisions = list(
        Revision.objects.filter(
            (waiting & Q(state=RevisionState.IN_REVIEW))
            | Q(pk__in=unread.values("revision_id"), state=RevisionState.APPROVED)
        )
        .select_related("document")
        .order_by("-updated_at")[:TODO_SLICE]
    )
    in_review = [r for r in revisions if r.state == RevisionState.IN_REVIEW]
    to_read = [r for r in revisions if r.state == RevisionState.APPROVED][:limit]
    return DocumentWork(
        reviews=list(
            decidable_reviews(user).order_by(
                F("legal_due_on").asc(nulls_last=True), "due_at", "id"
            )[:limit]
        ),
        reviews_count=counts["mine"],
        reviews_overdue=counts["mine_late"],
        to_sign_off=[r for r in in_review if r.reviewed_at is None][:limit],
        to_approve=[r for r in in_review if r.reviewed_at is not None][:limit],
        to_read=to_read,
        agency_open=counts["agency"],
        agency_overdue=counts["agency_late"],
    )


def review_list(
    *,
    user: Any,
    status: str,
    mine: bool,
    overdue: bool,
    now: datetime.datetime,
    agency_id: int | None = None,
) -> QuerySet[ReviewRequest]:
    """Reviews by status, or the open ones waiting on the user; overdue ones (open, past
    the earlier of their two deadlines) if asked; of one agency if asked; most urgent
    first."""
    if mine:
        reviews = decidable_reviews(user)
    else:
        wanted = ReviewStatus.OPEN if overdue else status
        reviews = visible_reviews(user).filter(status=wanted)
    if overdue:
        reviews = reviews.filter(overdue_reviews(now))
    if agency_id:
        reviews = reviews.filter(agency_id=agency_id)
    return reviews.select_related(
        "revision", "new_version", "new_process", "new_form_set", "closed_by"
    ).order_by(F("legal_due_on").asc(nulls_last=True), "due_at", "id")


def overdue_review_count(user: Any, now: datetime.datetime) -> int:
    """Open reviews past the earlier of their deadlines in what the user oversees (the
    province for DOST)."""
    return (
        visible_reviews(user).filter(overdue_reviews(now), status=ReviewStatus.OPEN).count()
        if user.has_perm("documents.view_controlleddocument")
        else 0
    )
