"""Two-step sign-in in a browser: turn it on from the account menu with the app's code, then
sign in with password and code on a phone."""

import time

import pytest

from chuan.accounts import totp
from tests.browser.conftest import PASSWORD, PHONE, login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret, ahead=0):
    return totp.code_at(secret, totp.step_of(time.time()) + ahead)


def test_turn_on_and_sign_in_with_a_code(page, browser, live_server, world):
    login(page, live_server, world.leader)
    page.goto(f"{live_server.url}/accounts/two-step/")
    assert page.get_by_test_id("mfa-qr").locator("svg").count() == 1
    shoot(page, "mfa-setup")
    secret = "".join(page.get_by_test_id("mfa-secret").inner_text().split())
    page.get_by_label("Mã 6 chữ số").fill(_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Bật xác thực hai bước").click()
    assert page.get_by_test_id("mfa-on").is_visible()

    phone = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.get_by_label("Tên đăng nhập").fill(world.leader.username)
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Đăng nhập").click()
    assert phone.url.endswith("/accounts/login/code/")
    shoot(phone, "mfa-verify-phone")
    phone.get_by_label("Mã 6 chữ số").fill(_code(secret, 1))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tiếp tục").click()
    assert "/accounts/login" not in phone.url
    phone.context.close()
