"""The internal audit's services: the programme and its approval, the team's qualification
and independence, the checklist from the template, findings that open nonconformities when
the report is issued (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.core.testing import bad_files
from chuan.improvement.choices import (
    AuditState,
    ChecklistResult,
    NcSource,
    ProgrammeState,
    Severity,
)
from chuan.improvement.models import AuditorQualification, ChecklistLine, ChecklistTemplate
from chuan.improvement.services import audits as services
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.services.audits import AuditData, ScheduleData
from chuan.improvement.services.audits_checklist import FindingData, ReportData
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
ISSUED = datetime.date(2025, 3, 1)


class Office:
    """Chư Sê's People's Committee with three departments and four would-be auditors: two
    qualified (one in the office, one in justice), one not, one qualified lead without a
    department."""

    def __init__(self, world):
        agency = world.chu_se_pc
        self.world = world
        self.agency = agency
        self.office = Department.objects.create(agency=agency, name="Văn phòng HĐND và UBND")
        self.justice = Department.objects.create(agency=agency, name="Phòng Tư pháp")
        self.desk = Department.objects.create(agency=agency, name="Bộ phận một cửa")
        self.secretary, self.leader = world.secretary, world.leader
        self.an = member(
            UserFactory(full_name="Trần Văn An", roles=[Role.PROCESSING_OFFICIAL]),
            agency,
            self.office,
        )
        self.binh = member(
            UserFactory(full_name="Lê Thị Bình", roles=[Role.PROCESSING_OFFICIAL]),
            agency,
            self.justice,
        )
        self.chi = member(
            UserFactory(full_name="Phạm Văn Chí", roles=[Role.PROCESSING_OFFICIAL]),
            agency,
            self.desk,
        )
        self.lead = member(UserFactory(full_name="Đinh Thị Hoa", roles=[Role.VIEWER]), agency)
        for n, user in enumerate((self.an, self.binh, self.lead), start=1):
            services.qualification_record(
                agency=agency,
                user=user,
                certificate_number=f"ĐGNB-{n:03d}",
                issuer="Chi cục TĐC Gia Lai",
                issued_on=ISSUED,
                actor=self.secretary,
            )

    def programme(self, year=2026):
        return services.programme_create(
            agency=self.agency,
            year=year,
            purpose="Đánh giá sự phù hợp và hiệu lực của HTQLCL",
            criteria="TCVN ISO 9001:2015; tài liệu HTQLCL; quy định pháp luật",
            actor=self.secretary,
        )

    def data(self, **overrides):
        values = {
            "title": "Đánh giá nội bộ đợt 1",
            "lead": self.lead,
            "auditors": [self.an, self.binh],
            "departments": [self.justice, self.desk],
            "clauses": ["8.5", "7.5", "9"],
        }
        values.update(overrides)
        return AuditData(**values)

    def audit(self, programme=None, **overrides):
        return services.audit_create(
            programme=programme or self.programme(),
            data=self.data(**overrides),
            actor=self.secretary,
        )


@pytest.fixture
def office(world):
    return Office(world)


def test_the_programme_is_drafted_then_approved_by_a_leader_and_changes_are_recorded(office):
    programme = office.programme()
    assert programme.state == ProgrammeState.DRAFT
    with pytest.raises(ValidationError) as error:
        office.programme()
    assert "year" in error.value.message_dict
    with pytest.raises(ForbiddenError):
        services.programme_approve(programme=programme, actor=office.secretary)
    programme = services.programme_approve(programme=programme, actor=office.leader)
    assert programme.state == ProgrammeState.APPROVED and programme.approved_by == office.leader
    with pytest.raises(ConflictError):
        services.programme_approve(programme=programme, actor=office.leader)
    with pytest.raises(ValidationError) as error:
        services.programme_update(
            programme=programme, purpose="Mới", criteria="TCVN ISO 9001:2015", actor=office.leader
        )
    assert "reason" in error.value.message_dict
    services.programme_update(
        programme=programme,
        purpose="Mới",
        criteria="TCVN ISO 9001:2015",
        reason="Bổ sung mục đích",
        actor=office.leader,
    )
    office.audit(programme)
    programme.refresh_from_db()
    assert programme.changes[0]["what"] == "Bổ sung mục đích"
    assert programme.changes[1]["what"].endswith(": Đánh giá nội bộ đợt 1")
    assert programme.changes[1]["by"] == str(office.secretary)


def test_only_qualified_officials_sit_on_the_team_and_the_refusal_names_them(office):
    programme = office.programme()
    with pytest.raises(ValidationError) as error:
        office.audit(programme, auditors=[office.an, office.chi])
    assert "Phạm Văn Chí" in error.value.message_dict["auditors"][0]
    with pytest.raises(ValidationError) as error:
        office.audit(programme, lead=office.chi, auditors=[office.an])
    assert "Phạm Văn Chí" in error.value.message_dict["lead"][0]
    # An expired certificate no longer qualifies.
    AuditorQualification.objects.filter(user=office.binh).update(
        valid_until=datetime.date(2025, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        office.audit(programme)
    assert "Lê Thị Bình" in error.value.message_dict["auditors"][0]
    with pytest.raises(ValidationError) as error:
        office.audit(programme, auditors=[office.world.outsider])
    assert "auditors" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        office.audit(programme, clauses=["8.5", "11"], title=" ")
    assert set(error.value.message_dict) >= {"clauses", "title"}
    assert not programme.audits.exists()


def test_an_auditor_never_audits_their_own_department(office):
    audit = office.audit()
    slot = {
        "day": datetime.date(2026, 5, 12),
        "starts_at": datetime.time(8),
        "ends_at": datetime.time(10),
    }
    with pytest.raises(ValidationError) as error:
        services.schedule_line_add(
            audit=audit,
            data=ScheduleData(**slot, department=office.justice, auditor=office.binh, clause="8.5"),
            actor=office.secretary,
        )
    message = error.value.message_dict["auditor"][0]
    assert "Lê Thị Bình" in message and "Phòng Tư pháp" in message
    line = services.schedule_line_add(
        audit=audit,
        data=ScheduleData(**slot, department=office.justice, auditor=office.an, clause="8.5"),
        actor=office.secretary,
    )
    assert line.auditor == office.an
    with pytest.raises(ValidationError) as error:
        services.schedule_line_add(
            audit=audit,
            data=ScheduleData(**slot, department=office.desk, auditor=office.chi),
            actor=office.secretary,
        )
    assert "auditor" in error.value.message_dict
    services.schedule_line_remove(line=line, actor=office.secretary)
    assert not audit.schedule.exists()


def _run(office, audit):
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    return checklist.audit_transition(audit=audit, action="start", actor=office.secretary)


def test_the_checklist_comes_from_the_template_for_the_scope(office):
    audit = office.audit()
    count = checklist.checklist_prepare(audit=audit, actor=office.secretary)
    lines = list(audit.checklist.all())
    clauses = {line.clause for line in lines}
    assert clauses == {"7.5", "8.5", "9.1", "9.2", "9.3"}
    assert count == len(lines) and {line.department for line in lines} == {
        office.justice,
        office.desk,
    }
    with pytest.raises(ConflictError):
        checklist.checklist_prepare(audit=audit, actor=office.secretary)


def test_findings_open_nonconformities_when_the_report_is_issued(office):
    audit = _run(office, office.audit())
    lines = list(audit.checklist.filter(clause="8.5"))
    justice = next(line for line in lines if line.department == office.justice)
    desk = next(line for line in lines if line.department == office.desk)
    with pytest.raises(ValidationError) as error:
        checklist.checklist_line_record(
            line=justice,
            data=FindingData(
                evidence="Sổ theo dõi", result=ChecklistResult.MINOR_NC, auditor=office.binh
            ),
            actor=office.secretary,
        )
    assert "Phòng Tư pháp" in error.value.message_dict["auditor"][0]
    checklist.checklist_line_record(
        line=justice,
        data=FindingData(
            evidence="3 hồ sơ không có phiếu kiểm soát",
            result=ChecklistResult.MINOR_NC,
            note="Không lập phiếu kiểm soát quá trình giải quyết hồ sơ",
            auditor=office.an,
        ),
        actor=office.secretary,
    )
    checklist.checklist_line_record(
        line=desk,
        data=FindingData(evidence="Hồ sơ trễ hạn", result=ChecklistResult.MAJOR_NC),
        actor=office.binh,
    )
    with pytest.raises(ValidationError) as error:
        checklist.audit_transition(
            audit=audit, action="issue_report", actor=office.secretary, report=ReportData("", "")
        )
    assert set(error.value.message_dict) == {"summary", "conclusion"}
    audit = checklist.audit_transition(
        audit=audit,
        action="issue_report",
        actor=office.secretary,
        report=ReportData("Tóm tắt", "HTQLCL phù hợp, có hiệu lực", "Cập nhật quy trình"),
    )
    assert audit.state == AuditState.REPORTED and audit.closing_at is not None
    justice.refresh_from_db()
    desk.refresh_from_db()
    nc = justice.nonconformity
    assert nc.source == NcSource.INTERNAL_AUDIT and nc.severity == Severity.MINOR
    assert nc.department == office.justice and nc.clause == "8.5" and nc.found_by == office.an
    assert (
        desk.nonconformity.severity == Severity.MAJOR and desk.nonconformity.found_by == office.binh
    )
    with pytest.raises(ConflictError):
        checklist.checklist_line_record(
            line=justice,
            data=FindingData(evidence="x", result=ChecklistResult.CONFORMING),
            actor=office.secretary,
        )
    checklist.audit_transition(audit=audit, action="close", actor=office.secretary)
    assert ChecklistLine.objects.filter(nonconformity__isnull=False).count() == 2


def test_a_member_outside_the_team_records_nothing(office):
    audit = _run(office, office.audit())
    line = audit.checklist.first()
    with pytest.raises(PermissionDenied):
        checklist.checklist_line_record(
            line=line,
            data=FindingData(evidence="x", result=ChecklistResult.CONFORMING),
            actor=office.chi,
        )


@pytest.mark.parametrize(
    ("name", "build"),
    [("bomb.docx", bad_files.docx_bomb), ("macro.docx", bad_files.docx_with_macros)],
)
def test_a_hostile_attachment_is_refused_and_nothing_changes(office, name, build):
    audit = _run(office, office.audit())
    line = audit.checklist.first()
    before = ActivityEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        checklist.checklist_line_record(
            line=line,
            data=FindingData(evidence="x", result=ChecklistResult.CONFORMING),
            actor=office.secretary,
            attachment=SimpleUploadedFile(name, build()),
        )
    assert "attachment" in error.value.message_dict
    line.refresh_from_db()
    assert line.result == "" and ActivityEntry.objects.count() == before


def test_a_png_attachment_is_kept_under_a_safe_name(office):
    audit = _run(office, office.audit())
    line = audit.checklist.first()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    line = checklist.checklist_line_record(
        line=line,
        data=FindingData(evidence="Ảnh chụp sổ", result=ChecklistResult.CONFORMING),
        actor=office.secretary,
        attachment=SimpleUploadedFile("Ảnh sổ.exe.png", png),
    )
    assert (
        line.attachment.name.endswith(".png")
        and "exe" not in line.attachment.name.rsplit("/", 1)[-1].split(".")[-1]
    )


def test_an_agency_copies_the_template_and_edits_its_prompts(office):
    national = ChecklistTemplate.objects.get(agency__isnull=True)
    copy = checklist.template_copy(agency=office.agency, template=national, actor=office.secretary)
    assert copy.version == national.version + 1 and copy.lines.count() == national.lines.count()
    line = copy.lines.get(order=1)
    checklist.template_line_edit(line=line, question="Câu hỏi của xã", actor=office.secretary)
    with pytest.raises(PermissionDenied):
        checklist.template_line_edit(
            line=national.lines.get(order=1), question="x", actor=office.secretary
        )
    assert checklist.template_for(office.agency.pk) == copy
    again = checklist.template_copy(agency=office.agency, template=copy, actor=office.secretary)
    assert again.version == copy.version + 1
    audit = office.audit(clauses=["4.1"])
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    assert audit.checklist.filter(question="Câu hỏi của xã").count() == 2


def test_qualification_refusals(office):
    with pytest.raises(ValidationError) as error:
        services.qualification_record(
            agency=office.agency,
            user=office.world.outsider,
            certificate_number=" ",
            issuer="",
            issued_on=datetime.date(2099, 1, 1),
            actor=office.secretary,
        )
    assert set(error.value.message_dict) == {"certificate_number", "issuer", "user", "issued_on"}
    with pytest.raises(PermissionDenied):
        services.qualification_record(
            agency=office.agency,
            user=office.chi,
            certificate_number="1",
            issuer="x",
            issued_on=ISSUED,
            actor=office.world.viewer,
        )
