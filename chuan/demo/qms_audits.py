"""Internal audits of the demo (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b): the ward
of Pleiku's 2026 programme, approved by its chairman, with two audits held (the first found
two minor nonconformities and an observation, raised as nonconformities when its report was
issued), its qualified internal auditors; and one audit of the Department of Finance of Gia
Lai (since 2025) in its 2025 programme. Idempotent: an agency with a programme is skipped.
"""

import datetime
from typing import Any

from django.utils import timezone

from chuan.accounts.models import User
from chuan.accounts.roles import Role
from chuan.accounts.services import user_create
from chuan.demo import gialai
from chuan.demo.gialai import DEMO_PASSWORD
from chuan.improvement.choices import ChecklistResult as R
from chuan.improvement.models import Audit, AuditorQualification, AuditProgramme, ChecklistLine
from chuan.improvement.services import audits as services
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.services.audits import AuditData, ScheduleData
from chuan.improvement.services.audits_checklist import FindingData, ReportData
from chuan.organisations.models import Agency, Department, Membership
from chuan.organisations.services import department_create, membership_create

PURPOSE = (
    "Xác định mức độ phù hợp của HTQLCL với TCVN ISO 9001:2015 và các quy định của pháp luật; "
    "đánh giá hiệu lực của hệ thống và tìm cơ hội cải tiến."
)
CRITERIA = "TCVN ISO 9001:2015; tài liệu HTQLCL của cơ quan; văn bản pháp luật liên quan."
TDC = "Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai"
FINANCE_DEPARTMENTS = ("Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Quản lý giá và công sản")
FINANCE_STAFF = (
    ("sotaichinh.dgnb1", "Hồ Thị Thu Trang", "Văn phòng Sở", "Chuyên viên Văn phòng Sở"),
    ("sotaichinh.dgnb2", "Phan Văn Lộc", "Phòng Quản lý ngân sách", "Chuyên viên"),
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _qualify(agency: Agency, people: list[Any], actor: Any, prefix: str) -> None:
    for n, user in enumerate(people, start=1):
        if AuditorQualification.objects.filter(user=user).exists():
            continue
        services.qualification_record(
            agency=agency,
            user=user,
            certificate_number=f"{prefix}-{n:03d}",
            issuer=TDC,
            issued_on=datetime.date(2025, 9, 26),
            actor=actor,
        )


def _department(agency: Agency, name: str) -> Department:
    existing = Department.objects.filter(agency=agency, name=name).first()
    return existing or department_create(agency=agency, name=name, actor=None)


def _hold(
    audit: Audit,
    findings: list[tuple[str, str, str, str, str]],
    report: ReportData,
    actor: Any,
    closing: datetime.datetime,
) -> None:
    """Run the audit: checklist, opening, findings on the lines of the named clause and
    department (result, evidence, note), the rest conforming, the report."""
    checklist.checklist_prepare(audit=audit, actor=actor)
    checklist.audit_transition(audit=audit, action="start", actor=actor)
    schedule = {line.department_id: line.auditor for line in audit.schedule.all()}
    lines = list(audit.checklist.select_related("department").order_by("order"))
    by_place = {
        (clause, name): (result, evidence, note)
        for clause, name, result, evidence, note in findings
    }
    for line in lines:
        place = (line.clause, line.department.name if line.department else "")
        # The first question of the clause in that department carries the finding.
        result, evidence, note = by_place.pop(place, (R.CONFORMING, "", ""))
        checklist.checklist_line_record(
            line=line,
            data=FindingData(
                evidence=evidence or "Đã xem hồ sơ, sổ theo dõi và phỏng vấn công chức.",
                result=result,
                note=note,
                auditor=schedule.get(line.department_id or 0),
            ),
            actor=actor,
        )
    checklist.audit_transition(audit=audit, action="issue_report", actor=actor, report=report)
    Audit.objects.filter(pk=audit.pk).update(report_issued_on=closing.date())
    ChecklistLine.objects.filter(audit=audit).update(recorded_on=closing.date())


def _plan(
    audit: Audit, day: datetime.date, lines: list[tuple[Department, Any, str]], actor: Any
) -> None:
    for n, (department, auditor, clause) in enumerate(lines):
        services.schedule_line_add(
            audit=audit,
            data=ScheduleData(
                day=day,
                starts_at=datetime.time(8 + 2 * n),
                ends_at=datetime.time(10 + 2 * n),
                department=department,
                auditor=auditor,
                clause=clause,
            ),
            actor=actor,
        )


def _ward(stdout: Any) -> int:
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=("leader", "secretary", "doccontrol", "desk", "official", "viewer")
        )
    }
    if len(people) < 6:
        return 0
    membership = (
        Membership.objects.filter(user=people["secretary"]).select_related("agency").first()
    )
    if membership is None:
        return 0
    ward = membership.agency
    if AuditProgramme.objects.filter(agency=ward).exists():
        return 0
    secretary = people["secretary"]
    office = _department(ward, gialai.WARD_OFFICE)
    economy = _department(ward, gialai.WARD_ECONOMY)
    society = _department(ward, gialai.WARD_SOCIETY)
    desk = _department(ward, gialai.WARD_DESK)
    _qualify(
        ward,
        [secretary, people["official"], people["doccontrol"], people["desk"]],
        secretary,
        "ĐGNB-PK",
    )
    programme = services.programme_create(
        agency=ward, year=2026, purpose=PURPOSE, criteria=CRITERIA, actor=secretary
    )
    first_day = datetime.date(2026, 5, 12)
    first = services.audit_create(
        programme=programme,
        data=AuditData(
            title="Đánh giá nội bộ đợt 1 năm 2026: Bộ phận một cửa và Phòng Văn hóa - Xã hội",
            lead=secretary,
            auditors=[people["official"]],
            departments=[desk, society],
            clauses=["7.5", "8.2", "8.5", "8.7", "9.1"],
            criteria=CRITERIA,
            opening_at=_at(first_day, 8),
            closing_at=_at(first_day + datetime.timedelta(days=1), 16),
        ),
        actor=secretary,
    )
    services.programme_approve(
        programme=programme, actor=people["leader"], on=datetime.date(2026, 2, 10)
    )
    _plan(
        first,
        first_day,
        [(desk, people["official"], "8.5"), (society, secretary, "7.5")],
        secretary,
    )
    _hold(
        first,
        [
            (
                "8.5",
                desk.name,
                R.MINOR_NC,
                "3/20 hồ sơ đất đai tháng 4/2026 không có Phiếu kiểm soát quá trình giải quyết.",
                "Không lập Phiếu kiểm soát quá trình giải quyết hồ sơ cho một số hồ sơ.",
            ),
            (
                "8.7",
                desk.name,
                R.MINOR_NC,
                "2 hồ sơ trễ hạn tháng 3/2026 chưa có văn bản xin lỗi người dân.",
                "Hồ sơ trễ hạn không có phiếu xin lỗi và hẹn lại ngày trả kết quả.",
            ),
            (
                "7.5",
                society.name,
                R.OBSERVATION,
                "Sổ theo dõi văn bản đến năm 2026 ghi bằng tay, chưa cập nhật vào phần mềm.",
                "Nên cập nhật sổ theo dõi văn bản vào phần mềm quản lý văn bản.",
            ),
        ],
        ReportData(
            summary="Đoàn đã đánh giá Bộ phận một cửa và Phòng Văn hóa - Xã hội theo kế hoạch; "
            "phát hiện 2 sự không phù hợp nhẹ và 1 khuyến nghị.",
            conclusion="HTQLCL của phường cơ bản phù hợp với TCVN ISO 9001:2015 và được duy trì "
            "có hiệu lực; cần khắc phục các điểm không phù hợp tại Bộ phận một cửa.",
            recommendations="Tập huấn lại quy trình tiếp nhận, trả kết quả và xin lỗi người dân "
            "khi hồ sơ trễ hạn.",
        ),
        secretary,
        _at(first_day + datetime.timedelta(days=1), 16),
    )
    second_day = datetime.date(2026, 10, 20)
    second = services.audit_create(
        programme=programme,
        data=AuditData(
            title="Đánh giá nội bộ đợt 2 năm 2026: Văn phòng và Phòng Kinh tế, Hạ tầng và Đô thị",
            lead=people["desk"],
            auditors=[people["desk"]],
            departments=[office, economy],
            clauses=["4", "5", "6.1", "6.2", "9.2", "9.3", "10.2"],
            criteria=CRITERIA,
            opening_at=_at(second_day, 8),
            closing_at=_at(second_day, 16),
        ),
        actor=secretary,
    )
    _plan(
        second,
        second_day,
        [(office, people["desk"], "9.2"), (economy, people["desk"], "6.1")],
        secretary,
    )
    _hold(
        second,
        [],
        ReportData(
            summary="Đoàn đã đánh giá Văn phòng HĐND và UBND và Phòng Kinh tế, Hạ tầng và Đô thị; "
            "không phát hiện sự không phù hợp.",
            conclusion="HTQLCL phù hợp và được duy trì có hiệu lực.",
        ),
        secretary,
        _at(second_day, 16),
    )
    checklist.audit_transition(audit=second, action="close", actor=secretary)
    return 2


def _finance(stdout: Any) -> int:
    agency = (
        Agency.objects.filter(name="Sở Tài chính", code="000.00.44.H21")
        .select_related("unit")
        .first()
    )
    if agency is None or AuditProgramme.objects.filter(agency=agency).exists():
        return 0
    departments = {name: _department(agency, name) for name in FINANCE_DEPARTMENTS}
    people = []
    for username, full_name, department, position in FINANCE_STAFF:
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            email=f"{username}@example.com",
            roles=[Role.ISO_SECRETARY if username.endswith("1") else Role.PROCESSING_OFFICIAL],
            actor=None,
        )
        if not user.memberships.filter(agency=agency).exists():
            membership_create(
                user=user,
                agency=agency,
                department=departments[department],
                position=position,
                actor=None,
            )
        people.append(user)
    secretary, auditor = people
    _qualify(agency, people, None, "ĐGNB-STC")
    programme = services.programme_create(
        agency=agency, year=2025, purpose=PURPOSE, criteria=CRITERIA, actor=None
    )
    services.programme_approve(programme=programme, actor=None, on=datetime.date(2025, 8, 15))
    day = datetime.date(2025, 11, 18)
    prices = departments["Phòng Quản lý giá và công sản"]
    audit = services.audit_create(
        programme=programme,
        data=AuditData(
            title="Đánh giá nội bộ năm 2025 sau sắp xếp tổ chức bộ máy",
            lead=secretary,
            auditors=[auditor],
            departments=[prices],
            clauses=["4.4", "7.5", "8.5"],
            criteria=CRITERIA,
            opening_at=_at(day, 8),
            closing_at=_at(day, 16),
        ),
        actor=None,
    )
    _plan(audit, day, [(prices, auditor, "8.5")], None)
    _hold(
        audit,
        [
            (
                "7.5",
                prices.name,
                R.OPPORTUNITY,
                "Quy trình nội bộ còn ghi tên Sở Tài chính tỉnh Gia Lai trước sắp xếp.",
                "Cập nhật tài liệu HTQLCL theo tổ chức bộ máy mới từ 01/07/2025.",
            )
        ],
        ReportData(
            summary="Đoàn đã đánh giá Phòng Quản lý giá và công sản.",
            conclusion="HTQLCL phù hợp; cần cập nhật tài liệu sau sắp xếp.",
            recommendations="Rà soát toàn bộ tài liệu HTQLCL trong quý I/2026.",
        ),
        None,
        _at(day, 16),
    )
    return 1


def load_audits(*, stdout: Any = None) -> int:
    """Load the demo's internal audits; return how many audits were created."""
    count = _ward(stdout) + _finance(stdout)
    if stdout is not None:
        stdout.write(f"Internal audits: {count} audits held.\n")
    return count
