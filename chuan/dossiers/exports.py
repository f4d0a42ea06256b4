"""The desk's spreadsheets: report form 06 and the dossier register (sổ theo dõi hồ sơ), the
latter headed with its form number and circular in the form set in force."""

from typing import Any

from chuan.core.exports import Column, XlsxBook
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


def form06_workbook(report: Form06, title: str) -> bytes:
    book = XlsxBook(title=title)
    book.sheet(
        "Biểu 06",
        [Column(FORM06_HEADERS[0], 40), *(Column(h, 12, wrap=True) for h in FORM06_HEADERS[1:])],
        [
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
            for row in [*report.rows, report.total]
        ],
        before=[[title], [f"Kỳ báo cáo: {report.start:%d/%m/%Y} – {report.end:%d/%m/%Y}"]],
    )
    return book.to_bytes()


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
    """The register, one dossier a row, on the register form of `form_set` (the set in force
    on the period's last day); times are real spreadsheet times (dd/mm/yyyy hh:mm)."""
    widths = (6, 24, 40, 6, 24, 24, 36, 17, 17, 17, 17, 18, 30)
    book = XlsxBook(title="Sổ theo dõi hồ sơ")
    book.sheet(
        "Sổ theo dõi hồ sơ",
        [Column(header, width) for header, width in zip(REGISTER_HEADERS, widths, strict=True)],
        before=[[line] for line in form_heading(form_set, FormSlip.REGISTER)],
        rows=(
            [
                index,
                dossier.code or "",
                dossier.version.name,
                dossier.sets,
                dossier.applicant_name,
                dossier.owner_name,
                f"{dossier.applicant_address} — {dossier.applicant_phone}",
                dossier.received_at,
                dossier.due_at,
                dossier.ended_at,
                dossier.returned_at,
                dossier.get_status_display(),
                dossier.note,
            ]
            for index, dossier in enumerate(dossiers, start=1)
        ),
    )
    return book.to_bytes()
