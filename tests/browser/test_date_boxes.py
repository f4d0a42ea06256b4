"""Date boxes show dd/mm/yyyy even in a browser set to US English, whose own date picker
showed the calendar's day as 12/04/2026 (month first)."""

import pytest

from chuan.calendars.models import CalendarDay
from tests.browser.conftest import DESKTOP, PHONE, login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_date_box_in_an_english_browser_is_day_first(browser, live_server, world, size, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US", is_mobile=size == "phone")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login(page, live_server, world.coordinator)
        province = world.gia_lai_2025.pk
        page.goto(f"{live_server.url}/calendar/days/new/?province={province}&date=2026-12-04")
        box = page.get_by_test_id("day-form").locator("[name=date]")
        assert box.input_value() == "04/12/2026"
        assert box.get_attribute("placeholder") == "dd/mm/yyyy"
        shoot(page, f"date-box-english-{size}")
        # A date typed month first does not pass for a day.
        box.fill("12/31/2026")
        form = page.get_by_test_id("day-form")
        form.locator("[name=name]").fill("Nghỉ kỷ niệm ngày thành lập tỉnh")
        form.locator("[name=legal_basis]").fill("12/TB-UBND")
        with page.expect_navigation():
            page.get_by_test_id("day-form").get_by_role("button", name="Lưu").click()
        errors = page.get_by_test_id("day-form").locator(".invalid-feedback")
        assert errors.count() == 1  # the date's, the rest was right
        assert not CalendarDay.objects.exists()
        box = page.get_by_test_id("day-form").locator("[name=date]")
        box.fill("04/12/2026")
        page.get_by_test_id("day-form").get_by_role("button", name="Lưu").click()
        page.wait_for_url("**/calendar/?year=2026*")
        assert CalendarDay.objects.get().date.isoformat() == "2026-12-04"
    finally:
        context.close()
