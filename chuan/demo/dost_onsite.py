"""The demo's on-site inspections (TT 26/2014/TT-BKHCN Arts. 35–37, 40): Gia Lai's inspector
registry, and one decision (Mẫu 20) driving each given inspection through the team's
results, the requests for correction, the minutes (Mẫu 21) and their signing. The caller
(the DOST-year demo) creates the plan and its inspections; both loaders are idempotent."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from chuan.inspections import article36
from chuan.inspections.choices import Conclusion, ItemResult
from chuan.inspections.models import (
    DecisionInspection,
    Inspection,
    InspectionDecision,
    Inspector,
    TeamRole,
)
from chuan.inspections.services import onsite as services
from chuan.inspections.services import onsite_results as results_services
from chuan.organisations.models import AdministrativeUnit

UNIT = "Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai"
# Four qualified inspectors and one whose auditor certificate is still missing, so the
# registry shows a refusal's reason.
PEOPLE: tuple[dict[str, Any], ...] = (
    {
        "full_name": "Nguyễn Văn Hùng",
        "position": "Chi cục trưởng",
        "degree_field": "Kỹ thuật đo lường",
        "state_management_number": "QLNN-CV-2012/118",
        "state_management_date": datetime.date(2012, 11, 20),
        "auditor_number": "ĐGV-ISO-0451",
        "auditor_date": datetime.date(2015, 9, 14),
        "experience_since": datetime.date(2010, 3, 1),
    },
    {
        "full_name": "Trần Thị Lan",
        "position": "Phó Chi cục trưởng",
        "degree_field": "Quản trị kinh doanh",
        "state_management_number": "QLNN-CV-2014/072",
        "state_management_date": datetime.date(2014, 6, 5),
        "auditor_number": "ĐGV-ISO-0517",
        "auditor_date": datetime.date(2016, 4, 8),
        "experience_since": datetime.date(2013, 8, 1),
    },
    {
        "full_name": "Lê Minh Quân",
        "position": "Trưởng phòng Quản lý Tiêu chuẩn Chất lượng",
        "degree_field": "Công nghệ thực phẩm",
        "napa_graduate": True,
        "auditor_number": "ĐGV-ISO-0622",
        "auditor_date": datetime.date(2017, 10, 2),
        "experience_since": datetime.date(2015, 1, 5),
    },
    {
        "full_name": "Rơ Châm Hiếu",
        "position": "Chuyên viên",
        "unit": "Sở Nội vụ tỉnh Gia Lai",
        "degree_field": "Luật",
        "state_management_number": "QLNN-CV-2019/033",
        "state_management_date": datetime.date(2019, 5, 17),
        "auditor_number": "ĐGV-ISO-0788",
        "auditor_date": datetime.date(2020, 7, 10),
        "experience_since": datetime.date(2018, 2, 1),
    },
    {
        "full_name": "Phạm Thị Ngọc",
        "position": "Chuyên viên",
        "degree_field": "Kinh tế",
        "state_management_number": "QLNN-CV-2024/051",
        "state_management_date": datetime.date(2024, 9, 9),
        "experience_since": datetime.date(2024, 3, 1),
    },
)

# An example for the inspection that does not meet everything: three items not met and
# their three requests for correction (the caller passes it in `results`).
NOT_MET_EXAMPLE: dict[str, Any] = {
    "not_met": {
        "1b": "Bộ phận Một cửa chưa được phổ biến quy trình sửa đổi năm 2026.",
        "1dd": "Chưa thực hiện đánh giá nội bộ năm 2026.",
        "2d": "Ba quy trình chưa cập nhật Nghị định 118/2025/NĐ-CP.",
    },
    "requests": [
        ("1b", "Tổ chức phổ biến các quy trình sửa đổi cho công chức Bộ phận Một cửa."),
        ("1dd", "Thực hiện đánh giá nội bộ và xem xét của lãnh đạo trước 31/12."),
        ("2d", "Cập nhật ba quy trình theo Nghị định 118/2025/NĐ-CP và ban hành lại."),
    ],
    "findings": "Hồ sơ lưu chưa sắp xếp theo thứ tự thời gian; một số quy trình chưa được "
    "cập nhật theo văn bản pháp luật mới.",
    "conclusion": Conclusion.CORRECTIONS_NEEDED,
    "conclusion_text": "Cơ quan có áp dụng HTQLCL nhưng phải khắc phục ba nội dung chưa đạt "
    "và báo cáo kết quả trong 02 tháng kể từ ngày ký biên bản.",
}


def load_inspectors(*, province: AdministrativeUnit, users: list[Any]) -> list[Inspector]:
    """Gia Lai's inspector registry; the first people get the given accounts (inspectors of
    the demo who sign in). Idempotent: a person already there is kept as is."""
    registry = []
    for n, person in enumerate(PEOPLE):
        values = {"unit": UNIT, "has_degree": True, **person}
        existing = Inspector.objects.filter(province=province, full_name=values["full_name"])
        inspector = existing.first()
        if inspector is None:
            user = users[n] if n < len(users) else None
            if user is not None and Inspector.objects.filter(province=province, user=user).exists():
                user = None
            inspector = services.inspector_create(
                province=province,
                data=services.InspectorData(user=user, **values),
                actor=None,
            )
        registry.append(inspector)
    return registry


def _visit_at(decision_date: datetime.date, n: int) -> datetime.datetime:
    day = decision_date + datetime.timedelta(days=14 + 2 * n)
    if day.year != decision_date.year:  # keep the visit in the plan year
        day = datetime.date(decision_date.year, 12, 31) - datetime.timedelta(days=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


@transaction.atomic
def load_onsite(
    *,
    inspections: list[Inspection],
    decision_number: str,
    decision_date: datetime.date,
    team: list[Inspector],
    results: dict[int, dict[str, Any]],
    actor: Any,
) -> InspectionDecision | None:
    """One decision over `inspections` (team: head, deputy, then members), then for each
    inspection the results (`results[inspection.pk]`: "not_met" {code: note}, "requests"
    [(code, text)], "findings", "conclusion", "conclusion_text", "sign": False to leave it
    unsigned; absent: every item met, conforming, signed) — signed on the visit day by the
    team head and the next day by the agency, unless that is still to come. Returns the
    decision (None when the inspections are already covered by one)."""
    if not inspections or DecisionInspection.objects.filter(inspection__in=inspections).exists():
        return None
    roles = [TeamRole.HEAD, TeamRole.DEPUTY] + [TeamRole.MEMBER] * max(len(team) - 2, 0)
    province = inspections[0].province
    decision = services.decision_issue(
        province=province,
        data=services.DecisionData(
            number=decision_number,
            issued_on=decision_date,
            issuer=UNIT,
            signer=team[0].full_name if team else "",
            content="Kiểm tra việc xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất "
            "lượng theo TCVN ISO 9001 (Điều 36 Thông tư 26/2014/TT-BKHCN).",
            team=[services.TeamEntry(p, r) for p, r in zip(team, roles, strict=False)],
            visits=[
                services.Visit(i, _visit_at(decision_date, n), f"Trụ sở {i.agency.name}")
                for n, i in enumerate(inspections)
            ],
        ),
        actor=actor,
    )
    today = timezone.localdate()
    for n, inspection in enumerate(inspections):
        spec = results.get(inspection.pk, {})
        _drive(inspection, spec, _visit_at(decision_date, n), actor, today)
    return decision


def _drive(
    inspection: Inspection,
    spec: dict[str, Any],
    visit: datetime.datetime,
    actor: Any,
    today: datetime.date,
) -> None:
    if visit.date() > today:
        return  # not visited yet
    not_met: dict[str, str] = spec.get("not_met", {})
    for code in article36.CODES:
        results_services.result_record(
            inspection=inspection,
            code=code,
            result=ItemResult.NOT_MET if code in not_met else ItemResult.MET,
            evidence_seen="Hồ sơ, tài liệu của cơ quan; phỏng vấn lãnh đạo và công chức.",
            finding=not_met.get(code, ""),
            actor=actor,
        )
    for code, text in spec.get("requests", []):
        results_services.request_draft(inspection=inspection, code=code, text=text, actor=actor)
    minutes = results_services.minutes_save(
        inspection=inspection,
        data=results_services.MinutesData(
            held_at=visit,
            place=f"Trụ sở {inspection.agency.name}",
            representatives=spec.get(
                "representatives",
                [
                    {"name": "Đại diện lãnh đạo cơ quan", "position": "Thủ trưởng cơ quan"},
                    {"name": "Thư ký ISO", "position": "Thư ký HTQLCL"},
                ],
            ),
            findings=spec.get("findings", "Hệ thống được duy trì, cải tiến thường xuyên."),
            conclusion=spec.get("conclusion", Conclusion.CONFORMS),
            conclusion_text=spec.get(
                "conclusion_text", "Cơ quan áp dụng, duy trì HTQLCL phù hợp TCVN ISO 9001."
            ),
            agency_opinion=spec.get("agency_opinion", "Thống nhất với kết quả kiểm tra."),
        ),
        actor=actor,
    )
    agency_day = min(visit.date() + datetime.timedelta(days=1), today)
    if spec.get("sign", True):
        results_services.minutes_sign(
            minutes=minutes,
            team_head_signed_on=visit.date(),
            agency_signed_on=agency_day,
            actor=actor,
            today=today,
        )
