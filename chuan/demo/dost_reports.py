"""Demo: the province's November and December reports of a year (TT 26/2014 Art. 38.1;
QĐ 19/2014 Art. 12.6 and Appendix II), compiled from what the demo loaded before them (the
plan, the inspections, their follow-up, the courses), with a narrative written as DOST would,
and the November one issued when asked. Loading again adds nothing to an issued report and
compiles a draft again."""

import datetime
from typing import Any

from django.utils import timezone

from chuan.inspections.models import ProvinceReport
from chuan.inspections.report_states import ReportKind, ReportState
from chuan.inspections.selectors.reports import shown_figures
from chuan.inspections.services.reports import (
    IssueData,
    report_compile,
    report_edit,
    report_issue,
)
from chuan.organisations.models import AdministrativeUnit


def _cell(figures: dict[str, Any], key: str) -> int:
    keys = figures["keys"]
    return int(figures["total"][keys.index(key)]) if key in keys else 0


def _november_texts(report: ProvinceReport) -> dict[str, str]:
    f = shown_figures(report)
    records, on_site = _cell(f, "inspected_records"), _cell(f, "inspected_on_site")
    return {
        "overview": (
            f"Thực hiện Kế hoạch kiểm tra năm {report.year}, Chi cục Tiêu chuẩn Đo lường Chất "
            f"lượng đã kiểm tra {records} cơ quan qua hồ sơ, báo cáo và {on_site} cơ quan tại "
            "trụ sở theo Điều 35, 36 Thông tư 26/2014/TT-BKHCN."
        ),
        "findings": (
            "Một số cơ quan chưa cập nhật kịp thời thay đổi của văn bản quy phạm pháp luật vào "
            "hệ thống; hồ sơ đánh giá nội bộ, xem xét của lãnh đạo chưa đầy đủ; việc theo dõi "
            "hành động khắc phục còn chậm."
        ),
        "corrective": (
            f"Đã ban hành {_cell(f, 'requests_issued')} yêu cầu khắc phục; "
            f"{_cell(f, 'requests_accepted')} hành động khắc phục được chấp nhận, "
            f"{_cell(f, 'requests_open')} yêu cầu đang được khắc phục."
        ),
        "recommendations": (
            "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các cơ quan có yêu cầu khắc phục hoàn thành "
            "trong thời hạn hai tháng kể từ ngày ký biên bản; biểu dương các cơ quan duy trì "
            "tốt hệ thống quản lý chất lượng."
        ),
    }


def _december_texts(report: ProvinceReport) -> dict[str, str]:
    f = shown_figures(report)
    return {
        "situation": (
            f"Toàn tỉnh có {_cell(f, 'required')} cơ quan thuộc diện áp dụng hệ thống quản lý "
            f"chất lượng theo TCVN ISO 9001; {_cell(f, 'announced')} cơ quan đã công bố hệ "
            "thống phù hợp."
        ),
        "inspection": (
            f"Trong năm đã kiểm tra {_cell(f, 'inspected_records')} cơ quan qua hồ sơ, báo cáo "
            f"và {_cell(f, 'inspected_on_site')} cơ quan tại trụ sở."
        ),
        "assessment": (
            "Các cơ quan cơ bản duy trì hệ thống; khó khăn chủ yếu là sắp xếp tổ chức bộ máy "
            "năm 2025 làm thay đổi phạm vi áp dụng, cần công bố lại."
        ),
        "recommendations": (
            "Đề nghị Bộ Khoa học và Công nghệ sớm ban hành hướng dẫn áp dụng hệ thống quản lý "
            "chất lượng cho chính quyền địa phương hai cấp."
        ),
    }


def load_reports(
    *, province: AdministrativeUnit, year: int, actor: Any, issue_november: bool
) -> dict[str, ProvinceReport]:
    """Compile both reports of `year` for `province` as `actor` (a DOST coordinator), write
    their narrative, and issue the November one when `issue_november`."""
    result: dict[str, ProvinceReport] = {}
    for kind, texts in (
        (ReportKind.NOVEMBER, _november_texts),
        (ReportKind.DECEMBER, _december_texts),
    ):
        existing = ProvinceReport.objects.filter(province=province, year=year, kind=kind).first()
        if existing is not None and existing.state == ReportState.ISSUED:
            result[kind] = existing
            continue
        report = report_compile(province=province, year=year, kind=kind, actor=actor)
        for section, text in texts(report).items():
            if not (report.sections or {}).get(section):
                report = report_edit(report=report, section=section, text=text, actor=actor)
        result[kind] = report
    if issue_november:
        november = result[ReportKind.NOVEMBER]
        if november.state != ReportState.ISSUED:
            today = timezone.localdate()
            issued_on = min(datetime.date(year, 11, 25), today)
            result[ReportKind.NOVEMBER] = report_issue(
                report=november,
                data=IssueData(
                    number=f"{year % 100 + 100}/BC-SKHCN",
                    issued_on=issued_on,
                    signer="Nguyễn Văn Thành",
                    signer_title="Phó Giám đốc Sở Khoa học và Công nghệ",
                ),
                actor=actor,
                today=today,
            )
    return result
