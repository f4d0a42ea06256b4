"""The catalogue as the XLSX list provinces publish: export, edit, import back; bad rows are
listed with their line and reasons and nothing is written."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from openpyxl import load_workbook

from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.legal.choices import DocumentKind
from chuan.legal.tests.factories import legal
from chuan.organisations.imports import read_table
from chuan.procedures.catalogue_io import build_preview, catalogue_import, catalogue_workbook
from chuan.procedures.models import Procedure, ProcedureVersion
from chuan.procedures.services import ComponentData
from chuan.procedures.tests.factories import make_procedure

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def catalogue(world):
    legal(world.admin, "60/2014/QH13", DocumentKind.LAW, D(2014, 11, 20), title="Luật Hộ tịch")
    legal(world.admin, "123/2015/NĐ-CP", DocumentKind.DECREE, D(2015, 11, 15))
    return make_procedure(
        world.gia_lai_2025,
        components=[
            ComponentData("Tờ khai", originals=1),
            ComponentData("Giấy chứng sinh", originals=0, certified_copies=1, required=False),
        ],
    )


def _table(version):
    """The export read back the way an upload is read (dates are real dates in the file)."""
    return read_table(io.BytesIO(catalogue_workbook([version])), "danh-muc.xlsx")


def test_an_exported_catalogue_imports_back_unchanged(world, catalogue):
    table = _table(catalogue)
    assert table[0][1] == "Mã thủ tục" and table[1][1] == "1.001193"
    preview = build_preview(table, province=world.gia_lai_2025, user=world.coordinator)
    assert preview.is_valid and [row.action for row in preview.rows] == ["unchanged"]


def test_a_changed_row_becomes_a_new_version_and_a_new_code_a_procedure(world, catalogue):
    table = _table(catalogue)
    header = table[0]
    changed = list(table[1])
    changed[header.index("Thời hạn giải quyết")] = "1"
    changed[header.index("Đơn vị tính")] = "Ngày làm việc"
    changed[header.index("Áp dụng từ ngày")] = "01/01/2026"
    changed[header.index("Căn cứ pháp lý")] = "60/2014/QH13; 123/2015/nd-cp"
    new = list(changed)
    new[header.index("Mã thủ tục")] = "1.000894"
    new[header.index("Tên thủ tục hành chính")] = "Thủ tục đăng ký kết hôn"
    preview = catalogue_import(
        table=[header, changed, new], province=world.gia_lai_2025, actor=world.coordinator
    )
    assert preview.is_valid, [row.errors for row in preview.rows]
    assert (preview.count_version, preview.count_new) == (1, 1)
    versions = ProcedureVersion.objects.filter(procedure__code="1.001193").order_by("number")
    assert [(v.number, v.time_amount, v.valid_to) for v in versions] == [
        (1, Decimal(0), D(2025, 12, 31)),
        (2, Decimal(1), None),
    ]
    latest = versions.last()
    assert [c.required for c in latest.components.all()] == [True, False]
    assert {d.symbol for d in latest.legal_basis.all()} == {"60/2014/QH13", "123/2015/NĐ-CP"}
    assert ActivityEntry.objects.filter(verb="catalogue.imported").count() == 1


def test_bad_rows_are_listed_and_nothing_is_written(world, catalogue):
    table = _table(catalogue)
    header = table[0]
    rows = []
    for column, value in (
        ("Thời hạn giải quyết", "ba"),
        ("Đơn vị tính", "tuần"),
        ("Căn cứ pháp lý", "99/2020/NĐ-CP"),
        ("Cấp thực hiện", "Cấp thôn"),
        ("Tên thủ tục hành chính", ""),
    ):
        row = list(table[1])
        row[header.index("Mã thủ tục")] = f"9.{len(rows):06d}"
        row[header.index(column)] = value
        rows.append(row)
    changed = list(table[1])
    changed[header.index("Thời hạn giải quyết")] = "2"
    changed[header.index("Đơn vị tính")] = "Ngày làm việc"  # same date: not after version 1
    preview = catalogue_import(
        table=[header, *rows, changed], province=world.gia_lai_2025, actor=world.coordinator
    )
    assert not preview.is_valid
    assert [row.line for row in preview.bad_rows] == [2, 3, 4, 5, 6, 7]
    assert all(row.errors for row in preview.bad_rows)
    assert "99/2020/NĐ-CP" in preview.bad_rows[2].errors[0]
    assert Procedure.objects.count() == 1 and ProcedureVersion.objects.count() == 1


def test_import_screen(client, world, catalogue):
    content = catalogue_workbook([catalogue])
    upload = SimpleUploadedFile("danh-muc.xlsx", content)
    assert_permission_matrix(
        client,
        "/procedures/import/",
        allowed=world.coordinator,
        member_without_right=world.viewer,
        method="post",
        data={"file": upload},
    )
    client.force_login(world.coordinator)
    response = client.post("/procedures/import/", {"file": SimpleUploadedFile("d.xlsx", content)})
    assert 'data-testid="import-confirm"' in response.content.decode()
    response = client.post("/procedures/import/", {"confirm": "1"})
    assert response.status_code == 302
    response = client.post("/procedures/import/", {"file": SimpleUploadedFile("x.xlsx", b"MZ")})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_export_screen(client, world, catalogue):
    response = assert_permission_matrix(client, "/procedures/export.xlsx", allowed=world.viewer)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active["B2"].value == "1.001193"
