"""The DOST dashboard as a workbook: the tables a coordinator files with the province's report.

Pure: it takes the figures the dashboard already computed and returns the bytes of an XLSX
file, one sheet per table (summary by level, targets, by district or province, lagging
agencies, month by month), with a bold header row and set column widths. Dates are real
spreadsheet dates shown dd/mm/yyyy, percentages real numbers, so the sheets can be summed and
charted again; each table has the spreadsheet's filter buttons on its header.
"""

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from chuan.core.exports import (
    DATE_FORMAT,
    PERCENT_FORMAT,
    XLSX_CONTENT_TYPE,
    Column,
    Row,
    XlsxBook,
)

if TYPE_CHECKING:
    from chuan.rollout.dashboard import Dashboard, TargetState

__all__ = ["XLSX_CONTENT_TYPE", "coverage_workbook"]


def _target_cells(target: "TargetState | None") -> list[Any]:
    if target is None:
        return ["", None, None, ""]
    return [target.decision_number, target.percent, target.deadline, target.state_label]


def coverage_workbook(dashboard: "Dashboard") -> bytes:
    """The dashboard's tables for one province, level and date, as XLSX bytes."""
    book = XlsxBook(
        title=_("QMS coverage: %(province)s, %(date)s")
        % {"province": dashboard.province_name, "date": dashboard.on.strftime("%d/%m/%Y")}
    )
    announced, in_scope, coverage = _("Announced"), _("In scope"), _("Coverage (%)")
    book.sheet(
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
        # Which province, date and level the workbook speaks of, under the table.
        after=[
            [],
            [_("Province"), dashboard.province_name],
            [_("Date"), dashboard.on],
            [_("Level of the detailed sheets"), dashboard.level_label],
        ],
        auto_filter=True,
    )
    book.sheet(
        _("By kind of agency"),
        [
            Column(_("Kind of agency"), 40),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        [[label, fig.announced, fig.in_scope, fig.percent] for label, fig in dashboard.kinds],
        auto_filter=True,
    )
    book.sheet(
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
        auto_filter=True,
    )
    total = dashboard.figure
    book.sheet(
        _("By unit"),
        [
            Column(_("Unit"), 36),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        [
            [row.name, row.figure.announced, row.figure.in_scope, row.figure.percent]
            for row in dashboard.groups
        ],
        after=[
            Row([_("Total"), total.announced, total.in_scope, total.percent], bold=True),
        ],
        auto_filter=True,
    )
    book.sheet(
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
        auto_filter=True,
    )
    book.sheet(
        _("Monthly"),
        [
            Column(_("Date"), 13, DATE_FORMAT),
            Column(announced, 12),
            Column(in_scope, 14),
            Column(coverage, 12, PERCENT_FORMAT),
        ],
        [[day, fig.announced, fig.in_scope, fig.percent] for day, fig in dashboard.series],
        auto_filter=True,
    )
    return book.to_bytes()
