"""The citizen sends feedback from the lookup page; an official finds it in the register,
classifies it, replies and publishes; the citizen reads the reply on the agency's page.
Screens shot at 1280 and 390 px in Vietnamese."""

import pytest

from chuan.dossiers.tests.factories import at, make_desk, receive
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_sends_feedback_and_the_desk_replies(page, phone_page, live_server, world):
    desk = make_desk(world)
    dossier = receive(desk, desk.land, at(2, 9))

    phone = phone_page
    phone.goto(f"{live_server.url}/tra-cuu/")
    phone.get_by_label("Mã hồ sơ").fill(dossier.code)
    phone.get_by_label("4 số cuối điện thoại").fill("3456")
    phone.get_by_role("button", name="Tra cứu").click()
    phone.get_by_test_id("feedback-open").click()
    form = phone.get_by_test_id("public-feedback-form")
    form.get_by_label("Nội dung thuộc loại nào?").select_option("conduct")
    form.get_by_role("textbox", name="Nội dung").fill(
        "Tôi đã đến nhận kết quả ba lần nhưng cán bộ hẹn lại."
    )
    form.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    form.get_by_label("Điện thoại").fill("0905 123 456")
    shoot(phone, "feedback-lookup-form-390")
    form.get_by_role("button", name="Gửi phản ánh").click()
    sent = phone.get_by_test_id("feedback-sent")
    assert "PAKN-" in sent.inner_text()
    shoot(phone, "feedback-sent-390")

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, desk.officer)
    page.goto(f"{live_server.url}/feedback/")
    row = page.get_by_test_id("feedback-row").first
    assert "Nguyễn Thị Hoa" in row.inner_text()
    shoot(page, "feedback-list-1280")
    row.get_by_role("link").first.click()
    page.get_by_test_id("action-classify").click()
    page.get_by_test_id("form-classify").get_by_label("Phân loại").select_option("conduct")
    page.get_by_test_id("form-classify").get_by_role("button", name="Xác nhận").click()
    assert "Đang xử lý" in page.get_by_test_id("feedback-state").inner_text()
    page.get_by_test_id("action-reply").click()
    page.get_by_test_id("form-reply").get_by_label("Trả lời").fill(
        "Cơ quan đã kiểm điểm cán bộ và trả kết quả ngay trong ngày."
    )
    page.get_by_test_id("form-reply").get_by_role("button", name="Xác nhận").click()
    assert "kiểm điểm" in page.get_by_test_id("feedback-reply").inner_text()
    page.get_by_test_id("action-publish").click()
    page.get_by_test_id("form-publish").get_by_label("Tóm tắt công khai").fill(
        "Phản ánh việc hẹn trả kết quả nhiều lần."
    )
    page.get_by_test_id("form-publish").get_by_role("button", name="Xác nhận").click()
    assert "Đã công khai" in page.get_by_test_id("feedback-state").inner_text()
    shoot(page, "feedback-detail-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "feedback-detail-390")
    page.goto(f"{live_server.url}/feedback/new/")
    shoot(page, "feedback-create-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    shoot(page, "feedback-create-1280")

    phone.goto(f"{live_server.url}/phan-anh/{desk.agency.pk}/")
    text = phone.get_by_test_id("public-reply").inner_text()
    assert "kiểm điểm" in text and "Nguyễn Thị Hoa" not in text
    shoot(phone, "feedback-replies-390")
    page.goto(f"{live_server.url}/phan-anh/{desk.agency.pk}/")
    shoot(page, "feedback-replies-1280")
    page.goto(f"{live_server.url}/phan-anh/gui/{desk.agency.pk}/")
    shoot(page, "feedback-send-1280")
