"""The citizen's lookup page in a browser, on a phone and a desktop: the header names the
agency and switches language, a code typed in lower case is found, and the rating given
stays on the page."""

import pytest

from chuan.dossiers import services
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_citizen_looks_up_rates_and_switches_language(
    width, page, phone_page, live_server, world
):
    screen = phone_page if width == "phone" else page
    desk = make_desk(world)
    dossier = receive(desk, desk.birth, at(2, 8))
    finish_through(desk, dossier, at(2, 10))
    services.dossier_return(dossier=dossier, method="in_person", actor=desk.officer, at=at(2, 11))

    screen.goto(f"{live_server.url}/tra-cuu/")
    shoot(screen, f"lookup-empty-{width}")
    screen.get_by_label("Mã hồ sơ").fill(f" {dossier.code.lower()} ")
    screen.get_by_label("4 số cuối điện thoại").fill("3456")
    screen.get_by_role("button", name="Tra cứu").click()
    assert screen.get_by_test_id("lookup-status").inner_text() == "Đã trả kết quả"
    assert screen.get_by_test_id("lookup-agency").inner_text() == dossier.agency.name
    screen.get_by_label("Hài lòng", exact=True).check()
    screen.get_by_role("button", name="Gửi đánh giá").click()
    assert "Hài lòng" in screen.get_by_test_id("rating-given").inner_text()
    shoot(screen, f"lookup-rated-{width}")

    screen.get_by_role("button", name="English").click()
    assert screen.get_by_role("heading", name="Look up a dossier").is_visible()
    assert screen.get_by_label("Dossier code").input_value() == dossier.code
    shoot(screen, f"lookup-english-{width}")


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_activity_reads_in_words(width, page, phone_page, live_server, world):
    screen = phone_page if width == "phone" else page
    desk = make_desk(world)
    dossier = receive(desk, desk.birth, at(2, 8))
    finish_through(desk, dossier, at(2, 10))
    login(screen, live_server, desk.leader)
    screen.goto(f"{live_server.url}/activity/")
    text = screen.locator("main").inner_text()
    assert "Kết quả: Đã phê duyệt" in text and "result: approved" not in text
    shoot(screen, f"activity-{width}")
