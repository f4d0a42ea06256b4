"""A records-based inspection in a browser: the agency's secretary confirms Chuẩn's facts
and sends the report on a phone; DOST reads it and assesses it. Screenshots at desktop and
phone widths, in Vietnamese."""

import datetime

from django.utils import timezone

import pytest

from chuan.inspections.services import records as services
from chuan.inspections.tests.records_support import make_inspection
from chuan.rollout.models import QmsEvent
from tests.browser.conftest import PHONE, login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _requested(world):
    QmsEvent.objects.create(
        agency=world.chu_se_pc,
        kind="announced",
        occurred_on=datetime.date(2024, 5, 2),
        decision_number="45/QĐ-UBND",
        decision_date=datetime.date(2024, 5, 2),
        signer="Nguyễn Văn A",
        iso_edition="2015",
        scope="Toàn bộ thủ tục hành chính của huyện",
    )
    today = timezone.localdate()
    return services.inspection_request_report(
        inspection=make_inspection(world.chu_se_pc, year=today.year),
        number="123/SKHCN-TĐC",
        letter_date=today,
        reply_due=today + datetime.timedelta(days=20),
        actor=world.coordinator,
    )


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_answer_on_a_phone_then_dost_reads(page, phone_page, live_server, world):
    inspection = _requested(world)
    url = f"{live_server.url}/inspections/records/{inspection.pk}/"
    login(phone_page, live_server, world.secretary)
    phone_page.goto(f"{url}answer/")
    assert "45/QĐ-UBND" in phone_page.get_by_test_id("item-2c").inner_text()
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "inspections-records-answer-phone")
    phone_page.screenshot(path="test-artifacts/inspections-records-answer-phone-top.png")
    phone_page.locator("[name='1b-answer']").fill("Đã phổ biến tài liệu cho toàn bộ công chức")
    for box in phone_page.locator("input[type=checkbox]").all():
        box.check()
    phone_page.get_by_test_id("send-report").click()
    phone_page.wait_for_url(lambda u: "/answer/" not in u)
    assert phone_page.get_by_test_id("state").inner_text() == "Đã nhận báo cáo"
    login(page, live_server, world.secretary)
    page.goto(f"{url}answer/")
    shoot(page, "inspections-records-answer-desktop")
    page.context.clear_cookies()
    login(page, live_server, world.coordinator)
    page.goto(url)
    assert "Toàn bộ thủ tục hành chính" in page.get_by_test_id("item-1a").inner_text()
    shoot(page, "inspections-records-detail-desktop")
    page.goto(f"{url}assess/")
    shoot(page, "inspections-records-assess-desktop")
    phone_page.context.clear_cookies()
    login(phone_page, live_server, world.coordinator)
    phone_page.goto(url)
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "inspections-records-detail-phone")
    phone_page.goto(f"{url}assess/")
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "inspections-records-assess-phone")
    phone_page.screenshot(path="test-artifacts/inspections-records-assess-phone-top.png")
