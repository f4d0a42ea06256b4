"""Digitised papers and electronic results: attached at the desk through the content checks,
counted once in the figures the 766 index reads, shown on the dossier page, read by the API,
and downloaded by the citizen from the lookup page after return (and by no one else)."""

import datetime as dt

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers import rules, selectors, services
from chuan.dossiers.choices import EventKind, FileOrigin, Status
from chuan.dossiers.models import DailyFigure, MonthlyFigure
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name: str = "scan.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


@pytest.fixture
def desk(world):
    return make_desk(world)


def _figure(desk, column, day):
    rows = DailyFigure.objects.filter(agency=desk.agency, day=day)
    return sum(getattr(row, column) for row in rows)


def test_a_paper_digitised_counts_the_dossier_once_on_its_day_of_receipt(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    component = services.component_attach_file(
        dossier=dossier, order=1, file=png(), origin=FileOrigin.SCANNED, actor=desk.officer
    )
    assert (
        component.file and component.file_origin == "scanned" and len(component.file_sha256) == 64
    )
    # The second paper and a replacement do not count the dossier again.
    services.component_attach_file(
        dossier=dossier, order=2, file=png(), origin=FileOrigin.ELECTRONIC, actor=desk.officer
    )
    services.component_attach_file(
        dossier=dossier, order=1, file=png("lai.png"), origin=FileOrigin.SCANNED, actor=desk.officer
    )
    assert _figure(desk, "digitised", dt.date(2026, 3, 2)) == 1
    assert MonthlyFigure.objects.get(agency=desk.agency).digitised == 1
    assert dossier.events.filter(kind=EventKind.FILE_ATTACHED).count() == 3
    assert ActivityEntry.objects.filter(verb="dossier.component_digitised").count() == 3


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("bom.docx", bad_files.docx_bomb),
        ("macro.docx", bad_files.docx_with_macros),
        ("js.pdf", bad_files.pdf_with_javascript),
        ("chuong-trinh.png", lambda: b"MZ\x90\x00" + b"\x00" * 60),
    ],
)
def test_a_hostile_file_is_refused_and_nothing_changes(desk, name, build):
    from django.core.exceptions import ValidationError

    dossier = receive(desk, desk.land, at(2, 8))
    with pytest.raises(ValidationError):
        services.component_attach_file(
            dossier=dossier,
            order=1,
            file=SimpleUploadedFile(name, build()),
            origin=FileOrigin.SCANNED,
            actor=desk.officer,
        )
    assert not dossier.components.exclude(file="").exists()
    assert _figure(desk, "digitised", dt.date(2026, 3, 2)) == 0


def test_the_result_file_waits_for_the_result_and_counts_on_the_finish_day(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    with pytest.raises(ConflictError):
        services.result_attach_file(
            dossier=dossier, file=png(), origin=FileOrigin.ELECTRONIC, actor=desk.official
        )
    dossier = finish_through(desk, dossier, at(4, 10))
    services.result_attach_file(
        dossier=dossier, file=png("kq.png"), origin=FileOrigin.ELECTRONIC, actor=desk.official
    )
    services.result_attach_file(
        dossier=dossier, file=png("kq2.png"), origin=FileOrigin.SCANNED, actor=desk.official
    )
    dossier.refresh_from_db()
    assert dossier.result_file_origin == "scanned"
    assert _figure(desk, "electronic_result", dt.date(2026, 3, 4)) == 1
    found = selectors.dossier_result_file(dossier)
    assert found is not None and found.name.endswith(".png") and found.origin == "scanned"
    assert selectors.citizen_result_file(dossier) is None  # not yet returned


def test_a_dossier_not_received_has_no_papers_to_digitise(desk):
    dossier = services.dossier_not_receive(
        agency=desk.agency,
        data=__import__("chuan.dossiers.tests.factories", fromlist=["receipt"]).receipt(desk.land),
        kind="incomplete",
        reason="Thiếu",
        missing=["Tờ khai"],
        actor=desk.officer,
        at=at(2, 8),
    )
    with pytest.raises(ConflictError):
        services.component_attach_file(
            dossier=dossier, order=1, file=png(), origin=FileOrigin.SCANNED, actor=desk.officer
        )


# Handling time on the procedure's clock (766 indicator 2.2), the pauses deducted.


def test_the_handling_clock_follows_the_time_unit():
    assert rules.handling_clock("working_days") == "working"
    assert rules.handling_clock("working_hours") == "working"
    assert rules.handling_clock("same_day") == "working"
    assert rules.handling_clock("calendar_days") == "calendar"
    assert rules.handling_clock("months") == "calendar"


def test_handling_minutes_count_office_time_or_wall_time(desk):
    from chuan.dossiers.services.common import agency_calendar

    calendar = agency_calendar(desk.agency)
    friday, monday = at(6, 16), at(9, 9)  # 06/03/2026 is a Friday
    # Office time: the hour left on Friday and the hour on Monday morning.
    working = rules.handling_minutes(calendar, "working_days", friday, monday, 0)
    assert working == int(calendar.elapsed(friday, monday).total_seconds() // 60)
    assert working < 24 * 60
    # Wall time: the weekend counts for days and months.
    assert rules.handling_minutes(calendar, "calendar_days", friday, monday, 0) == 65 * 60
    assert rules.handling_minutes(calendar, "months", friday, monday, 60) == 64 * 60
    assert rules.handling_minutes(calendar, "working_days", monday, friday, 0) == 0


def test_finishing_adds_the_handling_time_less_the_pause(desk):
    dossier = receive(desk, desk.land, at(2, 8))
    dossier = services.dossier_request_supplement(
        dossier=dossier, reason="Thiếu", missing=["Bản vẽ"], actor=desk.officer, at=at(2, 9)
    )
    dossier = services.dossier_supplement(dossier=dossier, actor=desk.officer, at=at(3, 9))
    assert dossier.paused_minutes > 0
    dossier = finish_through(desk, dossier, at(4, 10))
    from chuan.dossiers.services.common import agency_calendar

    calendar = agency_calendar(desk.agency)
    expected = int(calendar.elapsed(at(2, 8), at(4, 10)).total_seconds() // 60) - int(
        calendar.elapsed(at(2, 9), at(3, 9)).total_seconds() // 60
    )
    figure = MonthlyFigure.objects.get(agency=desk.agency)
    assert (figure.handled, figure.handled_minutes) == (1, expected)


# Screens: the desk attaches and downloads; the citizen downloads after return.


def test_the_desk_attaches_a_scan_and_the_dossier_page_shows_it(client, desk, world):
    dossier = receive(desk, desk.land, timezone.now() - dt.timedelta(minutes=5))
    url = f"/dossiers/{dossier.pk}/papers/1/file/"
    assert_permission_matrix(
        client,
        url,
        allowed=desk.officer,
        member_without_right=world.viewer,
        method="post",
        data={"origin": "scanned", "file": png()},
        allowed_status=302,
    )
    # The test client reads the file once; the allowed user sends it again.
    client.post(url, {"origin": "scanned", "file": png()})
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert 'data-testid="paper-digitised"' in page and "Bản quét" in page
    response = assert_permission_matrix(client, url, allowed=desk.official, outsider=world.outsider)
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PNG


def test_a_refused_upload_comes_back_as_a_message(client, desk):
    dossier = receive(desk, desk.land, timezone.now() - dt.timedelta(minutes=5))
    client.force_login(desk.officer)
    response = client.post(
        f"/dossiers/{dossier.pk}/papers/1/file/",
        {"origin": "scanned", "file": SimpleUploadedFile("x.png", b"MZ" + b"\x00" * 30)},
        follow=True,
    )
    assert "Loại tệp này không được chấp nhận" in response.content.decode()
    assert not dossier.components.exclude(file="").exists()


def test_the_api_says_which_papers_are_digitised(client, desk):
    from rest_framework.authtoken.models import Token

    dossier = receive(desk, desk.land, at(2, 8))
    services.component_attach_file(
        dossier=dossier, order=2, file=png(), origin=FileOrigin.ELECTRONIC, actor=desk.officer
    )
    token = Token.objects.create(user=desk.official)
    body = client.get(
        f"/api/v1/dossiers/{dossier.code}/", HTTP_AUTHORIZATION=f"Token {token.key}"
    ).json()
    assert [(c["order"], c["digitised"], c["file_origin"]) for c in body["components"]] == [
        (1, False, ""),
        (2, True, "electronic"),
    ]
    assert body["has_result_file"] is False


def _returned_with_result(desk):
    dossier = receive(desk, desk.birth, timezone.now() - dt.timedelta(minutes=30))
    dossier = finish_through(desk, dossier, timezone.now() - dt.timedelta(minutes=20))
    services.result_attach_file(
        dossier=dossier, file=png("ket-qua.png"), origin=FileOrigin.ELECTRONIC, actor=desk.official
    )
    return dossier


def test_the_citizen_downloads_the_result_after_return_and_only_then(client, desk):
    dossier = _returned_with_result(desk)
    data = {"code": dossier.code.lower(), "phone_tail": "3456"}
    page = client.post("/tra-cuu/", data).content.decode()
    assert 'data-testid="result-download"' not in page  # finished, not yet returned
    response = client.post("/tra-cuu/ket-qua/", data)
    assert response.status_code == 200 and "Hồ sơ chưa có tệp kết quả" in response.content.decode()
    services.dossier_return(dossier=dossier, method="online", actor=desk.officer)
    page = client.post("/tra-cuu/", data).content.decode()
    assert 'data-testid="result-download"' in page
    response = client.post("/tra-cuu/ket-qua/", data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PNG
    assert client.get("/tra-cuu/ket-qua/").status_code == 405


def test_another_dossier_s_file_is_never_reached_and_guesses_are_limited(client, desk):
    dossier = _returned_with_result(desk)
    services.dossier_return(dossier=dossier, method="online", actor=desk.officer)
    other = receive(
        desk,
        desk.birth,
        timezone.now() - dt.timedelta(minutes=10),
        applicant=__import__("chuan.dossiers.services", fromlist=["Applicant"]).Applicant(
            name="Trần Văn Bình", id_number="064095000999", phone="0912000111"
        ),
    )
    # The other dossier's phone ending with this dossier's code finds nothing.
    response = client.post("/tra-cuu/ket-qua/", {"code": dossier.code, "phone_tail": "0111"})
    assert response.status_code == 200 and not response.has_header("Content-Disposition")
    response = client.post("/tra-cuu/ket-qua/", {"code": other.code, "phone_tail": "3456"})
    assert not response.has_header("Content-Disposition")
    for _attempt in range(10):
        client.post("/tra-cuu/ket-qua/", {"code": dossier.code, "phone_tail": "0000"})
    response = client.post("/tra-cuu/ket-qua/", {"code": dossier.code, "phone_tail": "3456"})
    assert "Quá nhiều lần thử" in response.content.decode()
    assert dossier.__class__.objects.get(pk=dossier.pk).status == Status.RETURNED
