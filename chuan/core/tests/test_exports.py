"""Every XLSX Chuẩn writes goes through `chuan.core.exports`, and none of them lets text typed
into Chuẩn become a formula, writes a date as text, or grows without bound."""

import datetime as dt
import io
import pathlib
import re

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from chuan.core.exports import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FORMULA_STARTS,
    Column,
    Row,
    XlsxBook,
    sheet_title,
)
from chuan.documents.tests.test_services import office  # noqa: F401 - the fixture

HOSTILE = '=HYPERLINK("http://evil.example","Bấm vào đây")'
ROOT = pathlib.Path(__file__).resolve().parents[2]


def _cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_harmless(content: bytes, *hostile: str) -> list:
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula was written"
    for text in hostile:
        found = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert found, f"{text!r} is not in the export"
        for cell in found:
            if cell.value.startswith(FORMULA_STARTS):
                assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    return cells


def test_no_module_writes_a_workbook_but_the_export_helper():
    """A new export cannot bypass the helper unnoticed."""
    writers = []
    for path in (ROOT / "chuan").rglob("*.py"):
        if "tests" in path.parts or (path.name == "exports.py" and path.parent.name == "core"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bWorkbook\(|WriteOnlyCell|\.save\(buffer\)", text):
            writers.append(str(path.relative_to(ROOT)))
    assert writers == []


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_that_starts_like_a_formula_stays_text(start):
    book = XlsxBook()
    book.sheet("S", [Column("A")], [[f"{start}1+1"], ["bình thường"]])
    cells = _assert_harmless(book.to_bytes(), f"{start}1+1")
    plain = next(c for c in cells if c.value == "bình thường")
    assert not plain.quotePrefix


def test_dates_are_dates_and_sizes_are_bounded():
    book = XlsxBook(max_rows=2)
    received = dt.datetime(2026, 2, 13, 9, 30, tzinfo=dt.UTC)
    book.sheet(
        "Sổ: 2026/02 [tháng hai] với một tên rất dài",
        [Column("Ngày"), Column("Lúc"), Column("Ghi chú")],
        [
            [dt.date(2026, 2, 13), received, "a\x00b\x07c" + "x" * 40_000],
            [None, None, "hai"],
            [None, None, "ba"],
        ],
    )
    workbook = load_workbook(io.BytesIO(book.to_bytes()))
    sheet = workbook.worksheets[0]
    assert len(sheet.title) <= 31 and not set(sheet.title) & set("[]:*?/\\")
    day, at, note = sheet[2]
    assert day.value == dt.datetime(2026, 2, 13) and day.number_format == DATE_FORMAT
    assert at.value == dt.datetime(2026, 2, 13, 16, 30) and at.number_format == DATETIME_FORMAT
    assert note.value.startswith("abc") and len(note.value) == 32_767
    assert "1" in sheet["A4"].value and sheet.max_row == 4  # header, two rows, what was left out


def test_an_auto_filter_covers_the_header_and_the_rows_only():
    book = XlsxBook()
    book.sheet(
        "Bảng",
        [Column("Cơ quan"), Column("Tỉ lệ")],
        [["Ủy ban nhân dân xã Ia Glai", 50], ["Ủy ban nhân dân phường Diên Hồng", 100]],
        before=[["Tỉnh Gia Lai"]],
        after=[Row(["Tổng", 75], bold=True)],
        auto_filter=True,
    )
    book.sheet("Trống", [Column("Cơ quan")], [], auto_filter=True)
    book.sheet("Không lọc", [Column("Cơ quan")], [["A"]])
    filtered, empty, plain = load_workbook(io.BytesIO(book.to_bytes())).worksheets
    # The title line above and the total below stay where they are when the rows are sorted.
    assert filtered.auto_filter.ref == "A2:B4"
    assert empty.auto_filter.ref is None and plain.auto_filter.ref is None


def test_sheet_names_are_unique_whatever_their_titles():
    assert sheet_title("Hồ sơ", ["Hồ sơ"]) == "Hồ sơ (2)"
    assert sheet_title("/:*") == "Sheet"


# Each export of the product, fed a hostile row through the screens that serve it.


@pytest.fixture
def desk(world):
    from chuan.dossiers.tests.factories import make_desk

    return make_desk(world)


def test_the_dossier_register_and_form_06(client, desk):
    from chuan.dossiers.services import Applicant
    from chuan.dossiers.tests.factories import at, receive

    field = desk.birth.field
    field.name = "+" + HOSTILE
    field.save(update_fields=["name"])
    applicant = Applicant(name=HOSTILE, id_number="064095000123", phone="0905123456")
    dossier = receive(desk, desk.birth, at(2, 8), applicant=applicant, note="@SUM(A1:A9)")
    client.force_login(desk.leader)
    register = client.get("/desk/register.xlsx?start=2026-03-01&end=2026-03-31&by=field")
    cells = _assert_harmless(register.content, HOSTILE, "@SUM(A1:A9)")
    received = [c for c in cells if isinstance(c.value, dt.datetime)]
    assert received[0].value == timezone.localtime(dossier.received_at).replace(tzinfo=None)
    assert received[0].number_format == DATETIME_FORMAT
    report = client.get("/desk/report/?start=2026-03-01&end=2026-03-31&by=field&format=xlsx")
    _assert_harmless(report.content, "+" + HOSTILE)


def test_the_document_master_list(client, office):  # noqa: F811
    from chuan.documents.tests.test_services import _approved, _document

    document = _document(office)
    document.title = HOSTILE
    document.save(update_fields=["title"])
    today = timezone.localdate()
    _approved(office, document, today)
    client.force_login(office["controller"])
    content = client.get("/documents/?format=xlsx").content
    cells = _assert_harmless(content, HOSTILE)
    dates = [c for c in cells if isinstance(c.value, dt.datetime)]
    assert dates and dates[0].value.date() == today
    assert dates[0].number_format == DATE_FORMAT


def test_the_procedure_catalogue(client, world):
    from chuan.procedures.tests.factories import make_procedure

    make_procedure(world.gia_lai_2025, name="-" + HOSTILE, valid_from=dt.date(2025, 7, 1))
    client.force_login(world.viewer)
    cells = _assert_harmless(client.get("/procedures/export.xlsx").content, "-" + HOSTILE)
    assert dt.datetime(2025, 7, 1) in [c.value for c in cells]


def test_the_rollout_dashboard(client, world):
    from chuan.organisations.tests.factories import AgencyFactory

    AgencyFactory(
        name=HOSTILE, unit=world.chu_se_town, kind="commune_peoples_committee", level="commune"
    )
    client.force_login(world.coordinator)
    response = client.get(
        "/rollout/export.xlsx",
        {"on": "2018-01-31", "level": "commune", "province": world.gia_lai_legacy.pk},
    )
    _assert_harmless(response.content, HOSTILE)
