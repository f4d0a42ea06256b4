"""The demo's management review loads, approved, and a second run adds nothing; the card
and `last_management_review` read it."""

import datetime as dt
from io import StringIO

from django.db import transaction

import pytest

from chuan.demo.loader import load_demo
from chuan.demo.qms_reviews import TITLE, load_reviews
from chuan.improvement.choices import ReviewState
from chuan.improvement.models import ManagementReview
from chuan.improvement.selectors.reviews import last_management_review, next_review_due


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(whole_country=False, dossiers=120)
        out = StringIO()
        created = load_reviews(stdout=out)
        yield created, out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_ward_review_loads_once(demo, client):
    created, said = demo
    assert created == 1 and "02/12/2026" in said
    review = ManagementReview.objects.get(title=TITLE)
    assert review.agency.name == "Ủy ban nhân dân phường Pleiku"
    assert review.state == ReviewState.APPROVED and review.chair.username == "leader"
    assert review.actions.count() == 2 and review.decisions.count() == 2
    assert review.sections.filter(key="e").get().rows  # the demo desk's figures
    assert last_management_review(review.agency_id) == dt.date(2026, 12, 2)
    assert next_review_due(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert load_reviews() == 0
    client.force_login(review.chair)
    home = client.get(f"/qms/?agency={review.agency_id}").content.decode()
    assert "02/12/2026" in home and "02/12/2027" in home
    assert 'data-testid="reviews-overdue"' not in home
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Phê duyệt biên bản" not in page and "Chủ trì đã phê duyệt" in page
