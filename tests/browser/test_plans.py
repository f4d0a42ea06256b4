"""The yearly inspection plan in a browser, in Vietnamese: DOST proposes the lines (the
progress message shows while it works), sees exactly one third on site with the reasons,
and the plan's table reads on a laptop and on a phone without sideways scrolling."""

import pytest

from chuan.inspections.models import InspectionPlan
from chuan.inspections.services.plans import LineData, line_update
from chuan.inspections.tests import plans_support as support
from chuan.organisations.tests.factories import AgencyFactory
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường",
    "Ủy ban nhân dân phường Quy Nhơn",
    "Ủy ban nhân dân xã Chư Sê",
    "Ủy ban nhân dân phường An Khê",
]


def _agencies(world):
    for name in NAMES:
        AgencyFactory(name=name, unit=world.gia_lai_2025)


def test_propose_and_read_the_plan(page, phone_page, live_server, world):
    support.arrangement(world)
    _agencies(world)
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/inspections/plans/")
    page.locator("#id_year").fill(str(support.YEAR))
    page.get_by_test_id("propose").click()
    page.wait_for_url(lambda url: "/inspections/plans/" in url and url.rstrip("/")[-1].isdigit())
    assert page.get_by_test_id("count-total").inner_text() == "12"
    assert page.get_by_test_id("count-on-site").inner_text() == "4"
    assert "Chưa từng được kiểm tra tại cơ quan" in page.get_by_test_id("line-table").inner_text()
    line = next(iter(InspectionPlan.objects.get().lines.filter(form="on_site")))
    line_update(
        line=line,
        data=LineData(
            form="on_site",
            planned_month=5,
            coordinating_unit="Văn phòng UBND tỉnh; Sở Nội vụ",
            budget=15_000_000,
            note="Kết hợp kiểm tra cải cách hành chính",
        ),
        actor=world.coordinator,
    )
    page.reload()
    shoot(page, "plans-detail-desktop")
    login(phone_page, live_server, world.coordinator)
    phone_page.goto(page.url)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone_page, "plans-detail-phone")
    page.goto(f"{live_server.url}/inspections/plans/")
    shoot(page, "plans-list-desktop")
    page.goto(f"{live_server.url}/inspections/who-inspects/")
    shoot(page, "plans-who-inspects-desktop")
