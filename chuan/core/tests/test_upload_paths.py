"""Every place a file enters Chuẩn refuses hostile files with a message on the field and
changes nothing: the legal library's screen, the roll-out decision file on its screen and
in the API, and the three spreadsheet imports (agencies, roll-out statuses, the procedure
catalogue). The documents' own paths are in documents/tests/test_uploads.py."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Agency
from chuan.procedures.models import Procedure
from chuan.rollout.models import QmsEvent

pytestmark = pytest.mark.django_db

HOSTILE_FILES = [
    pytest.param("bom.docx", bad_files.docx_bomb, "bom nén", id="docx-bomb"),
    pytest.param(
        "nhieu.docx",
        lambda: bad_files.many_parts(bad_files.normal_docx(), 3000),
        "bom nén",
        id="many-parts",
    ),
    pytest.param("macro.docx", bad_files.docx_with_macros, "macro", id="vba"),
    pytest.param("chuong-trinh.docx", bad_files.docx_with_program, "macro", id="exe-inside"),
    pytest.param("js.pdf", bad_files.pdf_with_javascript, "mã lệnh", id="pdf-js"),
    pytest.param("js2.pdf", bad_files.pdf_with_hidden_javascript, "mã lệnh", id="pdf-js-escaped"),
    pytest.param("hong.pdf", bad_files.junk_pdf, "PDF", id="junk-pdf"),
]

LEGAL = {
    "symbol": "9441/TB-BNV",
    "kind": "notice",
    "title": "Thông báo nghỉ Tết Âm lịch, Quốc khánh năm 2026",
    "issuer": "Bộ Nội vụ",
    "issue_date": "16/10/2025",
    "status": "in_force",
}
ANNOUNCEMENT = {
    "kind": "announced",
    "occurred_on": "2017-12-15",
    "decision_number": "1520/QĐ-UBND",
    "decision_date": "15/12/2017",
    "signer": "Chủ tịch UBND huyện Chư Sê",
    "iso_edition": "2008",
    "scope": "Các thủ tục hành chính tiếp nhận tại Bộ phận một cửa",
}


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE_FILES)
def test_the_legal_library_screen(client, world, name, build, reason):
    client.force_login(world.coordinator)
    held = set(LegalDocument.objects.values_list("pk", flat=True))  # the form sets' circulars
    response = client.post("/legal/new/", {**LEGAL, "file": SimpleUploadedFile(name, build())})
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["file"])
    assert response.context["form"]["title"].value() == LEGAL["title"]
    assert set(LegalDocument.objects.values_list("pk", flat=True)) == held
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE_FILES)
def test_the_rollout_decision_screen(client, world, name, build, reason):
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    response = client.post(url, {**ANNOUNCEMENT, "file": SimpleUploadedFile(name, build())})
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["file"])
    assert not QmsEvent.objects.exists()


@pytest.mark.parametrize(("name", "build", "reason"), HOSTILE_FILES)
def test_the_rollout_api(client, world, name, build, reason):
    client.force_login(world.coordinator)
    url = f"/api/v1/rollout/agencies/{world.chu_se_pc.pk}/events/"
    payload = {**ANNOUNCEMENT, "decision_date": "2017-12-15"}
    response = client.post(url, {**payload, "file": SimpleUploadedFile(name, build())})
    assert response.status_code == 400
    assert reason in " ".join(response.json()["file"])
    assert not QmsEvent.objects.exists() and not ActivityEntry.objects.exists()


def _wide_sheet() -> bytes:
    """Two cells, in columns 61 and 16,384, of a sheet that claims to be 16,384 columns by
    1,048,576 rows: a reader that believed it would fill every row with empty cells."""
    package = bad_files.normal_xlsx([["Tên cơ quan", "Loại", "Mã đơn vị hành chính"]])
    sheet = zipfile.ZipFile(io.BytesIO(package)).read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b'<dimension ref="A1:C1"/>', b'<dimension ref="A1:XFD1048576"/>')
    sheet = sheet.replace(
        b"</sheetData>",
        b'<row r="2"><c r="BI2" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    return bad_files._rewrite(package, {"xl/worksheets/sheet1.xml": sheet})


def _long_cell() -> bytes:
    return bad_files.normal_xlsx([["Tên cơ quan", "Loại"], ["A" * 20_000, "Khác"]])


HOSTILE_SHEETS = [
    pytest.param(bad_files.xlsx_bomb, "bom nén", id="xlsx-bomb"),
    pytest.param(
        lambda: bad_files.many_parts(bad_files.normal_xlsx(), 3000), "bom nén", id="many-parts"
    ),
    pytest.param(
        lambda: bad_files._rewrite(
            bad_files.normal_xlsx(), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60}
        ),
        "macro",
        id="vba",
    ),
    pytest.param(_wide_sheet, "60 cột", id="16384-columns"),
    pytest.param(_long_cell, "10000 ký tự", id="long-cell"),
]
IMPORTS = {
    "agencies": ("organisations:agency_import", {"unit_set": "legacy"}, Agency),
    "statuses": ("rollout:status_import", {}, QmsEvent),
    "catalogue": ("procedures:catalogue_import", {}, Procedure),
}


@pytest.mark.parametrize("path", list(IMPORTS))
@pytest.mark.parametrize(("build", "reason"), HOSTILE_SHEETS)
def test_every_import(client, world, path, build, reason):
    url, extra, model = IMPORTS[path]
    before = model.objects.count()
    client.force_login(world.coordinator)
    upload = SimpleUploadedFile("nhap.xlsx", build())
    response = client.post(reverse(url), {**extra, "file": upload})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert reason in errors.replace(".", "").replace(",", "")
    assert model.objects.count() == before and not ActivityEntry.objects.exists()
