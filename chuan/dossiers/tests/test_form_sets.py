"""Forms follow the law in force: each dossier keeps the form set in force at its receipt
(Circular 01/2018/TT-VPCP's before Circular 03/2025/TT-VPCP took effect on 15/09/2025, the
2025 set after) and its slips and the register print from it."""

import datetime as dt
import importlib
import io
import re

from django.apps import apps
from django.db import connection

import pytest
from openpyxl import load_workbook

from chuan.calendars import selectors as calendar_selectors
from chuan.dossiers import services
from chuan.dossiers.choices import NotReceivedKind
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import at, make_desk, receipt, receive
from chuan.procedures.models import FormSet
from chuan.procedures.selectors import form_set_on

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def desk(world):
    return make_desk(world)


def _local(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def _sets() -> tuple[FormSet, FormSet]:
    return FormSet.objects.get(code="TT01-2018"), FormSet.objects.get(code="TT03-2025")


def test_the_two_sets_rest_on_their_circulars_and_follow_each_other():
    old, new = _sets()
    assert old.legal_document.symbol == "01/2018/TT-VPCP"
    assert new.legal_document.symbol == "03/2025/TT-VPCP"
    assert (old.valid_from, old.valid_to) == (D(2019, 1, 8), D(2025, 9, 14))
    assert (new.valid_from, new.valid_to) == (D(2025, 9, 15), None)
    assert {f.number: f.slip for f in old.forms.all()} == {
        "01": "receipt",
        "02": "supplement",
        "03": "refusal",
        "04": "apology",
        "05": "control",
        "06": "register",
    }
    new_forms = {f.number: (f.slip, f.title) for f in new.forms.all()}
    assert new_forms["04"] == ("apology", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết")
    assert new_forms["05"] == ("stop", "Thông báo dừng giải quyết hồ sơ")
    assert new_forms["06"][0] == "control" and new_forms["07"][0] == "register"
    # The library says what cites the circular.
    assert list(new.legal_document.form_sets.all()) == [new]


def test_the_set_in_force_changes_on_the_circular_s_effective_day():
    old, new = _sets()
    assert form_set_on(D(2025, 9, 14)) == old
    assert form_set_on(D(2025, 9, 15)) == new
    assert form_set_on(D(2026, 12, 4)) == new
    assert form_set_on(D(2019, 1, 7)) is None  # before any set the library holds


def test_a_dossier_keeps_the_set_in_force_on_the_day_it_was_received(desk):
    old, new = _sets()
    # Friday 12/09/2025, the last working day before Circular 03/2025 took effect on Monday.
    before = receive(desk, desk.birth, _local(2025, 9, 12, 9))
    after = receive(desk, desk.birth, _local(2025, 9, 15, 9))
    refused = services.dossier_not_receive(
        agency=desk.agency,
        data=receipt(desk.birth),
        kind=NotReceivedKind.REFUSED,
        reason="Không thuộc thẩm quyền",
        missing=[],
        actor=desk.officer,
        at=_local(2025, 9, 12, 10),
    )
    assert (before.form_set, after.form_set, refused.form_set) == (old, new, old)
    before.refresh_from_db()
    assert before.form_set_id == old.pk


def test_the_set_costs_a_receipt_no_query(desk, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(calendar_selectors, "STAMP_TTL_SECONDS", 3600)
    receive(desk, desk.land, at(2, 9))  # builds the calendar and reads the sets once
    # The receipt's own writes only (see test_services).
    with django_assert_num_queries(12 if connection.vendor == "sqlite" else 11):
        dossier = receive(desk, desk.land, at(2, 10))
    assert dossier.form_set == _sets()[1]


def _slip(client, dossier: Dossier, slip: str) -> tuple[str, str, str]:
    html = client.get(f"/dossiers/{dossier.pk}/slip/{slip}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    number = re.search(r'data-testid="form-number">(.*?)<', html)
    basis = re.search(r'data-testid="form-basis">(.*?)<', html)
    return (
        heading.group(1).strip() if heading else "",
        number.group(1) if number else "",
        basis.group(1) if basis else "",
    )


def test_slips_print_the_forms_of_the_dossier_s_own_set(client, desk):
    old, _new = _sets()
    now = dt.datetime.now(tz=VIETNAM)
    earlier, later = (receive(desk, desk.land, now) for _ in range(2))
    # An older dossier keeps the 2018 set however long it is handled.
    Dossier.objects.filter(pk=earlier.pk).update(form_set=old)
    for dossier in (earlier, later):
        services.dossier_extend(
            dossier=dossier,
            new_due_at=dossier.due_at + dt.timedelta(days=7),
            reason="Chờ xác minh",
            actor=desk.leader,
        )
    client.force_login(desk.officer)
    assert _slip(client, earlier, "receipt") == (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mẫu số 01",
        "(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ)",
    )
    assert _slip(client, earlier, "apology")[:2] == (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Mẫu số 04",
    )
    assert _slip(client, later, "apology") == (
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        "Mẫu số 04",
        "(Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15/09/2025 của Văn phòng Chính phủ)",
    )
    assert _slip(client, earlier, "control")[1] == "Mẫu số 05"
    assert _slip(client, later, "control")[1] == "Mẫu số 06"


def test_the_stop_notice_is_form_05_only_under_the_2025_set(client, desk):
    old, _new = _sets()
    stopped = [receive(desk, desk.birth, at(2, 8 + i)) for i in range(2)]
    Dossier.objects.filter(pk=stopped[0].pk).update(form_set=old)
    for dossier in stopped:
        services.dossier_stop(dossier=dossier, reason="Giấy tờ giả", actor=desk.leader)
    client.force_login(desk.officer)
    heading, number, basis = _slip(client, stopped[0], "stop")
    assert (number, basis) == ("", "")  # Circular 01/2018 had no such form
    assert heading == "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"  # the notice still prints
    assert _slip(client, stopped[1], "stop")[:2] == ("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05")


def test_a_refusal_before_receipt_is_form_03_and_a_completion_form_02(client, desk):
    slips = {}
    for kind in NotReceivedKind.values:
        dossier = services.dossier_not_receive(
            agency=desk.agency,
            data=receipt(desk.birth),
            kind=kind,
            reason="Thiếu giấy tờ",
            missing=["Giấy chứng sinh"],
            actor=desk.officer,
            at=at(2, 9),
        )
        client.force_login(desk.officer)
        slips[kind] = _slip(client, dossier, "not-received")[:2]
    assert slips == {
        NotReceivedKind.INCOMPLETE: ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02"),
        NotReceivedKind.REFUSED: ("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mẫu số 03"),
    }


def test_the_register_is_headed_by_the_form_in_force_at_the_period_s_end(client, desk):
    receive(desk, desk.birth, _local(2025, 9, 12, 9))
    client.force_login(desk.leader)
    heads = {}
    for end in ("2025-09-14", "2025-09-30"):
        response = client.get(f"/desk/register.xlsx?start=2025-09-01&end={end}&by=field")
        sheet = load_workbook(io.BytesIO(response.content)).active
        heads[end] = [sheet.cell(row, 1).value for row in (1, 2, 3)]
    assert heads["2025-09-14"] == [
        "Mẫu số 06: SỔ THEO DÕI HỒ SƠ",
        "(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ)",
        "STT",
    ]
    assert heads["2025-09-30"][0] == "Mẫu số 07: SỔ THEO DÕI HỒ SƠ"


def test_the_migration_gives_older_dossiers_the_set_of_their_day(desk):
    old, new = _sets()
    # The last minutes of 14/09/2025 and the first of 15/09/2025, Vietnamese time.
    dossiers = [
        receive(desk, desk.birth, _local(2025, 9, 12, 9)),
        receive(desk, desk.birth, _local(2025, 9, 15, 8)),
    ]
    edge = [
        _local(2025, 9, 14, 23, 59),
        _local(2025, 9, 15, 0, 0),
    ]
    for dossier, received in zip(dossiers, edge, strict=True):
        Dossier.objects.filter(pk=dossier.pk).update(form_set=None, received_at=received)
    migration = importlib.import_module("chuan.dossiers.migrations.0003_form_set_at_receipt")
    migration.fill_form_sets(apps, None)
    assert [Dossier.objects.get(pk=d.pk).form_set for d in dossiers] == [old, new]


def test_the_api_names_the_set_a_dossier_prints_on(client, desk):
    """The desk's own software (and the province's portal) read which forms a dossier's
    slips are on, with the circular that issued them, as the dossier's page shows."""
    before = receive(desk, desk.birth, _local(2025, 9, 12, 9))
    after = receive(desk, desk.birth, _local(2025, 9, 15, 9))
    client.force_login(desk.officer)
    old = client.get(f"/api/v1/dossiers/{before.code}/").json()["form_set"]
    new = client.get(f"/api/v1/dossiers/{after.code}/").json()["form_set"]
    assert old == {
        "code": "TT01-2018",
        "name": FormSet.objects.get(code="TT01-2018").name,
        "circular": "01/2018/TT-VPCP",
    }
    assert new["code"] == "TT03-2025" and new["circular"] == "03/2025/TT-VPCP"
    Dossier.objects.filter(pk=after.pk).update(form_set=None)  # before any set the library holds
    assert client.get(f"/api/v1/dossiers/{after.code}/").json()["form_set"] is None
