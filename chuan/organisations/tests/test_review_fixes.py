"""Regressions found in review: scoping leaks, privilege escalation, inputs that crashed."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from chuan.accounts.roles import Role
from chuan.core.models import ActivityEntry
from chuan.organisations.models import Agency
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member
from chuan.organisations.tests.test_imports import _csv, _upload, _xlsx

HEADER = ["Tên cơ quan", "Loại", "Mã đơn vị hành chính", "Cơ quan cấp trên"]


def test_import_cannot_attach_a_parent_from_another_province(client, world):
    client.force_login(world.coordinator)
    rows = [HEADER, ["Phòng thử", "Khác", "633", "Sở Tư pháp tỉnh Kon Tum"]]
    preview = _upload(client, _xlsx(rows), unit_set="legacy").context["preview"]
    assert not preview.is_valid
    assert "Sở Tư pháp tỉnh Kon Tum" in preview.rows[0].errors[0]


def test_import_reports_spreadsheet_line_numbers_and_long_names(client, world):
    client.force_login(world.coordinator)
    rows = [HEADER, [], ["", "", "", ""], ["x" * 300, "Khác", "633", ""]]
    preview = _upload(client, _xlsx(rows), unit_set="legacy").context["preview"]
    assert [row.line for row in preview.bad_rows] == [4]
    assert any("255" in error for error in preview.bad_rows[0].errors)


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.csv", "Tên cơ quan;Loại;Mã đơn vị hành chính\nA".encode()),
        SimpleUploadedFile("x.csv", ("Tên cơ quan;Loại\n" + "a" * 200_000).encode()),
    ],
)
def test_damaged_csv_files_never_crash(client, world, upload):
    client.force_login(world.coordinator)
    response = _upload(client, upload)
    assert response.status_code == 200


def test_truncated_workbook_is_a_message_not_a_crash(client, world):
    good = _xlsx([HEADER, ["A", "Khác", "633", ""]]).read()
    client.force_login(world.coordinator)
    response = _upload(client, SimpleUploadedFile("x.xlsx", good[: len(good) // 2]))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_a_new_upload_replaces_the_previewed_file(client, world):
    client.force_login(world.coordinator)
    _upload(client, _csv([HEADER, ["Phòng thử A", "Khác", "633", ""]]), unit_set="legacy")
    _upload(client, _csv([HEADER, ["", "", "", ""]]), unit_set="legacy")
    response = client.post(reverse("organisations:agency_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert not Agency.objects.filter(name="Phòng thử A").exists()


def test_huge_ids_in_query_strings_are_ignored_by_screens_and_named_by_the_api(client, world):
    client.force_login(world.admin)
    assert client.get("/activity/?user=" + "9" * 40).status_code == 200
    response = client.get("/api/v1/units/?parent=" + "9" * 40)
    assert response.status_code == 400 and "parent" in response.json()


def test_a_leader_cannot_switch_off_a_coordinator_or_a_superuser(client, world):
    superuser = member(UserFactory(is_superuser=True), world.chu_se_pc)
    coordinator_here = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.chu_se_pc)
    client.force_login(world.leader)
    for target in (superuser, coordinator_here):
        url = reverse("accounts:user_action", args=[target.pk, "deactivate"])
        assert client.post(url).status_code == 403
        target.refresh_from_db()
        assert target.is_active


def test_editing_keeps_a_parent_outside_the_editors_reach(client, world):
    world.chu_se_pc.parent = world.dost
    world.chu_se_pc.save()
    client.force_login(world.secretary)
    url = reverse("organisations:agency_edit", args=[world.chu_se_pc.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    assert client.post(url, data).status_code == 302
    world.chu_se_pc.refresh_from_db()
    assert world.chu_se_pc.parent == world.dost


def test_child_agencies_outside_scope_are_not_listed(client, world):
    AgencyFactory(name="Chi nhánh ở Kon Tum", unit=world.kon_tum_legacy, parent=world.chu_se_pc)
    client.force_login(world.leader)
    response = client.get(reverse("organisations:agency_detail", args=[world.chu_se_pc.pk]))
    assert response.context["child_count"] == 0


def test_user_search_ignores_diacritics(client, world):
    member(UserFactory(full_name="Nguyễn Văn Ánh", username="anh.nv"), world.chu_se_pc)
    client.force_login(world.leader)
    for query in ("nguyen van anh", "Nguyễn Ánh", "ANH"):
        page = client.get(reverse("accounts:user_list"), {"q": query}).context["page"]
        assert [u.username for u in page.object_list] == ["anh.nv"], query


def test_coordinator_cannot_give_province_wide_roles_to_a_commune_official(client, world):
    client.force_login(world.coordinator)
    url = reverse("organisations:official_create", args=[world.ward_pc.pk])
    response = client.post(
        url,
        {
            "full_name": "Ksor H'Bia",
            "username": "hbia",
            "password": "Pleiku-an-toan-2026",
            "roles": ["inspector"],
        },
    )
    assert "roles" in response.context["form"].errors
    assert not ActivityEntry.objects.filter(verb="user.created").exists()


def test_account_opened_for_an_agency_is_in_that_agencys_activity(client, world):
    client.force_login(world.leader)
    url = reverse("organisations:official_create", args=[world.chu_se_pc.pk])
    client.post(
        url,
        {
            "full_name": "Rơ Mah Thương",
            "username": "thuong.rm",
            "password": "Chu-Se-an-toan-2026",
            "roles": ["viewer"],
        },
    )
    entry = ActivityEntry.objects.get(verb="user.created")
    assert entry.agency_id == world.chu_se_pc.pk
