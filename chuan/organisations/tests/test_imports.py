import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import Workbook

from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.models import Agency

HEADER = [
    "Tên cơ quan",
    "Tên viết tắt",
    "Loại",
    "Mã đơn vị hành chính",
    "Cơ quan cấp trên",
    "Mã định danh",
    "Hiệu lực từ",
]


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("co-quan.xlsx", buffer.getvalue())


def _csv(rows, sep=";"):
    text = "\n".join(sep.join(str(c) for c in row) for row in rows)
    return SimpleUploadedFile("co-quan.csv", text.encode("utf-8-sig"))


def _upload(client, upload, unit_set="legacy"):
    return client.post(
        reverse("organisations:agency_import"), {"file": upload, "unit_set": unit_set}
    )


GOOD = [
    HEADER,
    [
        "Ủy ban nhân dân thị trấn Chư Sê",
        "UBND TT Chư Sê",
        "Ủy ban nhân dân cấp xã",
        "23941",
        "Ủy ban nhân dân huyện Chư Sê",
        "000.00.51.H21",
        "01/01/2017",
    ],
    ["Ủy ban nhân dân thành phố Pleiku", "", "district_peoples_committee", "622", "", "", ""],
    ["Phòng một cửa Pleiku", "", "Khác", "622", "Ủy ban nhân dân thành phố Pleiku", "", ""],
]


def test_import_permission_matrix(client, world):
    assert_permission_matrix(
        client,
        reverse("organisations:agency_import"),
        allowed=world.coordinator,
        member_without_right=world.leader,
    )


@pytest.mark.parametrize("maker", [_xlsx, _csv])
def test_valid_file_previews_then_imports_everything(client, world, maker):
    rows = [row[:] for row in GOOD]
    rows[1][2] = "commune_peoples_committee"
    client.force_login(world.coordinator)
    response = _upload(client, maker(rows))
    preview = response.context["preview"]
    assert preview.is_valid, [r.errors for r in preview.rows]
    assert Agency.objects.filter(name__startswith="Ủy ban nhân dân thị trấn").count() == 0
    response = client.post(reverse("organisations:agency_import"), {"confirm": "1"})
    assert response.status_code == 302
    town = Agency.objects.get(code="000.00.51.H21")
    assert town.parent == world.chu_se_pc
    assert town.valid_from.isoformat() == "2017-01-01"
    desk = Agency.objects.get(name="Phòng một cửa Pleiku")
    assert desk.parent.name == "Ủy ban nhân dân thành phố Pleiku"
    assert ActivityEntry.objects.filter(verb="agencies.imported", actor=world.coordinator).exists()


def test_one_bad_row_means_nothing_is_written_and_every_bad_row_is_listed(client, world):
    rows = [row[:] for row in GOOD]
    rows[1][2] = "commune_peoples_committee"
    rows.append(["", "", "Sở", "99999", "", "", ""])
    rows.append(
        ["Sở Nội vụ Kon Tum", "", "provincial_department", "62", "", "000.00.51.H21", "32/13/2017"]
    )
    client.force_login(world.coordinator)
    before = (Agency.objects.count(), ActivityEntry.objects.count())
    response = _upload(client, _xlsx(rows))
    preview = response.context["preview"]
    assert not preview.is_valid
    bad = {row.line: row.errors for row in preview.bad_rows}
    assert set(bad) == {5, 6}
    assert any("99999" in e for e in bad[5])
    joined = " ".join(bad[6])
    assert "32/13/2017" in joined  # not a date
    assert "Kon Tum" in joined  # outside the coordinator's province
    assert "line 2" in joined or "dòng 2" in joined  # duplicate code
    response = client.post(reverse("organisations:agency_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert (Agency.objects.count(), ActivityEntry.objects.count()) == before


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.xlsx", b"PK\x03\x04 this is not a workbook"),
        SimpleUploadedFile("x.pdf", b"%PDF-1.4"),
        SimpleUploadedFile("x.csv", "Tên cơ quan;Loại\nA;B".encode("cp1258", errors="ignore")),
        SimpleUploadedFile("x.csv", "Tên,Kiểu\nA,B".encode()),
        SimpleUploadedFile("x.csv", b""),
    ],
)
def test_unreadable_files_get_a_clear_message(client, world, upload):
    client.force_login(world.coordinator)
    response = _upload(client, upload)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_level_and_kind_accept_the_words_agencies_write(client, world):
    rows = [
        ["Tên cơ quan", "Loại", "Cấp", "Mã đơn vị hành chính"],
        ["Ủy ban nhân dân thị trấn Chư Sê", "Ủy ban nhân dân cấp xã", "Cấp xã", "23941"],
        ["Bộ phận một cửa huyện Chư Sê", "Khác", "cap huyen", "633"],
    ]
    client.force_login(world.coordinator)
    preview = _upload(client, _csv(rows, sep=",")).context["preview"]
    assert preview.is_valid, [r.errors for r in preview.rows]
    assert [row.data.level for row in preview.rows] == ["commune", "district"]


def test_missing_columns_are_named_in_vietnamese(client, world):
    client.force_login(world.coordinator)
    response = _upload(client, _csv([["Tên cơ quan", "Ghi chú"], ["A", "B"]]))
    assert response.context["form"].errors["file"] == [
        "Tệp thiếu các cột bắt buộc: Loại, Mã đơn vị hành chính."
    ]
