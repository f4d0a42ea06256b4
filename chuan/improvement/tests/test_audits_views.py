"""The internal audit's screens: permission matrix, query budgets, forms that refuse bad
input without a 500, the report read back from its DOCX."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import docx
import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.choices import AuditState, ChecklistResult, ProgrammeState
from chuan.improvement.models import AuditorQualification, AuditProgramme, Nonconformity
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.services.audits_checklist import FindingData, ReportData
from chuan.improvement.tests.test_audits_services import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    return Office(world)


def _reported(office):
    audit = office.audit()
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    checklist.audit_transition(audit=audit, action="start", actor=office.secretary)
    lines = list(audit.checklist.order_by("order"))
    results = [
        (lines[0], ChecklistResult.MINOR_NC, office.an),
        (lines[1], ChecklistResult.OBSERVATION, office.an),
        (lines[-1], ChecklistResult.MAJOR_NC, office.an),
        (lines[-2], ChecklistResult.CONFORMING, office.an),
    ]
    for line, result, auditor in results:
        checklist.checklist_line_record(
            line=line,
            data=FindingData(evidence=f"Bằng chứng {line.order}", result=result, auditor=auditor),
            actor=office.secretary,
        )
    return checklist.audit_transition(
        audit=audit,
        action="issue_report",
        actor=office.secretary,
        report=ReportData("Đã đánh giá 2 bộ phận", "HTQLCL phù hợp và có hiệu lực", "Đào tạo lại"),
    )


def test_read_screens_matrix(client, office):
    audit = _reported(office)
    world = office.world
    for url in (
        audit.programme.get_absolute_url(),
        audit.get_absolute_url(),
        reverse("improvement:audit_report_docx", args=[audit.pk]),
    ):
        assert_permission_matrix(client, url, allowed=world.viewer, outsider=world.outsider)
    for url in (
        reverse("improvement:audit_programme_list"),
        reverse("improvement:audit_qualifications"),
    ):
        response = assert_permission_matrix(client, url, allowed=world.viewer)
        assert b"programme-form" not in response.content
        assert b"qualification-form" not in response.content


def test_manage_screens_matrix(client, office):
    audit = office.audit()
    world = office.world
    for url in (
        reverse("improvement:audit_create", args=[audit.programme_id]),
        reverse("improvement:audit_edit", args=[audit.pk]),
    ):
        assert_permission_matrix(
            client,
            url,
            allowed=world.secretary,
            member_without_right=world.viewer,
            outsider=world.outsider,
        )
    assert_permission_matrix(
        client,
        reverse("improvement:audit_action", args=[audit.pk, "start"]),
        method="post",
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    audit.refresh_from_db()
    assert audit.state == AuditState.IN_PROGRESS


def test_the_list_and_detail_pages_stay_within_their_query_budget(
    client, office, django_assert_max_num_queries
):
    audit = _reported(office)
    for year in (2023, 2024, 2025):
        office.programme(year)
    client.force_login(office.secretary)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("improvement:audit_programme_list"))
    assert response.content.count(b'data-testid="programme-row"') == 4
    with django_assert_max_num_queries(30):
        response = client.get(audit.programme.get_absolute_url())
    assert b'data-cell="done"' in response.content and b'data-cell="gap"' in response.content
    with django_assert_max_num_queries(35):
        response = client.get(audit.get_absolute_url())
    assert response.content.count(b'data-testid="checklist-line"') == audit.checklist.count()
    with django_assert_max_num_queries(25):
        client.get(reverse("improvement:audit_qualifications"))


def test_the_programme_is_drawn_up_and_approved_from_the_screens(client, office):
    client.force_login(office.secretary)
    url = reverse("improvement:audit_programme_list")
    response = client.post(url, {"year": "٢٠٢٦", "purpose": "x", "criteria": "y"})
    assert response.status_code == 200 and not AuditProgramme.objects.exists()
    response = client.post(url, {"year": "2026", "purpose": "Mục đích", "criteria": "TCVN"})
    programme = AuditProgramme.objects.get()
    assert response.status_code == 302
    approve = reverse("improvement:audit_programme_approve", args=[programme.pk])
    assert client.post(approve).status_code == 403
    client.force_login(office.leader)
    assert client.post(approve).status_code == 302
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.APPROVED


def test_the_audit_form_names_who_lacks_a_qualification(client, office):
    programme = office.programme()
    client.force_login(office.secretary)
    response = client.post(
        reverse("improvement:audit_create", args=[programme.pk]),
        {
            "title": "Đợt 1",
            "lead": office.chi.pk,
            "clauses": ["8.5", "99"],
            "opening_at": "12/05/2026 08:00",
        },
    )
    assert response.status_code == 200 and not programme.audits.exists()
    assert "99" in response.content.decode()
    response = client.post(
        reverse("improvement:audit_create", args=[programme.pk]),
        {"title": "Đợt 1", "lead": office.chi.pk, "clauses": ["8.5"], "opening_at": "x"},
    )
    assert response.status_code == 200
    response = client.post(
        reverse("improvement:audit_create", args=[programme.pk]),
        {"title": "Đợt 1", "lead": office.chi.pk, "clauses": ["8.5"]},
    )
    assert "Phạm Văn Chí" in response.content.decode() and not programme.audits.exists()
    response = client.post(
        reverse("improvement:audit_create", args=[programme.pk]),
        {
            "title": "Đợt 1",
            "lead": office.lead.pk,
            "auditors": [office.an.pk],
            "departments": [office.justice.pk],
            "clauses": ["8.5"],
            "opening_at": "12/05/2026 08:00",
        },
    )
    audit = programme.audits.get()
    assert response.status_code == 302 and audit.opening_at.day == 12


def test_the_schedule_refuses_an_auditor_in_their_own_department(client, office):
    audit = office.audit()
    client.force_login(office.secretary)
    data = {
        "day": "12/05/2026",
        "starts_at": "08:00",
        "ends_at": "10:00",
        "department": office.justice.pk,
        "auditor": office.binh.pk,
    }
    response = client.post(reverse("improvement:audit_schedule_add", args=[audit.pk]), data)
    assert response.status_code == 200 and "Phòng Tư pháp" in response.content.decode()
    assert not audit.schedule.exists()
    data["auditor"] = office.an.pk
    response = client.post(reverse("improvement:audit_schedule_add", args=[audit.pk]), data)
    assert response.status_code == 302 and audit.schedule.count() == 1


def test_a_line_is_recorded_from_its_screen(client, office):
    audit = office.audit()
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    line = audit.checklist.first()
    url = reverse("improvement:audit_line", args=[audit.pk, line.pk])
    client.force_login(office.an)
    response = client.post(url, {"result": "conforming", "evidence": "x", "auditor": office.an.pk})
    assert response.status_code == 302  # not in progress: refused as a message
    line.refresh_from_db()
    assert line.result == ""
    checklist.audit_transition(audit=audit, action="start", actor=office.secretary)
    response = client.post(
        url, {"result": "minor_nc", "evidence": "Thiếu phiếu", "auditor": office.an.pk}
    )
    line.refresh_from_db()
    assert response.status_code == 302 and line.result == "minor_nc"
    client.force_login(office.chi)
    assert client.get(url).status_code == 403


def test_the_report_docx_reads_back_with_its_counts(client, office):
    audit = _reported(office)
    assert Nonconformity.objects.filter(agency=office.agency).count() == 2
    client.force_login(office.viewer if hasattr(office, "viewer") else office.world.viewer)
    response = client.get(reverse("improvement:audit_report_docx", args=[audit.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO ĐÁNH GIÁ NỘI BỘ" in text
    assert "HTQLCL phù hợp và có hiệu lực" in text and "Đào tạo lại" in text
    header = document.tables[0]
    assert "ỦY BAN NHÂN DÂN HUYỆN CHƯ SÊ" in header.cell(0, 0).text
    counts = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in counts.rows]
    assert rows[0][0] == "Phòng ban" and rows[0][-1] == "Tổng cộng"
    by_department = {row[0]: row[1:] for row in rows[1:]}
    # Lines are by department in name order: Bộ phận một cửa first, Phòng Tư pháp last.
    assert by_department["Bộ phận một cửa"] == ["0", "1", "1", "0", "2"]
    assert by_department["Phòng Tư pháp"] == ["1", "0", "0", "0", "1"]
    assert by_department["Tổng cộng"] == ["1", "1", "1", "0", "3"]
    findings = document.tables[2]
    codes = {row.cells[-1].text for row in findings.rows[1:]}
    assert codes == {nc.code for nc in Nonconformity.objects.all()} | {""}
    signatures = document.tables[-1]
    assert "TRƯỞNG ĐOÀN ĐÁNH GIÁ" in signatures.rows[0].cells[1].text
    assert str(office.lead) in signatures.rows[0].cells[1].text


def test_the_report_docx_waits_for_the_report(client, office):
    audit = office.audit()
    client.force_login(office.secretary)
    assert client.get(reverse("improvement:audit_report_docx", args=[audit.pk])).status_code == 404


def test_a_qualification_is_recorded_from_the_registry(client, office):
    client.force_login(office.secretary)
    url = reverse("improvement:audit_qualifications")
    data = {
        "user": office.chi.pk,
        "certificate_number": "ĐGNB-9",
        "issuer": "Công ty tư vấn",
        "issued_on": "31/02/2025",
    }
    assert client.post(url, data).status_code == 200
    data["issued_on"] = "01/03/2025"
    assert client.post(url, data).status_code == 302
    assert AuditorQualification.objects.filter(user=office.chi).exists()
    client.force_login(office.world.viewer)
    assert client.post(url, data).status_code == 403


def test_the_card_on_the_cycle_page(client, office):
    _reported(office)
    client.force_login(office.secretary)
    response = client.get(reverse("improvement:home"))
    body = response.content.decode()
    assert 'data-testid="audits-card"' in body
    assert timezone.localdate().strftime("%d/%m/%Y") in body


def test_write_screens_matrix(client, office):
    audit = office.audit()
    world = office.world
    slot = {
        "day": "12/05/2026",
        "starts_at": "08:00",
        "ends_at": "10:00",
        "department": office.justice.pk,
        "auditor": office.an.pk,
    }
    assert_permission_matrix(
        client,
        reverse("improvement:audit_schedule_add", args=[audit.pk]),
        method="post",
        data=slot,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    line = audit.schedule.get()
    assert_permission_matrix(
        client,
        reverse("improvement:audit_schedule_remove", args=[audit.pk, line.pk]),
        method="post",
        data={},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    assert not audit.schedule.exists()
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    first = audit.checklist.first()
    assert_permission_matrix(
        client,
        reverse("improvement:audit_line", args=[audit.pk, first.pk]),
        allowed=office.an,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    assert_permission_matrix(
        client,
        reverse("improvement:audit_programme_approve", args=[audit.programme_id]),
        method="post",
        data={},
        allowed=world.leader,
        member_without_right=world.secretary,
        outsider=world.outsider,
        allowed_status=302,
    )


def test_an_attachment_is_downloaded_not_shown(client, office):
    audit = office.audit()
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    checklist.audit_transition(audit=audit, action="start", actor=office.secretary)
    line = audit.checklist.first()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    client.force_login(office.secretary)
    response = client.post(
        reverse("improvement:audit_line", args=[audit.pk, line.pk]),
        {
            "result": "conforming",
            "evidence": "Ảnh chụp",
            "auditor": office.an.pk,
            "attachment": SimpleUploadedFile("so.png", png),
        },
    )
    assert response.status_code == 302
    url = reverse("improvement:audit_line_file", args=[audit.pk, line.pk])
    response = assert_permission_matrix(
        client, url, allowed=office.world.viewer, outsider=office.world.outsider
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "image/png"
    client.force_login(office.secretary)
    bad = client.post(
        reverse("improvement:audit_line", args=[audit.pk, line.pk]),
        {
            "result": "conforming",
            "evidence": "x",
            "auditor": office.an.pk,
            "attachment": SimpleUploadedFile("x.pdf", b"MZ\x90\x00not a pdf"),
        },
    )
    assert bad.status_code == 200 and "attachment" in bad.context["form"].errors
