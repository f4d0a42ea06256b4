"""Reads of document control: the agency's master list with each document's current
edition, one document with its revisions as a reader sees them on a date, and the reviews
waiting on the user."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When

from chuan.accounts.roles import Scope, user_scope
from chuan.core.text import search_tokens
from chuan.documents import states
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ControlledDocument, ReviewRequest, Revision
from chuan.documents.search import search_ids
from chuan.organisations.scoping import scope_queryset, user_province_ids


def visible_documents(user: Any) -> QuerySet[ControlledDocument]:
    return scope_queryset(ControlledDocument.objects.all(), user)


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
        ids = search_ids(query, limit=500)
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
        .prefetch_related(Prefetch("revisions", Revision.objects.order_by("-edition")))
        .order_by(*ordering)
    )


def lines(documents: list[ControlledDocument], on: datetime.date) -> list[Line]:
    result = []
    for document in documents:
        revisions = list(document.revisions.all())
        dated = [states.Dated(r.pk, r.state, r.effective_date) for r in revisions]
        current_pk = states.effective_revision(dated, on)
        current = next((r for r in revisions if r.pk == current_pk), None)
        pending = next((r for r in revisions if r.state in ("draft", "in_review")), None)
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


def revisions_shown(document: ControlledDocument, on: datetime.date) -> list[tuple[Revision, str]]:
    revisions = list(
        document.revisions.select_related("prepared_by", "reviewed_by", "approved_by").order_by(
            "-edition"
        )
    )
    dated = [states.Dated(r.pk, r.state, r.effective_date) for r in revisions]
    return [
        (r, states.shown_state(states.Dated(r.pk, r.state, r.effective_date), dated, on))
        for r in revisions
    ]


def visible_reviews(user: Any) -> QuerySet[ReviewRequest]:
    """Reviews of the agencies the user sees, and of their province's catalogue."""
    reviews = ReviewRequest.objects.select_related(
        "legal_document", "document", "procedure_version__procedure", "process__agency", "agency"
    )
    if user_scope(user) == Scope.ALL:
        return reviews
    agencies = scope_queryset(reviews, user).values("pk")
    return reviews.filter(Q(pk__in=agencies) | Q(province_id__in=user_province_ids(user)))
