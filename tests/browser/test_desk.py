"""The one-stop desk in a browser: receive a dossier, print the slip, hand it over, request
a supplement, supplement, finish, return, and look it up and rate it as a citizen."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.dossiers import services
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.services import Applicant
from chuan.dossiers.tests.factories import make_desk, receipt
from chuan.procedures.tests.factories import make_procedure
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, live_server, user):
    """Sign out whoever is signed in, and sign in as `user`."""
    page.context.clear_cookies()
    login(page, live_server, user)


def _act(page, name, **fields):
    page.get_by_test_id(f"action-{name}").click()
    form = page.get_by_test_id(f"form-{name}")
    # The form opens with Bootstrap's collapse; fill it once it is shown, not mid-animation.
    expect(page.locator(f"#action-{name}.collapse.show")).to_be_visible()
    for field, value in fields.items():
        control = form.locator(f"[name={name}-{field}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation(timeout=20_000):
        form.get_by_role("button", name="Xác nhận").click()


def test_a_dossier_from_receipt_to_the_citizen(page, browser, live_server, world):
    desk = make_desk(world)
    login(page, live_server, desk.officer)
    page.goto(f"{live_server.url}/desk/")
    page.get_by_test_id("receive-dossier").click()
    page.get_by_test_id("procedure-search").fill("dat dai")
    expect(page.get_by_test_id("procedure-choice")).to_have_count(1)
    page.get_by_test_id("procedure-choice").first.click()
    form = page.get_by_test_id("receipt-form")
    form.locator("[name=applicant_name]").fill("Nguyễn Thị Hoa")
    form.locator("[name=applicant_id_number]").fill("064095000123")
    form.locator("[name=applicant_phone]").fill("0905 123 456")
    form.locator("[name=applicant_address]").fill("Tổ 3, phường Pleiku")
    shoot(page, "desk-receive")
    page.get_by_test_id("receive").click()
    page.wait_for_url("**/slip/receipt/")
    dossier = Dossier.objects.get()
    assert dossier.code in page.content()
    assert page.locator("svg").count() == 1  # the QR code
    shoot(page, "desk-receipt-slip")
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    _act(page, "hand_over", to_user=str(desk.official.pk))
    _act(
        page, "request_supplement", reason="Thiếu mảnh trích đo", missing="Mảnh trích đo địa chính"
    )
    assert page.get_by_test_id("dossier-status").get_attribute("data-status") == str(
        Status.SUPPLEMENT_REQUESTED
    )
    _act(page, "supplement", note="Đã nộp mảnh trích đo")
    _act(page, "hand_over", to_user=str(desk.leader.pk))
    # Step 3 is signed by a leader: the leader finishes, the desk returns the result.
    _as(page, live_server, desk.leader)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    _act(page, "finish", result="approved", note="Giấy chứng nhận số 123")
    shoot(page, "desk-dossier")
    _as(page, live_server, desk.officer)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    _act(page, "return", method="in_person")
    assert page.get_by_test_id("dossier-status").get_attribute("data-status") == str(
        Status.RETURNED
    )
    control = page.context.new_page()
    control.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/control/")
    assert control.get_by_test_id("control-rows").locator("tbody tr").count() == 4
    control.close()

    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    phone = citizen.new_page()
    phone.goto(f"{live_server.url}/tra-cuu/?code={dossier.code}")
    phone.get_by_label("4 số cuối điện thoại").fill("3456")
    phone.get_by_role("button", name="Tra cứu").click()
    assert phone.get_by_test_id("lookup-status").inner_text() == "Đã trả kết quả"
    assert "Nguyễn Thị Hoa" not in phone.content()
    phone.get_by_label("Rất hài lòng").check()
    shoot(phone, "desk-lookup-phone")
    phone.get_by_role("button", name="Gửi đánh giá").click()
    assert phone.get_by_test_id("rated").is_visible()
    citizen.close()
    dossier.refresh_from_db()
    assert dossier.satisfaction == "very_satisfied"
    assert [e.kind for e in dossier.events.all()][-3:] == ["finished", "returned", "rated"]


def test_a_dossier_cannot_be_finished_before_the_signing_step(page, phone_page, live_server, world):
    desk = make_desk(world)
    dossier = services.dossier_receive(
        agency=desk.agency, data=receipt(desk.land), actor=desk.officer
    )
    services.dossier_hand_over(dossier=dossier, actor=desk.officer, to_user=desk.official)
    login(page, live_server, desk.official)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    # At step 2 of 4 the official is offered no Finish, and is told where it happens.
    expect(page.get_by_test_id("action-hand_over")).to_be_visible()
    expect(page.get_by_test_id("action-finish")).to_have_count(0)
    expect(page.get_by_test_id("finish-hint")).to_contain_text("bước 3")
    _act(page, "accept")
    expect(page.get_by_test_id("step-accepted")).to_have_count(2)
    shoot(page, "desk-before-signing")
    login(phone_page, live_server, desk.official)
    phone_page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    shoot(phone_page, "desk-before-signing-phone")
    _act(page, "hand_over", to_user=str(desk.leader.pk))
    # Step 3 is signed by a leader: still no Finish for the official, nor a hand-over.
    expect(page.get_by_test_id("action-finish")).to_have_count(0)
    expect(page.get_by_test_id("action-hand_over")).to_have_count(0)
    _as(page, live_server, desk.leader)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    _act(page, "finish", result="approved", note="Giấy chứng nhận số 45")
    assert page.get_by_test_id("dossier-status").get_attribute("data-status") == str(
        Status.FINISHED
    )
    dossier.refresh_from_db()
    signed = dossier.steps.get(order=3)
    assert signed.given_by == desk.leader and signed.accepted_by == desk.leader


def _just_before_a_holiday(calendar, now):
    """A holiday on a weekday after the coming days, and the working days a procedure needs
    to fall due on the working day before it: an extension to the holiday is then within its
    limit, refused only because it is a holiday."""
    day = now.astimezone(VIETNAM).date() + dt.timedelta(days=3)
    while calendar.is_working_day(day) or day.weekday() >= 5:
        day += dt.timedelta(days=1)
    for days in range(1, 120):
        due = calendar.due(now, days, "working_days").date()
        if calendar.next_working_day(due) > day:
            return day, days
    raise AssertionError("no holiday found")


def test_an_extension_to_a_holiday_is_refused(page, live_server, world):
    desk = make_desk(world)
    calendar = working_calendar(agency_province_id(desk.agency))
    now = timezone.now()
    holiday, days = _just_before_a_holiday(calendar, now)
    version = make_procedure(
        world.gia_lai_2025,
        "1.004227",
        name="Cấp giấy phép khai thác nước dưới đất",
        field_name="Tài nguyên nước",
        time_amount=Decimal(days),
        time_unit="working_days",
    )
    dossier = services.dossier_receive(
        agency=desk.agency, data=receipt(version), actor=desk.officer
    )
    due = dossier.due_at
    assert due.astimezone(VIETNAM).date() < holiday
    login(page, live_server, desk.leader)
    page.goto(f"{live_server.url}{dossier.get_absolute_url()}")
    _act(
        page, "extend", new_due_date=holiday.strftime("%d/%m/%Y"), reason="Chờ ý kiến cơ quan thuế"
    )
    alert = page.locator(".alert-danger, .alert-warning").first
    expect(alert).to_contain_text(f"{holiday:%d/%m/%Y} không phải ngày làm việc")
    shoot(page, "desk-extension-holiday")
    dossier.refresh_from_db()
    assert dossier.due_at == due and not dossier.events.filter(kind="extended").exists()
    # The working day after the holiday is accepted, and form 04 prints it day first.
    after = calendar.working_day_on_or_after(holiday)
    _act(page, "extend", new_due_date=after.strftime("%d/%m/%Y"), reason="Chờ ý kiến cơ quan thuế")
    expect(page.get_by_test_id("dossier-due")).to_have_text(f"{after:%d/%m/%Y} 17:00")
    slip = page.context.new_page()
    slip.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/apology/")
    expect(slip.get_by_test_id("apology-new-due")).to_have_text(f"{after:%d/%m/%Y} 17:00")
    expect(slip.get_by_test_id("apology-old-due")).to_have_text(
        f"{due.astimezone(VIETNAM):%d/%m/%Y %H:%M}"
    )
    shoot(slip, "desk-apology-slip")
    slip.close()


# Whether the national motto stays on one line and no text runs under the QR code.
LAYOUT = """() => {
  const motto = document.querySelector('.letterhead .nowrap');
  const cell = motto.closest('td');
  const qr = document.querySelector('.qr').getBoundingClientRect();
  const overlaps = [];
  for (const p of document.querySelectorAll('main p, main h1, .letterhead td')) {
    const range = document.createRange();
    range.selectNodeContents(p);
    for (const r of range.getClientRects()) {
      if (r.width && r.right > qr.left + 1 && r.left < qr.right - 1
          && r.bottom > qr.top + 1 && r.top < qr.bottom - 1) {
        overlaps.push(p.textContent.slice(0, 40));
      }
    }
  }
  const line = parseFloat(getComputedStyle(motto).lineHeight) || motto.offsetHeight;
  return {
    mottoFits: motto.scrollWidth <= cell.clientWidth + 1,
    mottoOneLine: motto.getClientRects().length === 1 && motto.offsetHeight <= line * 1.5,
    overlaps,
  };
}"""


def test_slips_keep_their_layout_with_long_names(page, phone_page, live_server, world):
    desk = make_desk(world)
    desk.agency.name = (
        "Ủy ban nhân dân phường Hội Phú thuộc thành phố Pleiku, tỉnh Gia Lai "
        "(Trung tâm Phục vụ hành chính công phường)"
    )
    desk.agency.save(update_fields=["name"])
    applicant = Applicant(
        name="Nguyễn Thị Hoàng Phương Thảo Nguyên Ngọc Bích Lan Hương Trà My Kiều Oanh",
        id_number="064095000123",
        phone="0905 123 456",
        address="Số 123 đường Trần Hưng Đạo, tổ dân phố 7, phường Hội Phú, Pleiku, Gia Lai",
        owner_name="Công ty trách nhiệm hữu hạn một thành viên Thương mại Dịch vụ Tây Nguyên",
    )
    dossier = services.dossier_receive(
        agency=desk.agency, data=receipt(desk.land, applicant=applicant), actor=desk.officer
    )
    for view, name in ((page, "slip-receipt-long"), (phone_page, "slip-receipt-long-phone")):
        login(view, live_server, desk.officer)
        view.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/receipt/")
        layout = view.evaluate(LAYOUT)
        assert layout == {"mottoFits": True, "mottoOneLine": True, "overlaps": []}, name
        shoot(view, name)
    page.emulate_media(media="print")
    layout = page.evaluate(LAYOUT)
    assert layout == {"mottoFits": True, "mottoOneLine": True, "overlaps": []}
    shoot(page, "slip-receipt-long-print")
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/slip/control/")
    assert page.evaluate(
        "() => { const m = document.querySelector('.letterhead .nowrap');"
        " return m.getClientRects().length === 1"
        " && m.scrollWidth <= m.closest('td').clientWidth + 1; }"
    )
    shoot(page, "slip-control-long")
