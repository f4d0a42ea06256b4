"""Reminders of reviews after a change of the law: due within five working days (either
deadline) or overdue, to the agency's ISO secretaries and document controllers."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chuan.documents.choices import ReviewStatus
from chuan.documents.models import ReviewRequest
from chuan.documents.reminders import KIND, review_reminders
from chuan.documents.tests.test_services import _document, office  # noqa: F401
from chuan.notifications.registry import KINDS

pytestmark = pytest.mark.django_db
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.date(2026, 12, 7)


def _review(office: Any, document: Any, due: dt.date, legal: dt.date | None = None) -> Any:  # noqa: F811
    return ReviewRequest.objects.create(
        legal_document=office["law"],
        reason="Luật sửa đổi",
        document=document,
        agency=office["agency"],
        due_at=dt.datetime.combine(due, dt.time(17), tzinfo=VIETNAM),
        legal_due_on=legal,
    )


def test_registered_from_the_app() -> None:
    assert KINDS[KIND].provider is review_reminders


def test_due_soon_and_overdue_reviews_reach_who_closes_them(office: Any, world: Any) -> None:  # noqa: F811
    soon = _review(office, _document(office, "QT-01"), MONDAY + dt.timedelta(days=7))  # 5th day
    late = _review(office, _document(office, "QT-02"), MONDAY - dt.timedelta(days=1))
    _review(office, _document(office, "QT-03"), MONDAY + dt.timedelta(days=8))  # 6th day
    by_law = _review(
        office, _document(office, "QT-04"), MONDAY + dt.timedelta(days=30), legal=MONDAY
    )
    closed = _review(office, _document(office, "QT-05"), MONDAY)
    ReviewRequest.objects.filter(pk=closed.pk).update(status=ReviewStatus.NO_CHANGE)
    reminders = list(review_reminders(MONDAY))
    keys = {r.key for r in reminders}
    assert keys == {f"document-review:{r.pk}" for r in (soon, late, by_law)}
    people = {r.user_id for r in reminders}
    assert people == {office["controller"].pk, office["reviewer"].pk}  # not the leader, clerk
    late_one = next(r for r in reminders if r.key == f"document-review:{late.pk}")
    assert late_one.overdue and late_one.due_on == MONDAY - dt.timedelta(days=1)
    law_one = next(r for r in reminders if r.key == f"document-review:{by_law.pk}")
    assert law_one.due_on == MONDAY and not law_one.overdue
    assert "QT-04" in str(law_one.title) and office["law"].symbol in str(law_one.title)
    assert law_one.url == by_law.document.get_absolute_url()


def test_two_queries_whatever_the_number(office: Any, django_assert_max_num_queries: Any) -> None:  # noqa: F811
    for n in range(5):
        _review(office, _document(office, f"QT-{n}"), MONDAY)
    list(review_reminders(MONDAY))
    with django_assert_max_num_queries(2):
        assert len(list(review_reminders(MONDAY))) == 10
