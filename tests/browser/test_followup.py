"""The follow-up of an inspection in a browser, in Vietnamese (TT 26/2014 Arts. 37.3–37.4,
39): the agency reports a corrective action with its evidence, DOST refuses another with a
notice and accepts the first; the request page, the follow-up list, the agency's requests
and the inspection file are shot at desktop and phone widths, none scrolling sideways."""

import pytest

from chuan.inspections.services.followup import correction_refuse
from chuan.inspections.tests.followup_support import actions_done, followup, reported
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_followup_screens(page, phone_page, live_server, world):
    from django.utils import timezone

    f = followup(world, count=3)
    first, second, third = f.requests
    actions_done(f, first)
    refused = reported(f, second)
    correction_refuse(
        request=refused,
        notice_number="05/TB-TĐC",
        notice_date=timezone.localdate(),
        reasons="Chưa có bằng chứng tập huấn cán bộ",
        actor=world.coordinator,
    )
    # The agency reports through the form, with its evidence file.
    login(page, live_server, world.secretary)
    page.goto(f"{live_server.url}/inspections/followup/{first.pk}/report/")
    assert "QT-05" in page.get_by_label("Nội dung đã khắc phục").input_value()
    page.set_input_files(
        "input[name=evidence_file]",
        files=[{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": _pdf()}],
    )
    page.get_by_role("button", name="Gửi Sở KH&CN").click()
    page.wait_for_url(f"**/inspections/followup/{first.pk}/")
    assert page.get_by_test_id("request-state").inner_text().strip() == "Đã báo cáo khắc phục"
    page.goto(f"{live_server.url}/inspections/followup/agency/")
    shoot(page, "followup-agency-desktop")
    _no_sideways(page)
    # DOST looks at its list and the request, at both widths.
    for p, width in ((page, "desktop"), (phone_page, "phone")):
        p.context.clear_cookies()
        login(p, live_server, world.coordinator)
        p.goto(f"{live_server.url}/inspections/followup/")
        assert p.get_by_test_id("request-row").count() == 3
        shoot(p, f"followup-list-{width}")
        _no_sideways(p)
        p.goto(f"{live_server.url}/inspections/followup/{first.pk}/")
        assert p.get_by_test_id("decision").is_visible()
        shoot(p, f"followup-request-{width}")
        _no_sideways(p)
    page.get_by_test_id("accept").click()
    page.wait_for_url(f"**/inspections/followup/{first.pk}/")
    assert page.get_by_test_id("request-state").inner_text().strip() == "Đã chấp nhận"
    page.goto(f"{live_server.url}/inspections/file/{f.inspection.pk}/")
    assert page.get_by_test_id("blockers").is_visible()
    shoot(page, "followup-file-desktop")
    _no_sideways(page)
    phone_page.goto(f"{live_server.url}/inspections/file/{f.inspection.pk}/")
    shoot(phone_page, "followup-file-phone")
    _no_sideways(phone_page)
    assert third.pk


def _pdf() -> bytes:
    from chuan.core.testing.bad_files import pdf

    return pdf("Bao cao khac phuc")
