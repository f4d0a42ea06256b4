"""The DOST dashboard as a workbook: the tables a coordinator files with the province's report.

Pure: it takes the figures the dashboard already computed and returns the bytes of an XLSX
file, one sheet per table (summary by level, targets, by district or province, lagging
agencies, month by month), with a bold header row and set column widths. Dates are real
spreadsheet dates shown dd/mm/yyyy, percentages real numbers, so the sheets can be summed and
charted again.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from chuan.rollout.dashboard import Dashboard, TargetState

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, width (in characters) and number format."""

    header: str
    width: int
    number_format: str | None = None


def _sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    first: bool = False,
) -> Any:
    sheet = workbook.active if first else workbook.create_sheet()
    # Sheet names are at most 31 characters and cannot hold []:*?/\ (Excel's rule).
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                # Text that looks like a formula (an agency named "=HYPERLINK(…)") is kept as
                # text, so opening the export never runs what someone typed into Chuẩn.
                cell.data_type = "s"
                cell.quotePrefix = True
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=len(rows) + 1, min_col=index, max_col=index
            ):
                cell.number_format = column.number_format
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    return sheet


def _target_cells(target: "TargetState | None") -> list[Any]:
    if target is None:
        return ["", None, None, ""]
    return [target.decision_number, target.percent, target.deadline, target.state_label]


def coverage_workbook(dashboard: "Dashboard") -> bytes:
    """The dashboard's tables for one province, level and date, as XLSX bytes."""
    workbook = Workbook()
    announced, in_scope, coverage = _("Announced"), _("In scope"), _("Coverage (%)")
    summary = _sheet(
        workbook,
        _("Summary"),
        [
            Column(_("Level"), 28),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
            Column(_("Next target: decision"), 24),
            Column(_("Target (%)"), 12, PERCENT_FORMAT),
            Column(_("Deadline"), 13, DATE_FORMAT),
            Column(_("Progress"), 20),
        ],
        [
            [
                tile.label,
                tile.figure.announced,
                tile.figure.in_scope,
                tile.figure.percent,
                *_target_cells(tile.target),
            ]
            for tile in dashboard.tiles
        ],
        first=True,
    )
    # Which province, date and level the workbook speaks of, under the table.
    summary.append([])
    for label, value in (
        (_("Province"), dashboard.province_name),
        (_("Date"), dashboard.on),
        (_("Level of the detailed sheets"), dashboard.level_label),
    ):
        summary.append([label, value])
        summary.cell(row=summary.max_row, column=1).font = _HEADER_FONT
        if isinstance(value, datetime.date):
            summary.cell(row=summary.max_row, column=2).number_format = DATE_FORMAT
            summary.cell(row=summary.max_row, column=2).alignment = Alignment(horizontal="left")

    _sheet(
        workbook,
        _("By kind of agency"),
        [
            Column(_("Kind of agency"), 40),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        [[label, fig.announced, fig.in_scope, fig.percent] for label, fig in dashboard.kinds],
    )
    _sheet(
        workbook,
        _("Targets"),
        [
            Column(_("Decision"), 22),
            Column(_("Decision date"), 14, DATE_FORMAT),
            Column(_("Level"), 28),
            Column(_("Target (%)"), 12, PERCENT_FORMAT),
            Column(_("Deadline"), 13, DATE_FORMAT),
            Column(_("Coverage on the date (%)"), 16, PERCENT_FORMAT),
            Column(_("Result"), 20),
        ],
        [
            [
                t.decision_number,
                t.decision_date,
                t.level_label,
                t.percent,
                t.deadline,
                t.current,
                t.state_label,
            ]
            for t in dashboard.targets
        ],
    )

    group_rows: list[list[Any]] = [
        [row.name, row.figure.announced, row.figure.in_scope, row.figure.percent]
        for row in dashboard.groups
    ]
    by_group = _sheet(
        workbook,
        _("By unit"),
        [
            Column(_("Unit"), 36),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        group_rows,
    )
    total = dashboard.figure
    by_group.append([_("Total"), total.announced, total.in_scope, total.percent])
    for cell in by_group[by_group.max_row]:
        cell.font = _HEADER_FONT
    by_group.cell(row=by_group.max_row, column=4).number_format = PERCENT_FORMAT

    _sheet(
        workbook,
        _("Lagging"),
        [
            Column(_("No."), 6),
            Column(_("Agency"), 44),
            Column(_("Unit"), 28),
            Column(_("Status"), 18),
            Column(_("Since"), 13, DATE_FORMAT),
            Column(_("Months building"), 12),
        ],
        [
            [index, line.name, line.group_name, line.status_label, line.since, line.months]
            for index, line in enumerate(dashboard.laggards, start=1)
        ],
    )

    _sheet(
        workbook,
        _("Monthly"),
        [
            Column(_("Date"), 13, DATE_FORMAT),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        [[day, fig.announced, fig.in_scope, fig.percent] for day, fig in dashboard.series],
    )

    workbook.properties.title = _("QMS coverage: %(province)s, %(date)s") % {
        "province": dashboard.province_name,
        "date": dashboard.on.strftime("%d/%m/%Y"),
    }
    workbook.properties.creator = "Chuẩn"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
