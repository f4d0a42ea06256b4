"""The desk's spreadsheets: report form 06 and the dossier register (sổ theo dõi hồ sơ), the
latter headed with its form number and circular in the form set in force."""

import io
from typing import Any

from django.utils import timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from chuan.dossiers.stats import Form06
from chuan.procedures.choices import FormSlip
from chuan.procedures.models import FormSet

FORM06_HEADERS = (
    "Lĩnh vực / cơ quan",
    "Tổng số nhận",
    "Trực tuyến",
    "Trực tiếp và bưu chính",
    "Từ kỳ trước",
    "Tổng số đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số đang giải quyết",
    "Trong hạn",
    "Quá hạn",
)
REGISTER_HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Thủ tục hành chính",
    "Số bộ",
    "Người nộp",
    "Chủ hồ sơ",
    "Địa chỉ, số điện thoại",
    "Ngày, giờ nhận",
    "Ngày, giờ hẹn trả",
    "Ngày, giờ có kết quả",
    "Ngày, giờ trả",
    "Tình trạng",
    "Ghi chú",
)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Any, headers: tuple[str, ...]) -> None:
    sheet.append(list(headers))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def form06_workbook(report: Form06, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 06"
    sheet.append([title])
    sheet.append([f"Kỳ báo cáo: {report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}"])
    _header(sheet, FORM06_HEADERS)
    for row in [*report.rows, report.total]:
        sheet.append(
            [
                row.label or "Tổng cộng",
                row.received,
                row.received_online,
                row.received_direct,
                row.carried_over,
                row.finished,
                row.finished_early,
                row.finished_on_time,
                row.finished_late,
                row.in_progress,
                row.within,
                row.overdue,
            ]
        )
    sheet.column_dimensions["A"].width = 40
    return _save(workbook)


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


def form_heading(form_set: FormSet | None, slip: str) -> list[str]:
    """The lines heading a form of `form_set`: its number and title, and the circular that
    issued it (none without a set, or for a paper the set has no form for)."""
    form = form_set.form_for(slip) if form_set is not None else None
    if form_set is None or form is None:
        return []
    law = form_set.legal_document
    return [
        f"Mẫu số {form.number}: {form.title.upper()}",
        f"(Ban hành kèm theo {law.get_kind_display()} số {law.symbol} "
        f"ngày {law.issue_date:%d/%m/%Y} của {law.issuer})",
    ]


def register_workbook(dossiers: Any, form_set: FormSet | None = None) -> bytes:
    """The register of the dossiers given, on the register form of `form_set` (the set in
    force on the period's last day)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ theo dõi hồ sơ")
    for line in form_heading(form_set, FormSlip.REGISTER):
        sheet.append([line])
    sheet.append(list(REGISTER_HEADERS))
    for index, dossier in enumerate(dossiers, start=1):
        sheet.append(
            [
                index,
                dossier.code or "",
                dossier.version.name,
                dossier.sets,
                dossier.applicant_name,
                dossier.owner_name,
                f"{dossier.applicant_address} — {dossier.applicant_phone}",
                _when(dossier.received_at),
                _when(dossier.due_at),
                _when(dossier.ended_at),
                _when(dossier.returned_at),
                dossier.get_status_display(),
                dossier.note,
            ]
        )
    return _save(workbook)
