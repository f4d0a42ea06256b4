"""DOST records an agency's QMS announcement in a browser, on a desktop and on a phone."""

import datetime as dt

import pytest

from chuan.core.testing import bad_files
from chuan.rollout.models import QmsEvent
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = bad_files.pdf()  # a PDF that parses: junk is refused


def _record_announcement(page, live_server, world, *, tag):
    page.goto(f"{live_server.url}/rollout/agencies/?q=chu+se")
    rows = page.get_by_test_id("agency-row")
    assert rows.count() == 1
    shoot(page, f"rollout-agency-list-{tag}")
    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**/rollout/agencies/{world.chu_se_pc.pk}/")
    assert page.get_by_test_id("status-today").locator("[data-status]").get_attribute(
        "data-status"
    ) == ("building")
    page.get_by_test_id("record-announcement").click()
    form = page.get_by_test_id("event-form")
    assert form.locator("[name=kind]").input_value() == "announced"
    form.locator("[name=occurred_on]").fill("15/12/2017")
    form.locator("[name=decision_number]").fill("1520/QĐ-UBND")
    form.locator("[name=decision_date]").fill("15/12/2017")
    form.locator("[name=signer]").fill("Chủ tịch UBND huyện Chư Sê")
    form.locator("[name=iso_edition]").select_option("2008")
    form.locator("[name=scope]").fill("Các thủ tục hành chính tiếp nhận tại Bộ phận một cửa")
    form.locator("[name=file]").set_input_files(
        files=[{"name": "QĐ 1520.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shoot(page, f"rollout-event-form-{tag}")
    page.get_by_test_id("save-event").click()
    page.wait_for_url(f"**/rollout/agencies/{world.chu_se_pc.pk}/")
    status = page.get_by_test_id("status-today").locator("[data-status]")
    assert status.get_attribute("data-status") == "announced"
    announced = page.locator("[data-testid=event-row][data-kind=announced]")
    assert "1520/QĐ-UBND" in announced.inner_text()
    assert announced.get_by_test_id("event-file").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"the page scrolls sideways ({width}px > {viewport}px)"
    shoot(page, f"rollout-agency-qms-{tag}")
    event = QmsEvent.objects.get(kind="announced")
    assert event.agency == world.chu_se_pc
    assert event.decision_date == dt.date(2017, 12, 15)
    assert event.recorded_by == world.coordinator
    assert event.file.name.endswith(".pdf")


def _building(world):
    QmsEvent.objects.create(
        agency=world.chu_se_pc,
        kind="building_started",
        occurred_on=dt.date(2017, 3, 1),
        consultant="Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Gia Lai",
    )


def test_dost_records_an_announcement_on_a_desktop(page, live_server, world):
    _building(world)
    login(page, live_server, world.coordinator)
    _record_announcement(page, live_server, world, tag="desktop")


def test_dost_records_an_announcement_on_a_phone(phone_page, live_server, world):
    _building(world)
    login(phone_page, live_server, world.coordinator)
    _record_announcement(phone_page, live_server, world, tag="phone")


def test_dost_previews_a_status_sheet_and_reads_the_targets(page, live_server, world, tmp_path):
    from chuan.rollout.models import Target

    Target.objects.create(
        decision_number="658/QĐ-UBND",
        decision_date=dt.date(2017, 5, 12),
        province=world.gia_lai_legacy,
        level="commune",
        percent=90,
        deadline=dt.date(2017, 12, 31),
    )
    sheet = tmp_path / "trang-thai.csv"
    sheet.write_text(
        "Tên cơ quan;Sự kiện;Ngày;Số quyết định;Ngày quyết định;Phiên bản ISO\n"
        "Ủy ban nhân dân huyện Chư Sê;Đang xây dựng;01/03/2017;;;\n"
        "Ủy ban nhân dân huyện Chư Sê;Công bố;15/12/2017;1520/QĐ-UBND;15/12/2017;2008\n"
        "Ủy ban nhân dân huyện Chư Sê;Công bố;20/12/2017;;;\n"
        "Sở Tư pháp tỉnh Kon Tum;Xây dựng;01/01/2018;;;\n",
        encoding="utf-8",
    )
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/rollout/import/")
    page.get_by_test_id("import-form").locator("[name=file]").set_input_files(str(sheet))
    page.get_by_test_id("import-form").locator("button[type=submit]").click()
    assert page.get_by_test_id("import-errors").is_visible()
    assert page.get_by_test_id("import-row").count() == 4
    shoot(page, "rollout-status-import-desktop")
    assert not QmsEvent.objects.exists()
    page.goto(f"{live_server.url}/rollout/targets/")
    result = page.get_by_test_id("target-result").first
    assert result.get_attribute("data-met") == "missed"
    shoot(page, "rollout-targets-desktop")
