"""The commune kit in a browser: DOST revises a model process and its leader approves it; a
commune sees the update request, adopts the new edition and its leader approves the draft;
DOST's adoption table shows the commune current again."""

import datetime

from django.utils import timezone

import pytest

from chuan.kits import services
from chuan.kits.models import AdoptedItem, UpdateRequest
from chuan.kits.tests.factories import approve_process, make_kit
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_revision_reaches_a_commune_and_back(page, live_server, world):
    kit = make_kit(world, communes=2)
    commune = kit.communes[0]
    for each in kit.communes:
        services.model_set_adopt(agency=each.agency, model_set=kit.model_set, actor=each.secretary)
        process = AdoptedItem.objects.get(agency=each.agency, item=kit.process).process
        approve_process(process, each)

    # DOST drafts a new edition of the model process: the signing step takes half a day.
    login(page, live_server, kit.coordinator)
    page.goto(f"{live_server.url}/kits/items/{kit.process.pk}/")
    page.get_by_test_id("revise").click()
    page.locator("[name=steps-2-time_amount]").fill("0.5")
    page.locator("[name=what]").fill("Rút ngắn thời gian ký kết quả")
    page.locator("[name=where]").fill("Bước 3")
    page.locator("[name=why]").fill("Nghị định sửa đổi")
    page.get_by_test_id("save-draft").click()
    page.get_by_test_id("edition-list").wait_for()
    assert "Rút ngắn thời gian ký kết quả" in page.get_by_test_id("edition-change").inner_text()

    # DOST's leader approves it: every adopting commune gets its request.
    page.context.clear_cookies()
    login(page, live_server, kit.dost_leader)
    page.goto(f"{live_server.url}/kits/items/{kit.process.pk}/?edition=2")
    page.get_by_test_id("approve").click()
    page.get_by_test_id("edition-list").wait_for()
    assert "Đã phê duyệt" in page.locator("[data-number='2']").inner_text()

    # The commune sees the request, with no conflict, and adopts the new edition.
    page.context.clear_cookies()
    login(page, live_server, commune.secretary)
    page.goto(f"{live_server.url}/kits/requests/")
    page.get_by_test_id("request-row").get_by_role("link").first.click()
    assert page.get_by_test_id("conflict-count").inner_text() == "0"
    shoot(page, "kits-request")
    page.get_by_test_id("adopt-new").click()
    page.wait_for_url(lambda url: "/processes/" in url)

    # Its leader approves the draft process.
    draft_url = page.url
    page.context.clear_cookies()
    login(page, live_server, commune.leader)
    page.goto(draft_url)
    form = page.get_by_test_id("approve-form")
    today = timezone.localdate().strftime("%d/%m/%Y")
    form.locator("[name=decision_number]").fill("15/QĐ-UBND")
    form.locator("[name=decision_date]").fill(today)
    # The first edition, approved today, stays in force until the day before.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    form.locator("[name=valid_from]").fill(tomorrow)
    form.get_by_role("button").click()
    page.wait_for_load_state()
    shoot(page, "kits-leader-approved")
    request = UpdateRequest.objects.get(agency=commune.agency, edition__number=2)
    assert request.process.status == "approved", page.locator(".alert").all_inner_texts()

    # DOST's table: the commune runs on edition 2, current; the other is behind.
    page.context.clear_cookies()
    login(page, live_server, kit.coordinator)
    page.goto(f"{live_server.url}/kits/sets/{kit.model_set.pk}/adoption/")
    rows = {
        row.get_attribute("data-agency"): row.get_by_test_id("row-state").inner_text()
        for row in page.get_by_test_id("adoption-row").all()
    }
    assert rows[str(commune.agency.pk)] == "Đã áp dụng, bản mới nhất"
    assert rows[str(kit.communes[1].agency.pk)].startswith("Chậm cập nhật")
    shoot(page, "kits-adoption-table")
