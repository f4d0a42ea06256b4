"""DOST's guidance in a browser, in Vietnamese: an agency's leader opens a letter and
acknowledges it (HTMX), DOST sees who acknowledged; a question's thread; at desktop and
phone widths, without sideways scrolling."""

import pytest

from chuan.demo.dost_guidance import load_guidance
from chuan.inspections.models import GuidanceLetter, GuidanceQuestion
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _load(world):
    load_guidance(
        province=world.gia_lai_2025,
        year=2026,
        actor=world.coordinator,
        agencies=[world.ward_pc, world.chu_se_pc, world.dost, world.binh_dinh_dept],
    )
    letter = GuidanceLetter.objects.order_by("issued_on").first()
    question = GuidanceQuestion.objects.filter(agency=world.chu_se_pc).order_by("pk").first()
    return letter, question


def _no_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_letter_acknowledged_and_thread(page, phone_page, live_server, world):
    letter, question = _load(world)
    login(page, live_server, world.leader)
    page.goto(f"{live_server.url}{letter.get_absolute_url()}")
    page.get_by_test_id("guidance-ack-button").click()
    page.get_by_test_id("guidance-ack").locator(".alert-success").wait_for()
    assert "đã xác nhận đã đọc" in page.get_by_test_id("guidance-ack").inner_text()
    shoot(page, "guidance-letter-agency-desktop")
    page.goto(f"{live_server.url}/guidance/")
    shoot(page, "guidance-list-agency-desktop")
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    assert page.get_by_test_id("question-message").count() >= 2
    shoot(page, "guidance-thread-desktop")

    login(phone_page, live_server, world.leader)
    for path, name in (
        (letter.get_absolute_url(), "guidance-letter-agency-phone"),
        (question.get_absolute_url(), "guidance-thread-phone"),
        ("/guidance/faq/", "guidance-faq-phone"),
        ("/guidance/", "guidance-list-agency-phone"),
        ("/guidance/questions/", "guidance-questions-phone"),
    ):
        phone_page.goto(f"{live_server.url}{path}")
        _no_sideways(phone_page)
        shoot(phone_page, name)

    page.context.clear_cookies()
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}{letter.get_absolute_url()}")
    receipts = page.get_by_test_id("guidance-receipts").inner_text()
    assert world.chu_se_pc.name in receipts and "Chưa xác nhận" in receipts
    shoot(page, "guidance-letter-dost-desktop")
    page.goto(f"{live_server.url}/guidance/")
    shoot(page, "guidance-list-dost-desktop")
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    shoot(page, "guidance-thread-dost-desktop")
    page.goto(f"{live_server.url}/guidance/new/")
    shoot(page, "guidance-form-desktop")
