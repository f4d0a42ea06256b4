"""The one-stop desk in a browser: receive a dossier, print the slip, hand it over, request
a supplement, supplement, finish, return, and look it up and rate it as a citizen."""

import pytest
from playwright.sync_api import expect

from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.tests.factories import make_desk
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    for _ in range(2):
        _act(page, "hand_over")
    _act(page, "finish", result="approved", note="Giấy chứng nhận số 123")
    shoot(page, "desk-dossier")
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
