"""Screens of each agency's QMS: the list, the history, recording an event, targets."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from chuan.accounts.roles import Role
from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member
from chuan.rollout.choices import EventKind as K
from chuan.rollout.models import QmsEvent, Target
from chuan.rollout.tests.factories import event

D = dt.date
PDF = bad_files.pdf()  # a PDF that parses: junk would now be refused
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip_of(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


def no_role_member(world):
    return member(UserFactory(), world.chu_se_pc)


ANNOUNCEMENT = {
    "kind": K.ANNOUNCED,
    "occurred_on": "2017-12-15",
    "decision_number": "1520/QĐ-UBND",
    "decision_date": "15/12/2017",
    "signer": "Chủ tịch UBND huyện Chư Sê",
    "iso_edition": "2008",
    "scope": "Các thủ tục hành chính tiếp nhận tại Bộ phận một cửa",
    "consultant": "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
}


# --- Permission matrix ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["agency_list", "target_list"])
def test_lists_matrix(client, world, name):
    assert_permission_matrix(
        client,
        reverse(f"rollout:{name}"),
        allowed=world.viewer,
        member_without_right=no_role_member(world),
    )


def test_agency_qms_matrix(client, world):
    assert_permission_matrix(
        client,
        reverse("rollout:agency_qms", args=[world.chu_se_pc.pk]),
        allowed=world.viewer,
        member_without_right=no_role_member(world),
        outsider=world.outsider,
    )


def test_event_create_matrix(client, world):
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.leader,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    response = assert_permission_matrix(
        client,
        url,
        method="post",
        data=ANNOUNCEMENT,
        allowed=world.leader,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    assert response["Location"] == reverse("rollout:agency_qms", args=[world.chu_se_pc.pk])
    assert QmsEvent.objects.get().recorded_by == world.leader


@pytest.mark.parametrize("name", ["target_create", "status_import"])
def test_province_screens_matrix(client, world, name):
    assert_permission_matrix(
        client,
        reverse(f"rollout:{name}"),
        allowed=world.coordinator,
        member_without_right=world.leader,
    )


def test_a_commune_official_sees_only_their_agency_and_dost_the_province(client, world):
    client.force_login(world.viewer)
    names = [
        line.agency.name for line in client.get(reverse("rollout:agency_list")).context["lines"]
    ]
    assert names == ["Ủy ban nhân dân huyện Chư Sê"]
    assert client.get(reverse("rollout:agency_qms", args=[world.dost.pk])).status_code == 404
    client.force_login(world.coordinator)
    names = {
        line.agency.name for line in client.get(reverse("rollout:agency_list")).context["lines"]
    }
    assert "Sở Tư pháp tỉnh Bình Định" in names  # merged into Gia Lai in 2025: same family
    assert "Sở Tư pháp tỉnh Kon Tum" not in names
    assert (
        client.get(reverse("rollout:agency_qms", args=[world.kon_tum_dept.pk])).status_code == 404
    )


# --- The list ---------------------------------------------------------------------------------


def test_list_shows_status_and_filters(client, world):
    event(world.chu_se_pc, K.BUILDING_STARTED, D(2017, 3, 1))
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    event(world.dost, K.APPLYING_CONFIRMED, D(2016, 10, 1))
    client.force_login(world.coordinator)
    url = reverse("rollout:agency_list")
    lines = client.get(url).context["lines"]
    status = {line.agency.pk: line.qms.status for line in lines}
    assert status[world.chu_se_pc.pk] == "building"
    assert status[world.dost.pk] == "applying"
    assert status[world.ward_pc.pk] == "not_started"
    lines = client.get(url, {"status": "applying"}).context["lines"]
    assert [line.agency for line in lines] == [world.dost]
    lines = client.get(url, {"level": "district"}).context["lines"]
    assert [line.agency for line in lines] == [world.chu_se_pc]
    # Search ignores diacritics and case.
    lines = client.get(url, {"q": "UY BAN chu se"}).context["lines"]
    assert [line.agency for line in lines] == [world.chu_se_pc]
    lines = client.get(url, {"q": "chu se", "status": "not_started"}).context["lines"]
    assert lines == []


def test_needs_reannouncement_after_the_2025_merger(client, world):
    # Gia Lai (legacy) merged into the new Gia Lai on 1 July 2025, after the announcement.
    event(world.dost, K.ANNOUNCED, D(2016, 6, 1), "3/QĐ-SKHCN")
    event(world.binh_dinh_dept, K.ANNOUNCED, D(2016, 6, 1), "9/QĐ-STP")
    event(world.binh_dinh_dept, K.REANNOUNCED, D(2025, 8, 1), "19/QĐ-STP")
    event(world.chu_se_pc, K.ANNOUNCED, D(2017, 12, 15), "1520/QĐ-UBND")
    client.force_login(world.coordinator)
    url = reverse("rollout:agency_list")
    flagged = {
        line.agency for line in client.get(url).context["lines"] if line.qms.needs_reannouncement
    }
    assert flagged == {world.dost}
    lines = client.get(url, {"flag": "reannounce"}).context["lines"]
    assert [line.agency for line in lines] == [world.dost]
    response = client.get(reverse("rollout:agency_qms", args=[world.dost.pk]))
    assert response.context["qms"].needs_reannouncement
    assert b'data-testid="needs-reannouncement"' in response.content


def test_bad_list_parameters_never_fail(client, world):
    client.force_login(world.coordinator)
    url = reverse("rollout:agency_list")
    for params in (
        {"page": "abc"},
        {"page": "99999"},
        {"status": "'; drop table"},
        {"level": "galaxy", "flag": "x"},
        {"q": "\x00" * 300},
    ):
        assert client.get(url, params).status_code == 200


# --- An agency's QMS --------------------------------------------------------------------------


def test_qms_page_shows_history_status_on_a_date_and_the_file(client, world):
    event(world.chu_se_pc, K.BUILDING_STARTED, D(2017, 3, 1), consultant="Trung tâm TĐC")
    announced = event(
        world.chu_se_pc,
        K.ANNOUNCED,
        D(2017, 12, 15),
        "1520/QĐ-UBND",
        signer="Nguyễn Văn A",
        iso_edition="2008",
        scope="Toàn bộ thủ tục hành chính",
        recorded_by=world.leader,
    )
    announced.file.save("qd.pdf", SimpleUploadedFile("qd.pdf", PDF))
    client.force_login(world.viewer)
    url = reverse("rollout:agency_qms", args=[world.chu_se_pc.pk])
    response = client.get(url, {"on": "2017-06-30"})
    assert response.context["qms"].status == "announced"
    assert response.context["status_on"] == "building"
    text = response.content.decode()
    for shown in ("1520/QĐ-UBND", "15/12/2017", "Nguyễn Văn A", "Toàn bộ thủ tục hành chính"):
        assert shown in text
    assert "Trung tâm TĐC" in text
    assert world.leader.full_name in text
    assert f"?file={announced.pk}" in text
    # The viewer may see but not record.
    assert 'data-testid="record-event"' not in text
    download = client.get(url, {"file": announced.pk})
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_decision_files_stay_in_scope(client, world):
    other = event(world.kon_tum_dept, K.ANNOUNCED, D(2017, 1, 5), "1/QĐ")
    other.file.save("qd.pdf", SimpleUploadedFile("qd.pdf", PDF))
    client.force_login(world.viewer)
    url = reverse("rollout:agency_qms", args=[world.chu_se_pc.pk])
    # Another agency's event through this agency's page, garbage, a missing id: all 404.
    for value in (other.pk, "abc", "999999", ""):
        assert client.get(url, {"file": value}).status_code == 404
    assert (
        client.get(
            reverse("rollout:agency_qms", args=[world.kon_tum_dept.pk]), {"file": other.pk}
        ).status_code
        == 404
    )


def test_a_bad_date_on_the_qms_page_is_reported_not_fatal(client, world):
    client.force_login(world.viewer)
    url = reverse("rollout:agency_qms", args=[world.chu_se_pc.pk])
    for value in ("31/02/2018", "garbage", "9999-99-99", "0000-01-01"):
        response = client.get(url, {"on": value})
        assert response.status_code == 200
        assert response.context["on_invalid"]


# --- Recording an event -----------------------------------------------------------------------


def test_recording_an_announcement_with_its_decision_file(client, world):
    client.force_login(world.coordinator)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    response = client.post(url, {**ANNOUNCEMENT, "file": SimpleUploadedFile("QĐ 1520.pdf", PDF)})
    assert response.status_code == 302
    recorded = QmsEvent.objects.get()
    assert recorded.decision_date == D(2017, 12, 15)  # dd/mm/yyyy, never month first
    assert recorded.file.name.endswith(".pdf")
    assert ActivityEntry.objects.filter(verb="qms_event.recorded").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decision_number": ""}, "decision_number"),
        ({"decision_date": ""}, "decision_date"),
        ({"decision_date": "2018-01-01"}, "decision_date"),
        ({"kind": K.APPLYING_CONFIRMED}, "kind"),
        ({"kind": "won_a_prize"}, "kind"),
        ({"occurred_on": "31/02/2017"}, "occurred_on"),
        ({"occurred_on": ""}, "occurred_on"),
        ({"iso_edition": "2000"}, "iso_edition"),
    ],
)
def test_refused_events_show_the_reason_on_the_field(client, world, changes, field):
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    response = client.post(url, {**ANNOUNCEMENT, **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not QmsEvent.objects.exists()


def test_events_cannot_go_back_in_time_on_the_screen(client, world):
    event(world.chu_se_pc, K.BUILDING_STARTED, D(2018, 3, 1))
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    response = client.post(url, ANNOUNCEMENT)
    assert "occurred_on" in response.context["form"].errors
    assert QmsEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("quyet-dinh.pdf", PDF, True),
        ("quyet-dinh.docx", _docx(), True),
        ("scan.png", PNG, True),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32, True),
        # Named like a PDF, but an executable.
        ("quyet-dinh.pdf", b"MZ\x90\x00" + b"\x00" * 64, False),
        # A ZIP that is not a Word document (an XLSX, an archive).
        ("quyet-dinh.docx", _zip_of("xl/workbook.xml"), False),
        ("quyet-dinh.html", b"<html><script>alert(1)</script></html>", False),
        ("empty.pdf", b"", False),
    ],
)
def test_decision_files_are_checked_by_content(client, world, name, content, ok):
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    response = client.post(url, {**ANNOUNCEMENT, "file": SimpleUploadedFile(name, content)})
    if ok:
        assert response.status_code == 302
        assert QmsEvent.objects.get().file
    else:
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not QmsEvent.objects.exists()


def test_decision_files_larger_than_10_mb_are_refused(client, world):
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = client.post(url, {**ANNOUNCEMENT, "file": SimpleUploadedFile("big.pdf", big)})
    assert "10 MB" in response.context["form"].errors["file"][0]
    assert not QmsEvent.objects.exists()


def test_the_event_form_preselects_the_kind_from_the_button(client, world):
    client.force_login(world.leader)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    assert client.get(url, {"kind": "announced"}).context["form"].initial == {"kind": "announced"}
    assert client.get(url, {"kind": "nonsense"}).context["form"].initial == {}


# --- Targets ----------------------------------------------------------------------------------

TARGET = {
    "decision_number": "658/QĐ-UBND",
    "decision_date": "2017-05-12",
    "level": "commune",
    "percent": "90",
    "deadline": "2017-12-31",
}


def test_dost_sets_targets_only_for_its_provinces(client, world):
    client.force_login(world.coordinator)
    url = reverse("rollout:target_create")
    provinces = set(client.get(url).context["form"].fields["province"].queryset)
    assert provinces == {world.gia_lai_legacy, world.binh_dinh_legacy, world.gia_lai_2025}
    response = client.post(url, {**TARGET, "province": world.kon_tum_legacy.pk})
    assert "province" in response.context["form"].errors
    response = client.post(url, {**TARGET, "province": world.gia_lai_legacy.pk})
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.percent == Decimal(90)
    assert ActivityEntry.objects.filter(verb="target.created").count() == 1


def test_a_system_administrator_sets_targets_anywhere(client, world):
    client.force_login(world.admin)
    url = reverse("rollout:target_create")
    assert world.kon_tum_legacy in client.get(url).context["form"].fields["province"].queryset
    response = client.post(url, {**TARGET, "province": world.kon_tum_legacy.pk})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"percent": "120"}, "percent"),
        ({"percent": "abc"}, "percent"),
        ({"deadline": "2017-01-01"}, "deadline"),
        ({"decision_number": "   "}, "decision_number"),
        ({"level": "galaxy"}, "level"),
        ({"province": "abc"}, "province"),
    ],
)
def test_refused_targets_change_nothing(client, world, changes, field):
    client.force_login(world.coordinator)
    payload = {**TARGET, "province": world.gia_lai_legacy.pk, **changes}
    response = client.post(reverse("rollout:target_create"), payload)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Target.objects.exists()


def test_target_list_shows_whether_each_target_was_met(client, world):
    town = AgencyFactory(
        name="Ủy ban nhân dân thị trấn Chư Sê",
        unit=world.chu_se_town,
        kind="commune_peoples_committee",
        level="commune",
    )
    event(town, K.ANNOUNCED, D(2018, 1, 10), "5/QĐ-UBND")
    for percent, deadline in ((90, D(2017, 12, 31)), (100, D(2018, 6, 30)), (100, D(2099, 1, 1))):
        Target.objects.create(
            decision_number="658/QĐ-UBND",
            decision_date=D(2017, 5, 12),
            province=world.gia_lai_legacy,
            level="commune",
            percent=percent,
            deadline=deadline,
        )
    Target.objects.create(
        decision_number="1/QĐ-UBND",
        decision_date=D(2017, 5, 12),
        province=world.kon_tum_legacy,
        level="commune",
        percent=50,
        deadline=D(2017, 12, 31),
    )
    client.force_login(world.coordinator)
    lines = client.get(reverse("rollout:target_list")).context["lines"]
    # The coordinator's province family only; newest deadline first.
    assert [(line.target.deadline, line.met) for line in lines] == [
        (D(2099, 1, 1), None),
        (D(2018, 6, 30), True),
        (D(2017, 12, 31), False),
    ]
    assert lines[1].reached == Decimal("100.0")
    # An agency's viewer sees the decisions but not the province's coverage behind them.
    client.force_login(world.viewer)
    response = client.get(reverse("rollout:target_list"))
    assert not response.context["with_results"]
    assert [line.reached for line in response.context["lines"]] == [None, None, None]


# --- Query budgets ----------------------------------------------------------------------------


@pytest.fixture
def thirty_communes(world):
    agencies = []
    for i in range(30):
        agency = AgencyFactory(
            name=f"Ủy ban nhân dân xã thử {i}",
            unit=world.chu_se_town,
            kind="commune_peoples_committee",
            level="commune",
        )
        event(agency, K.BUILDING_STARTED, D(2017, 3, 1))
        if i % 2:
            event(agency, K.ANNOUNCED, D(2017, 12, 1), f"{i}/QĐ-UBND")
        agencies.append(agency)
    for i in range(5):
        Target.objects.create(
            decision_number=f"{i}/QĐ-UBND",
            decision_date=D(2017, 5, 12),
            province=world.gia_lai_legacy if i % 2 else world.binh_dinh_legacy,
            level="commune",
            percent=90,
            deadline=D(2017 + i, 12, 31),
        )
    return agencies


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("agency_list", {}),
        ("agency_list", {"status": "announced"}),
        ("agency_list", {"flag": "reannounce", "q": "xa thu"}),
        ("agency_qms", {}),
        ("agency_qms", {"on": "2017-06-30"}),
        ("event_create", {}),
        ("target_list", {}),
        ("target_create", {}),
        ("status_import", {}),
    ],
)
def test_pages_stay_within_the_query_budget(
    client, world, thirty_communes, django_assert_max_num_queries, name, params
):
    needs_pk = name in ("agency_qms", "event_create")
    url = reverse(f"rollout:{name}", args=[thirty_communes[1].pk] if needs_pk else [])
    client.force_login(world.coordinator)
    # An agency's QMS page also shows the improvement cycle's card (last audit, last review).
    with django_assert_max_num_queries(18 if name == "agency_qms" else 15):  # and the kit panel
        response = client.get(url, params)
    assert response.status_code == 200
    if name == "agency_list" and not params:
        assert len(response.context["lines"]) == 35


def test_an_inspector_may_record_but_not_set_targets(client, world):
    inspector = member(UserFactory(roles=[Role.INSPECTOR]), world.dost_2025)
    client.force_login(inspector)
    url = reverse("rollout:event_create", args=[world.chu_se_pc.pk])
    assert client.post(url, ANNOUNCEMENT).status_code == 302
    assert client.get(reverse("rollout:target_create")).status_code == 403


def test_former_agencies_are_listed_only_when_asked(client, world):
    import datetime as dt

    from django.urls import reverse

    world.chu_se_pc.valid_to = dt.date(2025, 6, 30)
    world.chu_se_pc.save()
    client.force_login(world.coordinator)
    url = reverse("rollout:agency_list")
    names = lambda response: [line.agency.name for line in response.context["lines"]]  # noqa: E731
    assert world.chu_se_pc.name not in names(client.get(url))
    assert world.chu_se_pc.name in names(client.get(url, {"former": "1"}))


def test_withdraw_screen_permission_matrix(client, world):
    from django.urls import reverse

    from chuan.core.testing.matrix import assert_permission_matrix

    wrong = event(world.chu_se_pc, K.BUILDING_STARTED, D(2017, 3, 1))
    url = reverse("rollout:event_withdraw", args=[world.chu_se_pc.pk, wrong.pk])
    assert_permission_matrix(
        client,
        url,
        method="post",
        data={"reason": "Ghi nhầm"},
        allowed=world.leader,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is not None
    page = client.get(reverse("rollout:agency_qms", args=[world.chu_se_pc.pk]))
    assert 'data-withdrawn="1"' in page.content.decode()
