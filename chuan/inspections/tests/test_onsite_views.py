"""Screens of on-site inspections: the permission matrix of each, query budgets of the
lists and the team's page, HTMX per-item saving, readable refusals on the decision form, and
the minutes read back from their DOCX."""

import datetime as dt
import io

import docx
import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections.choices import InspectionState, ItemResult
from chuan.inspections.models import InspectionDecision
from chuan.inspections.qualification import Reason
from chuan.inspections.services import onsite_results as results
from chuan.inspections.tests.onsite_support import (
    VISIT_DAY,
    all_met,
    decide,
    inspection,
    inspector,
    team,
)
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def _other_dost(world):
    return member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)


def _decided(world):
    target = inspection(world)
    user, _head, entries = team(world)
    decision = decide(world, [target], entries)
    target.refresh_from_db()
    return target, user, decision


def test_registry_and_decision_screens_matrix(client, world):
    _target, head_user, decision = _decided(world)
    for url in ("/inspections/inspectors/", "/inspections/decisions/"):
        assert_permission_matrix(client, url, allowed=head_user, member_without_right=world.leader)
    for url in ("/inspections/inspectors/new/", "/inspections/decisions/new/"):
        assert_permission_matrix(
            client, url, allowed=world.coordinator, member_without_right=head_user
        )
    assert_permission_matrix(
        client,
        f"/inspections/decisions/{decision.pk}/",
        allowed=head_user,
        member_without_right=world.leader,
        outsider=_other_dost(world),
    )
    someone = head_user.inspector_entries.get()
    assert_permission_matrix(
        client,
        f"/inspections/inspectors/{someone.pk}/",
        allowed=world.coordinator,
        member_without_right=head_user,
    )


def test_team_screens_matrix(client, world):
    target, head_user, _decision = _decided(world)
    base = f"/inspections/onsite/{target.pk}/"
    for url in (base, f"{base}minutes.docx", "/inspections/onsite/"):
        assert_permission_matrix(client, url, allowed=world.viewer)
    assert_permission_matrix(client, base, allowed=world.viewer, outsider=world.outsider)
    for url in (f"{base}minutes/", f"{base}sign/"):
        assert_permission_matrix(
            client,
            url,
            allowed=head_user,
            member_without_right=world.leader,
            outsider=world.outsider,
            allowed_status=200 if url.endswith("minutes/") else 302,
        )
    assert_permission_matrix(
        client,
        f"{base}items/1a/",
        method="post",
        data={"result": "met"},
        allowed=head_user,
        member_without_right=world.leader,
        outsider=world.outsider,
        allowed_status=302,
    )
    # An inspector of the province not on this team reads but does not write.
    stranger = member(UserFactory(roles=[Role.INSPECTOR]), world.dost_2025)
    inspector(world, "Ngoài đoàn", user=stranger)
    client.force_login(stranger)
    assert client.get(base).status_code == 200
    assert client.post(f"{base}items/1b/", {"result": "met"}).status_code == 403
    assert list(target.items.values_list("code", flat=True)) == ["1a"]


def test_htmx_saves_one_item_and_returns_its_card(client, world):
    target, head_user, _decision = _decided(world)
    client.force_login(head_user)
    response = client.post(
        f"/inspections/onsite/{target.pk}/items/2d/",
        {"result": "not_met", "evidence_seen": "Quyết định công bố", "finding": "Chưa cập nhật"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="item-2d"' in html and 'data-testid="item-saved"' in html
    assert "<html" not in html
    answer = target.items.get(code="2d")
    assert (answer.result, answer.site.evidence_seen) == (ItemResult.NOT_MET, "Quyết định công bố")
    refused = client.post(
        f"/inspections/onsite/{target.pk}/items/2e/",
        {"result": "not_met", "finding": ""},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-testid="item-error"' in refused.content.decode()
    assert not target.items.filter(code="2e").exists()
    assert client.post(f"/inspections/onsite/{target.pk}/items/zz/", {}).status_code == 404


def test_the_decision_form_shows_refusals_in_words(client, world):
    target = inspection(world)
    _user, head, _entries = team(world)
    weak = inspector(world, "Đỗ Văn Tâm", has_degree=False)
    client.force_login(world.coordinator)
    page = client.get("/inspections/decisions/new/")
    assert "Đỗ Văn Tâm" in page.content.decode()
    data = {
        "number": "125/QĐ-TĐC",
        "issued_on": "01/06/2026",
        "issuer": "Chi cục TĐC Gia Lai",
        f"role_{head.pk}": "head",
        f"role_{weak.pk}": "member",
        f"visit_{target.pk}": "1",
        f"day_{target.pk}": "15/06/2026",
        f"time_{target.pk}": "08:00",
    }
    response = client.post("/inspections/decisions/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đỗ Văn Tâm" in html and str(Reason.DEGREE.label) in html
    assert not InspectionDecision.objects.exists()
    data.pop(f"role_{weak.pk}")
    response = client.post("/inspections/decisions/new/", data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.state == InspectionState.DECIDED
    bad_day = client.post(
        "/inspections/decisions/new/", {**data, "number": "2", f"day_{target.pk}": "31/02/2026"}
    )
    assert bad_day.status_code == 200


def test_query_budgets(client, world, django_assert_max_num_queries):
    agencies = [world.chu_se_pc, world.ward_pc, world.binh_dinh_dept]
    targets = [inspection(world, agency) for agency in agencies]
    head_user, _head, entries = team(world)
    decide(world, targets, entries)
    for n in range(6):
        inspector(world, f"Thanh tra {n}")
    all_met(targets[0], head_user, not_met=("1b",))
    results.request_draft(inspection=targets[0], code="1b", text="Phổ biến lại", actor=head_user)
    client.force_login(head_user)
    for url, budget in (
        ("/inspections/inspectors/", 12),
        ("/inspections/decisions/", 15),
        ("/inspections/onsite/", 12),
        (f"/inspections/onsite/{targets[0].pk}/", 16),
        (f"/inspections/onsite/{targets[0].pk}/minutes.docx", 16),
    ):
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(16):
        assert client.get("/inspections/decisions/new/").status_code == 200


def _docx_text(content):
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_minutes_docx_reads_back(client, world):
    target, head_user, decision = _decided(world)
    all_met(target, head_user, not_met=("1b", "2d", "1g"))
    for code in ("1b", "2d", "1g"):
        results.request_draft(
            inspection=target, code=code, text=f"Yêu cầu khắc phục {code}", actor=head_user
        )
    client.force_login(head_user)
    response = client.post(
        f"/inspections/onsite/{target.pk}/minutes/",
        {
            "day": "15/06/2026",
            "time": "08:30",
            "place": "Hội trường UBND huyện Chư Sê",
            "representatives": "Rơ Mah Tuấn, Chủ tịch UBND\nKsor H'Bia, Thư ký ISO",
            "findings": "Hồ sơ lưu chưa theo thứ tự thời gian",
            "conclusion": "corrections_needed",
            "conclusion_text": "Có áp dụng nhưng cần khắc phục ba nội dung",
            "agency_opinion": "Thống nhất với kết quả kiểm tra",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/inspections/onsite/{target.pk}/sign/",
        {"team_head_signed_on": "15/06/2026", "agency_signed_on": "16/06/2026"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.state == InspectionState.CONCLUDED
    assert target.concluded_on == dt.date(2026, 6, 16)
    content = client.get(f"/inspections/onsite/{target.pk}/minutes.docx").content
    text = _docx_text(content)
    for expected in (
        "BIÊN BẢN KIỂM TRA",
        f"Quyết định kiểm tra số {decision.number} ngày 01/06/2026",
        "08 giờ 30, ngày 15/06/2026",
        "Hội trường UBND huyện Chư Sê",
        "Nguyễn Văn Hùng | Trưởng đoàn",
        "Trần Thị Lan | Phó trưởng đoàn | Sở Khoa học và Công nghệ",
        "Rơ Mah Tuấn | Chủ tịch UBND",
        "1.b |",
        "Không đạt",
        "Đạt 10/13 nội dung; không đạt 3; không áp dụng 0.",
        "Hồ sơ lưu chưa theo thứ tự thời gian",
        "Có áp dụng nhưng cần khắc phục ba nội dung",
        "1. Yêu cầu khắc phục 1b (nội dung 1.b)",
        "02 tháng kể từ ngày ký biên bản",
        "Thống nhất với kết quả kiểm tra",
        "16/06/2026",
    ):
        assert expected in text, expected
    row_1b = next(line for line in text.splitlines() if line.startswith("1.b |"))
    assert "Không đạt" in row_1b and "Chưa cập nhật" in row_1b
    # Signed: the page no longer offers editing.
    page = client.get(f"/inspections/onsite/{target.pk}/").content.decode()
    assert 'data-testid="item-save"' not in page
    assert VISIT_DAY.strftime("%d/%m/%Y") in page


def test_the_registry_form_adds_and_corrects_an_inspector(client, world):
    from chuan.core.models import ActivityEntry
    from chuan.inspections.models import Inspector

    client.force_login(world.coordinator)
    data = {
        "full_name": "Hồ Thị Mai",
        "unit": "Chi cục TĐC Gia Lai",
        "has_degree": "on",
        "state_management_number": "QLNN-9",
        "state_management_date": "05/03/2015",
        "auditor_number": "ĐGV-9",
        "auditor_date": "10/10/2016",
        "experience_since": "01/01/2014",
        "is_active": "on",
    }
    assert client.post("/inspections/inspectors/new/", data).status_code == 302
    mai = Inspector.objects.get(full_name="Hồ Thị Mai")
    assert mai.province == world.gia_lai_2025
    assert mai.state_management_date == dt.date(2015, 3, 5)
    future = client.post(
        f"/inspections/inspectors/{mai.pk}/", {**data, "auditor_date": "01/01/2099"}
    )
    assert future.status_code == 200
    mai.refresh_from_db()
    assert mai.auditor_date == dt.date(2016, 10, 10)
    response = client.post(f"/inspections/inspectors/{mai.pk}/", {**data, "unit": "Sở KH&CN"})
    assert response.status_code == 302
    mai.refresh_from_db()
    assert mai.unit == "Sở KH&CN"
    assert ActivityEntry.objects.filter(verb="inspector.updated").count() == 1
    listing = client.get("/inspections/inspectors/?q=Mai").content.decode()
    assert "Hồ Thị Mai" in listing
