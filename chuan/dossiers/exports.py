"""The desk's spreadsheets: report form 06 and the dossier register (sổ theo dõi hồ sơ)."""

import io
from typing import Any

from django.utils import timezone

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from chuan.dossiers.stats import Form06

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


def register_workbook(dossiers: Any) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ theo dõi hồ sơ")
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
