"""What an official does in a browser: sign in in Vietnamese, browse units, search, register."""

import pytest

from chuan.organisations.models import Agency
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_in_vietnamese_and_see_the_overview(page, live_server, world):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()
    shoot(page, "login-desktop")
    login(page, live_server, world.coordinator)
    page.get_by_role("button", name="Danh mục").click()
    assert page.get_by_role("link", name="Đơn vị hành chính").is_visible()
    assert page.get_by_role("link", name="Thủ tục hành chính").is_visible()
    shoot(page, "home-desktop")


def test_wrong_password_shows_a_vietnamese_message(page, live_server, world):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(world.viewer.username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").is_visible()
    assert "mật khẩu" in page.get_by_role("alert").inner_text().lower()


def test_browse_the_unit_tree_and_search_without_diacritics(page, live_server, world):
    login(page, live_server, world.coordinator)
    page.get_by_role("button", name="Danh mục").click()
    page.get_by_role("link", name="Đơn vị hành chính").click()
    page.get_by_role("link", name="Trước ngày 01/07/2025").click()
    page.get_by_role("link", name="Tỉnh Gia Lai").click()
    page.get_by_role("link", name="Huyện Chư Sê").click()
    breadcrumb = page.get_by_role("navigation", name="breadcrumb")
    assert "Tỉnh Gia Lai" in breadcrumb.inner_text()
    assert page.get_by_role("link", name="Thị trấn Chư Sê").is_visible()
    shoot(page, "unit-detail-desktop")
    page.get_by_role("button", name="Danh mục").click()
    page.get_by_role("link", name="Đơn vị hành chính").click()
    page.get_by_role("link", name="Trước ngày 01/07/2025").click()
    page.get_by_role("searchbox").fill("chu se")
    page.get_by_role("button", name="Tìm kiếm").click()
    rows = page.get_by_test_id("unit-table").locator("tbody tr")
    assert rows.first.inner_text().startswith("Huyện Chư Sê")
    shoot(page, "unit-search-desktop")


def test_create_an_agency_with_the_unit_picker(page, live_server, world):
    login(page, live_server, world.coordinator)
    page.goto(f"{live_server.url}/agencies/new/")
    page.get_by_label("Tên cơ quan").fill("Ủy ban nhân dân thị trấn Chư Sê")
    page.get_by_label("Loại").select_option("commune_peoples_committee")
    page.get_by_placeholder("Nhập để tìm").fill("thi tran chu se")
    page.locator("[data-pick-unit]").first.click()
    assert "Thị trấn Chư Sê" in page.get_by_test_id("unit-label").inner_text()
    page.get_by_label("Mã định danh điện tử").fill("000.00.61.H21")
    shoot(page, "agency-form-desktop")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/agencies/*/")
    assert page.get_by_role("heading", name="Ủy ban nhân dân thị trấn Chư Sê").is_visible()
    agency = Agency.objects.get(code="000.00.61.H21")
    assert agency.unit == world.chu_se_town
    shoot(page, "agency-detail-desktop")


def test_phone_width_menu_and_lists_are_usable(phone_page, live_server, world):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    shoot(page, "login-phone")
    login(page, live_server, world.coordinator)
    page.get_by_role("button", name="Trình đơn").click()
    page.get_by_role("link", name="Cơ quan").click()
    assert page.get_by_test_id("agency-table").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shoot(page, "agency-list-phone")
