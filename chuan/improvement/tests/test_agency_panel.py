"""The agency's QMS page says when the last internal audit and management review were held
and warns when either is missing or more than a year old (QĐ 19/2014/QĐ-TTg Art. 4.4b)."""

import datetime as dt

import pytest

from chuan.improvement.panels import cycle_panel
from chuan.improvement.services import reviews as services
from chuan.improvement.tests.reviews_support import plan

pytestmark = pytest.mark.django_db


def test_nothing_held_warns_of_both(world):
    panel = cycle_panel(world.chu_se_pc, world.secretary, dt.date(2026, 12, 4))
    assert panel is not None
    assert panel.context["audit"] == {"last": None, "due": None, "late": True}
    assert panel.context["review"]["late"] is True


def test_a_review_warns_again_a_year_and_a_day_later(world):
    review = services.review_compile(review=plan(world), actor=world.secretary)
    services.review_record_minutes(review=review, minutes="Họp đủ nội dung", actor=world.secretary)
    on_time = cycle_panel(world.chu_se_pc, world.secretary, dt.date(2027, 4, 10))
    late = cycle_panel(world.chu_se_pc, world.secretary, dt.date(2027, 4, 11))
    assert on_time.context["review"] == {
        "last": dt.date(2026, 4, 10),
        "due": dt.date(2027, 4, 10),
        "late": False,
    }
    assert late.context["review"]["late"] is True


def test_the_panel_shows_on_the_agency_page_only_to_who_reads_the_cycle(client, world):
    client.force_login(world.coordinator)
    page = client.get(f"/rollout/agencies/{world.ward_pc.pk}/")
    assert page.status_code == 200
    assert 'data-testid="qms-cycle-panel"' in page.content.decode()
    assert "Chưa ghi nhận đợt đánh giá nội bộ nào" in page.content.decode()
    assert cycle_panel(world.chu_se_pc, world.outsider, dt.date(2026, 12, 4)) is None
