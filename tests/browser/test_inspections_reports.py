"""DOST's dashboard and a province report in a browser, in Vietnamese, at desktop and phone
widths: the narrative is saved in place (HTMX), the report issued and frozen; nothing scrolls
sideways on a phone."""

from django.utils import timezone

import pytest

from chuan.demo.dost_reports import load_reports
from chuan.inspections.tests.reports_support import YEAR, build_province
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def test_dashboard_and_report(page, phone_page, live_server):
    hand = build_province()
    reports = load_reports(
        province=hand.province, year=YEAR, actor=hand.coordinator, issue_november=True
    )
    december = reports["december"]
    login(page, live_server, hand.coordinator)
    page.goto(f"{live_server.url}/inspections/?year={YEAR}")
    assert page.get_by_test_id("plan-done").inner_text() == "3/4"
    assert "Chi cục Kiểm lâm" in page.get_by_test_id("flagged").inner_text()
    shoot(page, "inspections-dashboard-desktop")
    page.goto(f"{live_server.url}{december.get_absolute_url()}")
    assert "Khối sở, ngành" in page.get_by_test_id("figures").inner_text()
    section = page.get_by_test_id("section-assessment")
    section.locator("textarea").fill("Các cơ quan duy trì tốt hệ thống.")
    section.get_by_role("button").click()
    page.get_by_test_id("section-assessment").get_by_role("status").wait_for()
    shoot(page, "inspections-report-desktop")
    form = page.get_by_test_id("issue-form")
    form.locator("[name=number]").fill("130/BC-SKHCN")
    form.locator("[name=issued_on]").fill(f"{timezone.localdate():%d/%m/%Y}")
    form.locator("[name=signer]").fill("Nguyễn Văn Thành")
    page.get_by_test_id("issue").click()
    assert page.get_by_test_id("report-state").inner_text() == "Đã ban hành"
    assert (
        "Các cơ quan duy trì tốt hệ thống."
        in page.get_by_test_id("section-assessment").inner_text()
    )
    assert page.locator("textarea").count() == 0

    login(phone_page, live_server, hand.coordinator)
    phone_page.goto(f"{live_server.url}/inspections/?year={YEAR}")
    assert phone_page.evaluate(NO_SIDEWAYS)
    shoot(phone_page, "inspections-dashboard-phone")
    phone_page.goto(f"{live_server.url}{reports['november'].get_absolute_url()}")
    assert phone_page.evaluate(NO_SIDEWAYS)
    shoot(phone_page, "inspections-report-phone")
