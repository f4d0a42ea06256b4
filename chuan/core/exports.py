"""The one way Chuẩn writes a spreadsheet (XLSX): every export goes through `XlsxBook`.

What it guarantees, whatever the rows hold:

- Text people typed never becomes a formula. An applicant named `=HYPERLINK(…)` or a note
  starting with `+`, `-`, `@`, a tab or a carriage return is written as a text cell with
  Excel's quote prefix, so opening the file never runs it (OWASP "CSV injection").
- Dates are real spreadsheet dates shown dd/mm/yyyy, times dd/mm/yyyy hh:mm in Vietnam time,
  so the sheets sort, filter and sum.
- Sizes are bounded: a sheet holds at most `MAX_ROWS` rows (a last line says how many were
  left out), a cell at most Excel's 32,767 characters, control characters that make the file
  unreadable are dropped, and sheet names follow Excel's rules.
- Rows are streamed (openpyxl's write-only mode): memory stays flat on a year's register.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
PERCENT_FORMAT = "0.0"
MAX_ROWS = 100_000
MAX_CELL_CHARS = 32_767
# What spreadsheet programs read as the start of a formula (or of a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, width (in characters) and number format."""

    header: str
    width: int = 14
    number_format: str | None = None
    wrap: bool = False


@dataclass(frozen=True)
class Row:
    """A row with a look of its own (a total, a label under the table)."""

    values: Sequence[Any]
    bold: bool = False


def cell_value(value: Any) -> tuple[Any, str | None, bool]:
    """What to store for a value: (value, number format, whether it is text to protect)."""
    if value is None or isinstance(value, bool):
        return value, None, False
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value, DATETIME_FORMAT, False
    if isinstance(value, datetime.date):
        return value, DATE_FORMAT, False
    if isinstance(value, int | float | Decimal):
        return value, None, False
    text = _ILLEGAL.sub("", str(value))[:MAX_CELL_CHARS]
    return text, None, text.startswith(FORMULA_STARTS)


def sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = _SHEET_NAME_FORBIDDEN.sub("", str(title)).strip("'").strip()[:31] or "Sheet"
    name, number, used = base, 1, {t.lower() for t in taken}
    while name.lower() in used:
        number += 1
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
    return name


class XlsxBook:
    """A workbook being written, sheet after sheet."""

    def __init__(self, *, title: str = "", max_rows: int = MAX_ROWS) -> None:
        self.workbook = Workbook(write_only=True)
        self.workbook.properties.creator = "Chuẩn"
        if title:
            self.workbook.properties.title = title[:255]
        self.max_rows = max_rows

    def _cell(self, sheet: Any, value: Any, *, bold: bool = False, fmt: str | None = None) -> Any:
        stored, default_format, protect = cell_value(value)
        cell = WriteOnlyCell(sheet, value=stored)
        if protect:
            # Text, never a formula: the type is forced and Excel's quote prefix set.
            cell.data_type = "s"
            cell.quotePrefix = True
        if fmt or default_format:
            cell.number_format = fmt if fmt and not protect else (default_format or "General")
        if bold:
            cell.font = _BOLD
        return cell

    def sheet(
        self,
        title: str,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any] | Row],
        *,
        before: Sequence[Sequence[Any] | Row] = (),
        after: Sequence[Sequence[Any] | Row] = (),
        freeze: bool = True,
        auto_filter: bool = False,
    ) -> int:
        """Write a sheet: lines `before` the table (a title, a period), the header, the rows
        (at most `max_rows`), lines `after` it (a total). Returns the number of rows written.
        `auto_filter` puts the spreadsheet's filter buttons on the header, over the rows
        written (never over the lines after them, which a filter would hide or sort away)."""
        sheet = self.workbook.create_sheet(sheet_title(title, self.workbook.sheetnames))
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        if freeze:
            sheet.freeze_panes = f"A{len(before) + 2}"
        for line in before:
            self._line(sheet, line, bold_default=True)
        header = []
        for column in columns:
            cell = self._cell(sheet, column.header, bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            header.append(cell)
        sheet.append(header)
        written = 0
        left_out = 0
        for row in rows:
            if written >= self.max_rows:
                left_out += 1
                continue
            values, bold = (row.values, row.bold) if isinstance(row, Row) else (row, False)
            cells = []
            for index, value in enumerate(values):
                own = columns[index] if index < len(columns) else None
                cell = self._cell(sheet, value, bold=bold, fmt=own.number_format if own else None)
                if own is not None and own.wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                cells.append(cell)
            sheet.append(cells)
            written += 1
        if auto_filter and written and columns:
            header_row = len(before) + 1
            last = get_column_letter(len(columns))
            sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + written}"
        if left_out:
            message = _(
                "%(count)s more rows were left out: a sheet holds at most %(max)s. Narrow the "
                "filter and export again."
            ) % {"count": left_out, "max": self.max_rows}
            sheet.append([self._cell(sheet, message, bold=True)])
        for line in after:
            self._line(sheet, line, bold_default=False)
        return written

    def _line(self, sheet: Any, line: Sequence[Any] | Row, *, bold_default: bool) -> None:
        values, bold = (line.values, line.bold) if isinstance(line, Row) else (line, bold_default)
        sheet.append([self._cell(sheet, value, bold=bold) for value in values])

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """A download of the workbook under `filename` (ASCII, as browsers expect)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", filename)[:150] or "export.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response
