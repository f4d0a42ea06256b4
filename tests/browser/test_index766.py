"""In a browser, at 1280 and 390 pixels, in Vietnamese: the citizen downloads the result's
file from the lookup page once it is returned; the desk's dossier page shows the digitised
papers; DOST reads the 766 index; anyone reads an agency's published procedures."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from chuan.dossiers import services
from chuan.dossiers.choices import FileOrigin
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from tests.browser.conftest import login, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def screen(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param], locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _dossier_with_result(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    dossier = finish_through(desk, dossier, at(5, 10))
    services.component_attach_file(
        dossier=dossier,
        order=1,
        file=SimpleUploadedFile("to-khai.png", PNG),
        origin=FileOrigin.SCANNED,
        actor=desk.officer,
    )
    services.result_attach_file(
        dossier=dossier,
        file=SimpleUploadedFile("ket-qua.png", PNG),
        origin=FileOrigin.ELECTRONIC,
        actor=desk.official,
    )
    return services.dossier_return(dossier=dossier, method="online", actor=desk.officer)


@pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)
def test_the_citizen_downloads_the_result_after_return(screen, live_server, world, request):
    width = request.node.callspec.params["screen"]
    desk = make_desk(world)
    dossier = _dossier_with_result(desk)
    screen.goto(f"{live_server.url}/tra-cuu/")
    screen.get_by_label("Mã hồ sơ").fill(dossier.code)
    screen.get_by_label("4 số cuối điện thoại").fill("3456")
    screen.get_by_role("button", name="Tra cứu").click()
    assert screen.get_by_test_id("lookup-status").inner_text() == "Đã trả kết quả"
    assert screen.get_by_test_id("publication-link").is_visible()
    shoot(screen, f"index-lookup-result-{width}")
    with screen.expect_download() as info:
        screen.get_by_test_id("download-result").click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    with open(download.path(), "rb") as handle:
        assert handle.read() == PNG


@pytest.mark.parametrize("screen", ["desktop", "phone"], indirect=True)
def test_the_screens_look_right(screen, live_server, world, request):
    width = request.node.callspec.params["screen"]
    desk = make_desk(world)
    dossier = _dossier_with_result(desk)
    receive(desk, desk.land, timezone.now() - timezone.timedelta(minutes=30))
    login(screen, live_server, desk.officer)
    screen.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    assert "Đã số hóa" in screen.get_by_test_id("paper-1").inner_text()
    assert "Chưa số hóa" in screen.get_by_test_id("paper-2").inner_text()
    assert screen.get_by_test_id("result-file").is_visible()
    shoot(screen, f"index-dossier-papers-{width}")
    screen.context.clear_cookies()
    login(screen, live_server, world.coordinator)
    screen.goto(f"{live_server.url}/chi-so-766/?year=2026&month=3")
    assert "Không có số liệu" in screen.get_by_test_id("group-payment").inner_text()
    shoot(screen, f"index-dashboard-{width}")
    screen.goto(f"{live_server.url}/chi-so-766/ho-so/?drill=not_digitised&year=2026&month=3")
    shoot(screen, f"index-drill-{width}")
    screen.context.clear_cookies()
    screen.goto(f"{live_server.url}/cong-khai/{desk.agency.pk}/")
    screen.get_by_text("Thành phần hồ sơ, kết quả và căn cứ pháp lý").first.click()
    shoot(screen, f"index-publication-{width}")
