"""A management review in a browser: the secretary compiles the pack of a known quarter,
comments an input and records the minutes; the chair approves and the pack is frozen."""

import pytest

from chuan.improvement.tests.reviews_support import known_quarter, plan
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pack_to_minutes(page, live_server, world):
    known_quarter(world)
    review = plan(world)
    url = f"{live_server.url}{review.get_absolute_url()}"
    login(page, live_server, world.secretary)
    page.goto(url)
    page.get_by_test_id("review-compile").click()
    section = page.get_by_test_id("review-section-e")
    assert "90,7%" in section.inner_text()
    comment = page.get_by_test_id("review-section-c")
    comment.locator("textarea").fill("Tỷ lệ hài lòng đạt yêu cầu")
    comment.get_by_role("button").click()
    page.locator("[name=minutes]").fill("Hệ thống vận hành hiệu lực")
    page.get_by_test_id("review-minutes").click()
    assert page.get_by_test_id("review-state").inner_text() == "Đã họp, đã lập biên bản"
    assert page.get_by_test_id("review-approve").count() == 0
    page.context.clear_cookies()
    login(page, live_server, world.leader)
    page.goto(url)
    page.get_by_test_id("review-approve").click()
    assert page.get_by_test_id("review-state").inner_text() == "Chủ trì đã phê duyệt"
    assert "Tỷ lệ hài lòng đạt yêu cầu" in page.get_by_test_id("review-section-c").inner_text()
    assert page.get_by_test_id("review-compile").count() == 0
