"""An on-site inspection in a browser, in Vietnamese: the coordinator records the decision
(an unqualified inspector is refused by name), the team head saves items by HTMX on a phone,
and the pages are kept as screenshots at desktop and phone widths."""

import pytest

from chuan.inspections.models import InspectionDecision
from chuan.inspections.tests.onsite_support import inspection, inspector, team
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_decision_form_and_team_page(page, phone_page, live_server, world):
    target = inspection(world)
    other = inspection(world, world.ward_pc)
    head_user, head, _entries = team(world)
    weak = inspector(world, "Đỗ Văn Tâm", has_degree=False, auditor_number="")
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/inspections/decisions/new/")
    shoot(page, "onsite-decision-form-desktop")
    page.locator("[name=number]").fill("125/QĐ-TĐC")
    page.locator("[name=issued_on]").fill("01/06/2026")
    page.locator("[name=issuer]").fill("Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai")
    page.locator(f"[name=role_{head.pk}]").select_option("head")
    page.locator(f"[name=role_{weak.pk}]").select_option("member")
    page.locator(f"[name=visit_{target.pk}]").check()
    page.locator(f"[name=day_{target.pk}]").fill("15/06/2026")
    page.locator(f"[name=place_{target.pk}]").fill("Trụ sở UBND huyện Chư Sê")
    page.get_by_test_id("decision-save").click()
    refusals = page.get_by_test_id("decision-refusals").inner_text()
    assert "Đỗ Văn Tâm không đủ điều kiện tham gia đoàn" in refusals
    assert "chưa có bằng đại học" in refusals
    shoot(page, "onsite-decision-refused-desktop")
    assert not InspectionDecision.objects.exists()
    page.locator(f"[name=role_{weak.pk}]").select_option("")
    page.get_by_test_id("decision-save").click()
    page.wait_for_url("**/inspections/decisions/*/")
    assert "Nguyễn Văn Hùng" in page.get_by_test_id("decision-team").inner_text()

    login(phone_page, live_server, world.coordinator)
    phone_page.goto(f"{live_server.url}/inspections/decisions/new/")
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "onsite-decision-form-phone")

    phone_page.context.clear_cookies()
    login(phone_page, live_server, head_user)
    phone_page.goto(f"{live_server.url}/inspections/onsite/{target.pk}/")
    card = phone_page.get_by_test_id("item-1b")
    card.locator("label", has_text="Không đạt").click()
    card.locator("[name=evidence_seen]").fill("Biên bản phổ biến quy trình")
    card.locator("[name=finding]").fill("Bộ phận Một cửa chưa được phổ biến")
    card.get_by_test_id("item-save").click()
    phone_page.get_by_test_id("item-1b").get_by_test_id("item-saved").wait_for()
    assert (
        "Không đạt"
        in phone_page.get_by_test_id("item-1b").get_by_test_id("item-result").inner_text()
    )
    card = phone_page.get_by_test_id("item-1a")
    card.locator("label", has_text="Đạt").first.click()
    card.get_by_test_id("item-save").click()
    phone_page.get_by_test_id("item-1a").get_by_test_id("item-saved").wait_for()
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "onsite-team-page-phone")
    assert target.items.count() == 2

    page.context.clear_cookies()
    login(page, live_server, head_user)
    page.goto(f"{live_server.url}/inspections/onsite/{target.pk}/")
    shoot(page, "onsite-team-page-desktop")
    assert other.pk  # still waiting for its decision


def test_other_onsite_screens_fit_a_phone(page, phone_page, live_server, world):
    from chuan.inspections.tests.onsite_support import all_met, decide

    target = inspection(world)
    head_user, _head, entries = team(world)
    inspector(world, "Đỗ Văn Tâm", has_degree=False, auditor_number="")
    decide(world, [target], entries)
    all_met(target, head_user, not_met=("2d",))
    pages = {
        "inspectors": "/inspections/inspectors/",
        "decisions": "/inspections/decisions/",
        "onsite-list": "/inspections/onsite/",
        "minutes-form": f"/inspections/onsite/{target.pk}/minutes/",
    }
    for browser_page, width in ((page, "desktop"), (phone_page, "phone")):
        login(browser_page, live_server, world.coordinator)
        for name, path in pages.items():
            browser_page.goto(f"{live_server.url}{path}")
            _no_sideways_scroll(browser_page)
            shoot(browser_page, f"onsite-{name}-{width}")
    phone_page.locator("[name=conclusion]").select_option("corrections_needed")
    phone_page.locator("[name=representatives]").fill("Rơ Mah Tuấn, Chủ tịch UBND")
    phone_page.get_by_role("button", name="Lưu").click()
    phone_page.get_by_test_id("minutes-sign").click()
    phone_page.locator("[name=team_head_signed_on]").fill("15/06/2026")
    phone_page.locator("[name=agency_signed_on]").fill("10/06/2026")
    phone_page.locator("[data-testid=sign-form] button[type=submit]").click()
    _no_sideways_scroll(phone_page)
    shoot(phone_page, "onsite-sign-refused-phone")
    assert "15/06/2026" in phone_page.content()
    target.refresh_from_db()
    assert target.state == "decided"
