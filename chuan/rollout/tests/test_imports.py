"""The status import: a province's sheet of QMS events, previewed whole, written all or none."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import Workbook

from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.rollout.choices import EventKind as K
from chuan.rollout.imports import build_status_preview
from chuan.rollout.models import QmsEvent

D = dt.date
URL = "rollout:status_import"
HEADER = [
    "Mã định danh",
    "Tên cơ quan",
    "Sự kiện",
    "Ngày",
    "Số quyết định",
    "Ngày quyết định",
    "Người ký",
    "Phiên bản ISO",
    "Phạm vi",
    "Đơn vị tư vấn",
]


def row(code="", name="", kind="", on="", number="", decided="", signer="", edition="", scope=""):
    """A line of the sheet, in HEADER's order (the consultant last)."""
    return [code, name, kind, on, number, decided, signer, edition, scope, ""]


def _xlsx(rows, title=None):
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("trang-thai.xlsx", buffer.getvalue())


def _csv(rows, sep=";"):
    text = "\n".join(sep.join(str(c) for c in row) for row in rows)
    return SimpleUploadedFile("trang-thai.csv", text.encode("utf-8-sig"))


def _good(world):
    building = row("000.00.13.H21", kind="Đang xây dựng", on="01/03/2016")
    building[-1] = "Trung tâm TĐC"
    return [
        HEADER,
        building,
        row(
            "000.00.13.H21",
            kind="Công bố",
            on="01/06/2016",
            number="3/QĐ-SKHCN",
            decided="01/06/2016",
            signer="Giám đốc Sở",
            edition="TCVN ISO 9001:2008",
            scope="Toàn bộ thủ tục hành chính",
        ),
        row(name="uy ban nhan dan huyen chu se", kind="building_started", on="01/04/2017"),
        row(
            name="Ủy ban nhân dân huyện Chư Sê",
            kind="Announced",
            on="15/12/2017",
            number="1520/QĐ-UBND",
            decided="15/12/2017",
            edition="2015",
        ),
    ]


def _upload(client, upload):
    return client.post(reverse(URL), {"file": upload})


def test_import_matrix(client, world):
    assert_permission_matrix(
        client, reverse(URL), allowed=world.coordinator, member_without_right=world.leader
    )


@pytest.mark.parametrize("maker", [_xlsx, _csv])
def test_a_valid_sheet_previews_every_change_then_writes_all(client, world, maker):
    client.force_login(world.coordinator)
    response = _upload(client, maker(_good(world)))
    preview = response.context["preview"]
    assert preview.is_valid, [(r.line, r.errors) for r in preview.rows]
    assert [(r.agency, r.data.kind, r.status_before, r.status_after) for r in preview.changes] == [
        (world.dost, K.BUILDING_STARTED, "not_started", "building"),
        (world.dost, K.ANNOUNCED, "building", "announced"),
        (world.chu_se_pc, K.BUILDING_STARTED, "not_started", "building"),
        (world.chu_se_pc, K.ANNOUNCED, "building", "announced"),
    ]
    assert preview.changes[1].data.iso_edition == "2008"
    assert not QmsEvent.objects.exists()
    response = client.post(reverse(URL), {"confirm": "1"})
    assert response.status_code == 302
    assert QmsEvent.objects.count() == 4
    announced = QmsEvent.objects.get(agency=world.chu_se_pc, kind=K.ANNOUNCED)
    assert announced.decision_date == D(2017, 12, 15)
    assert announced.recorded_by == world.coordinator
    assert ActivityEntry.objects.filter(verb="qms_event.recorded").count() == 4
    assert ActivityEntry.objects.filter(verb="qms_events.imported").count() == 1
    # The session copy is gone: a second confirmation writes nothing.
    client.post(reverse(URL), {"confirm": "1"})
    assert QmsEvent.objects.count() == 4


def test_the_same_sheet_sent_again_changes_nothing(client, world):
    client.force_login(world.coordinator)
    _upload(client, _xlsx(_good(world)))
    client.post(reverse(URL), {"confirm": "1"})
    preview = _upload(client, _xlsx(_good(world))).context["preview"]
    assert preview.is_valid
    assert preview.changes == []
    assert len(preview.unchanged) == 4
    assert b'data-testid="import-confirm"' not in _upload(client, _xlsx(_good(world))).content


def test_every_bad_row_is_listed_with_its_reason_and_nothing_is_written(client, world):
    ward = "Ủy ban nhân dân phường Pleiku"
    rows = [
        *_good(world),
        row("000.00.99.H21", kind="Công bố", on="01/01/2018", number="1/QĐ", decided="01/01/2018"),
        row(name="Sở Tư pháp tỉnh Kon Tum", kind="Xây dựng", on="01/01/2018"),
        row(name=ward, kind="Được khen", on="01/01/2018"),
        row(name=ward, kind="Công bố", on="2018-13-45"),
        row(name=ward, kind="Công bố", on="01/08/2025"),
        row(name=ward, kind="Đang áp dụng", on="01/08/2025"),
        row(name=ward, kind="Xây dựng", on="01/08/2025", edition="2000"),
        row(name="Ủy ban nhân dân huyện Chư Sê", kind="Xây dựng", on="01/01/2017"),
        row(kind="Xây dựng", on="01/01/2017"),
    ]
    client.force_login(world.coordinator)
    response = _upload(client, _xlsx(rows))
    preview = response.context["preview"]
    assert not preview.is_valid
    errors = {row.line: " ".join(row.errors) for row in preview.bad_rows}
    assert set(errors) == set(range(6, 15))
    assert "000.00.99.H21" in errors[6]  # no such code among the agencies DOST manages
    assert "Kon Tum" in errors[7]  # another province: not found within the user's scope
    assert "Được khen" in errors[8]  # unknown event
    assert "2018-13-45" in errors[9]  # not a date
    assert errors[10]  # announcement without a decision number and date
    assert errors[11]  # applying before any announcement
    assert "2000" in errors[12]  # ISO edition
    assert errors[13]  # back in time: the file's earlier rows for Chư Sê are dated 2017
    assert errors[14]  # neither code nor name
    assert b'data-testid="import-errors"' in response.content
    # The valid rows were not written either, and there is nothing to confirm.
    assert not QmsEvent.objects.exists()
    response = client.post(reverse(URL), {"confirm": "1"})
    assert response.status_code == 302
    assert not QmsEvent.objects.exists()
    assert not ActivityEntry.objects.exists()


def test_rows_are_checked_against_the_recorded_history_and_earlier_rows(world):
    QmsEvent.objects.create(
        agency=world.chu_se_pc,
        kind=K.ANNOUNCED,
        occurred_on=D(2017, 12, 15),
        decision_number="1520/QĐ-UBND",
        decision_date=D(2017, 12, 15),
    )
    pc = "Ủy ban nhân dân huyện Chư Sê"
    rows = [
        HEADER,
        row(name=pc, kind="Không còn hiệu lực", on="01/03/2019"),
        # A lapsed QMS must be re-announced, not confirmed as applied.
        row(name=pc, kind="Đang áp dụng", on="01/04/2019"),
        row(
            name=pc, kind="Công bố lại", on="02/09/2019", number="88/QĐ-UBND", decided="02/09/2019"
        ),
        row(name=pc, kind="Đang áp dụng", on="01/10/2019"),
        row(name=pc, kind="Đang áp dụng", on="01/10/2019"),
    ]
    preview = build_status_preview(rows, user=world.coordinator)
    assert [(r.line, bool(r.errors)) for r in preview.rows] == [
        (2, False),
        (3, True),
        (4, False),
        (5, False),
        (6, True),  # the same event twice in the file
    ]
    assert [r.status_after for r in preview.rows[:4]] == [
        "lapsed",
        "lapsed",
        "announced",
        "applying",
    ]


def test_names_shared_across_2025_are_told_apart_by_the_date(world):
    world.dost.valid_to = D(2025, 6, 30)
    world.dost.save(update_fields=["valid_to"])
    world.dost_2025.valid_from = D(2025, 7, 1)
    world.dost_2025.save(update_fields=["valid_from"])
    rows = [
        ["Tên cơ quan", "Sự kiện", "Ngày"],
        ["Sở Khoa học và Công nghệ", "Xây dựng", "01/03/2016"],
        ["so khoa hoc va cong nghe", "Xây dựng", "01/09/2025"],
    ]
    preview = build_status_preview(rows, user=world.coordinator)
    assert [row.agency for row in preview.rows] == [world.dost, world.dost_2025]
    # Without validity dates the name is ambiguous: the importer is asked for the code.
    world.dost.valid_to = None
    world.dost.save(update_fields=["valid_to"])
    world.dost_2025.valid_from = None
    world.dost_2025.save(update_fields=["valid_from"])
    preview = build_status_preview(rows, user=world.coordinator)
    assert all(row.errors and row.agency is None for row in preview.rows)


def test_english_headers_and_labels_and_a_title_row_are_accepted(client, world):
    rows = [
        ["Agency code", "Event", "Date", "Decision number", "Decision date", "ISO edition"],
        ["000.00.13.H21", "Announced", "2016-06-01", "3/QĐ-SKHCN", "2016-06-01", "2015"],
        ["000.00.13.H21", "applying_confirmed", "2016-10-01", "", "", ""],
    ]
    client.force_login(world.coordinator)
    upload = _xlsx(rows, title="DANH SÁCH CƠ QUAN CÔNG BỐ HTQLCL NĂM 2016")
    preview = _upload(client, upload).context["preview"]
    assert preview.is_valid, [(r.line, r.errors) for r in preview.rows]
    assert [row.line for row in preview.rows] == [4, 5]  # the sheet's own line numbers


@pytest.mark.parametrize(
    ("upload", "fragment"),
    [
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken"), "XLSX"),
        (SimpleUploadedFile("x.csv", "Ngày;Sự kiện".encode("utf-16")), "UTF-8"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.4"), "XLSX"),
        (SimpleUploadedFile("x.csv", b""), ""),
        (SimpleUploadedFile("x.csv", "Tên cơ quan;Ngày\nA;01/01/2017".encode()), "Sự kiện"),
        (SimpleUploadedFile("x.csv", "Sự kiện;Ngày\nXây dựng;01/01/2017".encode()), "Mã định danh"),
    ],
)
def test_unusable_files_are_explained_on_the_form(client, world, upload, fragment):
    client.force_login(world.coordinator)
    response = _upload(client, upload)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert fragment in " ".join(errors)
    assert "preview" not in response.context


def test_confirming_without_a_preview_is_refused_politely(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse(URL), {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert not QmsEvent.objects.exists()


def test_a_sheet_with_names_only_previews_its_bad_rows(client, world):
    text = (
        "Tên cơ quan;Sự kiện;Ngày\n"
        "Ủy ban nhân dân huyện Chư Sê;Đang xây dựng;01/03/2017\n"
        "Cơ quan không có thật;Đang xây dựng;01/03/2017\n"
        ";Đang xây dựng;01/03/2017\n"
    )
    client.force_login(world.coordinator)
    response = _upload(client, SimpleUploadedFile("x.csv", text.encode()))
    assert response.status_code == 200
    assert [row.line for row in response.context["preview"].bad_rows] == [3, 4]
