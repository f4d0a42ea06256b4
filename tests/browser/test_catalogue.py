"""The catalogue in a browser: find a procedure without diacritics, draft and approve the
agency's internal process and see its total against the statutory time; mark a provincial
day off on the working calendar."""

import datetime as dt
from decimal import Decimal

import pytest

from chuan.accounts.roles import Role
from chuan.calendars.models import CalendarDay
from chuan.legal.choices import DocumentKind
from chuan.legal.tests.factories import legal
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess
from chuan.procedures.tests.factories import approved_process, make_procedure
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(world):
    legal(
        world.admin, "60/2014/QH13", DocumentKind.LAW, dt.date(2014, 11, 20), title="Luật Hộ tịch"
    )
    birth = make_procedure(world.gia_lai_2025)
    contract = make_procedure(
        world.gia_lai_2025,
        "2.001035",
        name="Chứng thực hợp đồng, giao dịch liên quan đến tài sản",
        field_name="Chứng thực",
        time_amount=Decimal(2),
        time_unit="working_days",
    )
    approved_process(world.chu_se_pc, contract, "2", "12", "2", "2")  # 18 h against 16 h
    return birth


def test_an_official_drafts_and_approves_the_internal_process(page, live_server, world, catalogue):
    official = member(UserFactory(roles=[Role.DOCUMENT_CONTROLLER]), world.ward_pc)
    login(page, live_server, official)
    page.goto(f"{live_server.url}/procedures/")
    page.get_by_test_id("procedure-search").fill("dang ky khai sinh")
    page.get_by_test_id("procedure-search").press("Enter")
    rows = page.get_by_test_id("procedure-row")
    assert rows.count() == 1
    rows.first.get_by_role("link").click()
    assert page.get_by_test_id("procedure-name").inner_text() == "Thủ tục đăng ký khai sinh"
    assert page.get_by_test_id("statutory-time").inner_text().startswith("Trong ngày")
    page.get_by_role("link", name="Soạn cho cơ quan tôi").click()
    form = page.get_by_test_id("process-form")
    form.locator("[name=code]").fill("QT-HT-01")
    form.locator("[name=steps-0-name]").fill("Tiếp nhận, kiểm tra hồ sơ")
    form.locator("[name=steps-0-responsible]").select_option("desk")
    form.locator("[name=steps-0-time_amount]").fill("1")
    form.locator("[name=steps-1-name]").fill("Giải quyết, trình ký, trả kết quả")
    form.locator("[name=steps-1-responsible]").select_option("department")
    form.locator("[name=steps-1-time_amount]").fill("0.5")
    form.locator("[name=steps-1-time_unit]").select_option("working_days")
    form.locator("[name=steps-1-gives_result]").check()
    # On a desktop every column of the step grid, its two marks the last, is in view.
    grid = page.get_by_test_id("step-rows")
    assert grid.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
    assert form.locator("[name=steps-1-gives_result]").is_visible()
    box = form.locator("[name=steps-1-gives_result]").bounding_box()
    assert box is not None and box["x"] + box["width"] <= page.viewport_size["width"]
    shoot(page, "process-form")
    form.get_by_role("button", name="Lưu dự thảo").click()
    page.wait_for_url("**/processes/*/")
    assert page.get_by_test_id("step-row").count() == 2
    # The step marked as giving the result is where its dossiers are finished.
    assert page.get_by_test_id("step-row").nth(1).get_by_test_id("step-result").is_visible()
    assert page.get_by_test_id("fit").get_attribute("data-exceeds") == "0"
    assert page.get_by_test_id("step-total").inner_text() == "5 giờ làm việc"
    approve = page.get_by_test_id("approve-form")
    approve.locator("[name=decision_number]").fill("15/QĐ-UBND")
    approve.get_by_role("button", name="Phê duyệt").click()
    page.wait_for_url("**/processes/*/")
    assert "Đã phê duyệt quy trình." in page.content()
    shoot(page, "process-approved")
    process = InternalProcess.objects.get(agency=world.ward_pc, procedure=catalogue.procedure)
    assert process.status == ProcessStatus.APPROVED and process.decision_number == "15/QĐ-UBND"


def test_a_process_over_the_statutory_time_is_flagged_on_a_phone(
    phone_page, live_server, world, catalogue
):
    login(phone_page, live_server, world.viewer)
    phone_page.goto(f"{live_server.url}/procedures/?q=CHUNG+THUC")
    phone_page.get_by_test_id("procedure-row").first.get_by_role("link").click()
    card = phone_page.get_by_test_id("process-card")
    assert card.get_by_test_id("fit").get_attribute("data-exceeds") == "1"
    card.get_by_role("link").click()
    assert phone_page.get_by_test_id("fit-warning").is_visible()
    shoot(phone_page, "process-over-phone")


def test_a_coordinator_marks_a_provincial_day_off(page, live_server, world):
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/calendar/?year=2026&province={world.gia_lai_2025.pk}")
    page.get_by_test_id("add-day").click()
    form = page.get_by_test_id("day-form")
    form.locator("[name=date]").fill("04/12/2026")
    form.locator("[name=name]").fill("Nghỉ kỷ niệm ngày thành lập tỉnh")
    form.locator("[name=legal_basis]").fill("12/TB-UBND")
    form.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/calendar/?year=2026*")
    row = page.locator("[data-testid=day-row][data-date='2026-12-04']")
    assert "12/TB-UBND" in row.inner_text()
    assert "cal-day-off" in page.locator("td[data-date='2026-12-04']").get_attribute("class")
    shoot(page, "calendar-day-added")
    assert CalendarDay.objects.get().province == world.gia_lai_2025
