"""Reminders of document control: reviews a change of the law opened that are due within
five working days or overdue (QĐ 19/2014/QĐ-TTg Art. 4.4a: a legal change built into the
QMS within three months of taking effect), sent to who may close them in the agency — its
ISO secretaries and document controllers.

Registered with `chuan.notifications` from `DocumentsConfig.ready()`; the daily digest calls
`review_reminders` once for everybody: one query for the reviews, one for the recipients.
Reviews of the province's catalogue and of the national form sets have no agency and are
left to the screens of who keeps them.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from chuan.accounts.roles import Role
from chuan.calendars.selectors import working_calendar
from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.notifications.registry import Reminder, register_reminders
from chuan.organisations.models import Membership

KIND = "document_review"
HORIZON_DAYS = 5
RECIPIENT_ROLES = (Role.ISO_SECRETARY, Role.DOCUMENT_CONTROLLER)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _recipients(agency_ids: set[int]) -> dict[int, set[int]]:
    rows = (
        Membership.objects.filter(
            agency_id__in=agency_ids,
            is_active=True,
            user__is_active=True,
            user__groups__name__in=RECIPIENT_ROLES,
        )
        .values_list("agency_id", "user_id")
        .distinct()
    )
    people: dict[int, set[int]] = defaultdict(set)
    for agency_id, user_id in rows:
        people[agency_id].add(user_id)
    return people


def _target(review: ReviewRequest) -> tuple[str, str]:
    """What the review is about, as words, and where it is."""
    if review.document is not None:
        document = review.document
        return f"{document.code} · {document.title}", document.get_absolute_url()
    if review.process is not None:
        return review.process.code, review.process.get_absolute_url()
    return str(review.target), "/documents/reviews/"


def review_reminders(on: datetime.date) -> Iterator[Reminder]:
    """Open reviews of an agency whose earlier deadline (the agency's due day or the law's
    last day) falls within five working days of `on` or before it."""
    horizon = working_calendar(None).working_day_after(on, HORIZON_DAYS)
    until = datetime.datetime.combine(
        horizon + datetime.timedelta(days=1), datetime.time(0), tzinfo=VIETNAM
    )
    reviews = list(
        ReviewRequest.objects.filter(
            Q(due_at__lt=until) | Q(legal_due_on__lte=horizon),
            status=ReviewStatus.OPEN,
            agency__isnull=False,
        )
        .select_related("legal_document", "document", "process")
        .order_by("pk")
    )
    people = _recipients({review.agency_id for review in reviews if review.agency_id})
    for review in reviews:
        deadline = review.deadline
        what, url = _target(review)
        title = format_lazy(
            _("Review {what}: {symbol} changed"), what=what, symbol=review.legal_document.symbol
        )
        for user_id in sorted(people.get(review.agency_id or 0, ())):
            yield Reminder(
                user_id=user_id,
                kind=KIND,
                key=f"document-review:{review.pk}",
                title=title,
                url=url,
                due_on=deadline,
                overdue=deadline < on,
            )


def register() -> None:
    register_reminders(KIND, _("Reviews after a change of the law"), review_reminders)
