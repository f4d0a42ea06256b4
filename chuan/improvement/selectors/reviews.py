"""Reads of management reviews (ISO 9001:2015, 9.3), scoped to the agencies the reader sees."""

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet

from chuan.improvement.choices import ReviewState
from chuan.improvement.models import Action, ManagementReview
from chuan.organisations.scoping import scope_queryset


def visible_reviews(user: Any) -> QuerySet[ManagementReview]:
    return scope_queryset(ManagementReview.objects.all(), user)


def review_list(*, user: Any, agency_id: int | None) -> QuerySet[ManagementReview]:
    """The reviews of the agency in view (all the reader sees when none), latest first."""
    reviews = visible_reviews(user).select_related("agency", "chair", "secretary")
    if agency_id is not None:
        reviews = reviews.filter(agency_id=agency_id)
    return reviews.order_by("-held_at", "-pk")


def review_get(*, user: Any, pk: int) -> ManagementReview | None:
    """One review with everything its page and minutes show."""
    return (
        visible_reviews(user)
        .select_related("agency", "agency__unit", "chair", "secretary")
        .prefetch_related(
            "sections",
            "decisions",
            "attendees",
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
        )
        .filter(pk=pk)
        .first()
    )


def last_management_review(agency_id: int) -> datetime.date | None:
    """The day of the agency's last management review held (minutes recorded or approved);
    the agency's page warns when it is older than a year (QĐ 19/2014/QĐ-TTg Art. 4.4b)."""
    held = (
        ManagementReview.objects.filter(
            agency_id=agency_id, state__in=[ReviewState.HELD, ReviewState.APPROVED]
        )
        .order_by("-held_at")
        .values_list("held_at", flat=True)
        .first()
    )
    if held is None:
        return None
    from django.utils import timezone

    return timezone.localtime(held).date()


def next_review_due(last: datetime.date | None) -> datetime.date | None:
    """A year after the last review: the latest day the next one may be held."""
    if last is None:
        return None
    try:
        return last.replace(year=last.year + 1)
    except ValueError:  # 29 February
        return last.replace(year=last.year + 1, day=28)
