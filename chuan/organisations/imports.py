"""Importing agencies from a spreadsheet the way provinces collect them: XLSX or CSV.

The whole file is checked first; a preview lists every bad row with its reason, and nothing is
written unless every row is valid.
"""

import contextlib
import csv
import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.archives import (
    DamagedArchiveError,
    UnsafeFileError,
    archive_check,
    archive_limits,
)
from chuan.core.text import fold
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.forms import parse_date
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.permissions import can_place_agency_on_unit
from chuan.organisations.scoping import visible_agencies
from chuan.organisations.services import AgencyData, agency_clean, agency_create

MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CELL = 10_000

# Column headers accepted, folded (no diacritics, lower case) → field.
HEADERS = {
    "ten co quan": "name",
    "name": "name",
    "ten viet tat": "short_name",
    "short name": "short_name",
    "loai": "kind",
    "loai co quan": "kind",
    "kind": "kind",
    "cap": "level",
    "level": "level",
    "ma don vi hanh chinh": "unit_code",
    "ma dvhc": "unit_code",
    "unit code": "unit_code",
    "co quan cap tren": "parent",
    "parent": "parent",
    "ma dinh danh": "code",
    "ma dinh danh dien tu": "code",
    "agency code": "code",
    "code": "code",
    "hieu luc tu": "valid_from",
    "valid from": "valid_from",
    "hieu luc den": "valid_to",
    "valid to": "valid_to",
}
REQUIRED = {"name": "Tên cơ quan", "kind": "Loại", "unit_code": "Mã đơn vị hành chính"}
LEVEL_ALIASES = {"cap tinh": "province", "cap huyen": "district", "cap xa": "commune"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, headers, size)."""


@dataclass
class ImportRow:
    """One row of the file: its line number, its raw cells and what is wrong with it."""

    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: AgencyData | None = None
    parent_ref: str = ""


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.bad_rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows, refused if a row is wider than MAX_COLUMNS or a cell longer than MAX_CELL."""
    table = []
    for line, row in enumerate(rows, start=1):
        if any(row[MAX_COLUMNS:]):
            raise ImportFileError(
                _("Line %(line)s has more than %(n)s columns.") % {"line": line, "n": MAX_COLUMNS}
            )
        if any(len(cell) > MAX_CELL for cell in row):
            raise ImportFileError(
                _("A cell on line %(line)s is longer than %(n)s characters.")
                % {"line": line, "n": MAX_CELL}
            )
        table.append(row[:MAX_COLUMNS])
    return table


def _trimmed(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row.pop()
    return row


def _xlsx_table(content: bytes) -> list[list[str]]:
    """The first sheet's rows, read in the worker itself (openpyxl, read-only, streaming) but
    only after the archive passed its bounds (a sheet that inflates beyond them is refused
    unread) and never beyond MAX_ROWS rows and MAX_COLUMNS columns: a sheet can claim to be
    16,384 columns wide with one cell, and a reader that believed it would fill every row."""
    from openpyxl import load_workbook

    try:
        archive_check(
            io.BytesIO(content),
            archive_limits(unpacked_mb=settings.CHUAN_IMPORT_MAX_UNPACKED_MB),
        )
    except DamagedArchiveError as exc:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
    except UnsafeFileError as exc:
        raise ImportFileError(exc.message) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            # A sheet written in streaming mode (Chuẩn's own exports) declares no dimensions:
            # read it as wide as allowed and drop the padding.
            declared = sheet.max_column
            width = min(declared or MAX_COLUMNS + 1, MAX_COLUMNS + 1)
            rows = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=width, values_only=True)
            cells = ([_cell(v) for v in row] for row in rows)
            return _bounded(cells if declared else (_trimmed(row) for row in cells))
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc


def read_table(upload: IO[bytes], filename: str) -> list[list[str]]:
    """Return the file's rows as lists of strings; raise ImportFileError if it is unreadable.

    Any damage a spreadsheet can carry (a truncated sheet, a huge cell, a wrong encoding)
    becomes a message for the user, never a server error.
    """
    content = upload.read(settings.CHUAN_IMPORT_MAX_BYTES + 1)
    if len(content) > settings.CHUAN_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.CHUAN_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    name = filename.lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        return _xlsx_table(content)
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
        dialect: Any = csv.excel
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        try:
            reader = csv.reader(io.StringIO(text), dialect)
            return _bounded(
                [cell.strip() for cell in row] for row in itertools.islice(reader, MAX_ROWS + 2)
            )
        except csv.Error as exc:
            raise ImportFileError(_("The CSV file is damaged: %(e)s") % {"e": exc}) from exc
    raise ImportFileError(_("Upload an XLSX or CSV file."))


def choice_lookup(choices: Any, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Folded code and Vietnamese and English labels of each choice → its code, for matching
    the words people type in spreadsheets."""
    lookup = dict(aliases or {})
    for code, label in choices.choices:
        lookup[fold(code)] = str(code)
        for language in ("vi", "en"):
            with translation.override(language):
                lookup.setdefault(fold(str(label)), str(code))
    return lookup


def build_preview(table: list[list[str]], *, unit_set: str, user: Any) -> ImportPreview:
    """Check every row; the preview says for each bad row everything that is wrong with it.

    Line numbers are those of the spreadsheet, blank lines included.
    """
    numbered = [(n, row) for n, row in enumerate(table, start=1) if any(cell for cell in row)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    (_header_line, header), *body = numbered
    columns = [HEADERS.get(fold(h)) for h in header]
    missing = [header for name, header in REQUIRED.items() if name not in columns]
    if missing:
        raise ImportFileError(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    records = [
        (line, {col: (raw[i] if i < len(raw) else "") for i, col in enumerate(columns) if col})
        for line, raw in body
    ]
    codes = {values["unit_code"] for _line, values in records}
    units = {
        u.code: u for u in AdministrativeUnit.objects.filter(unit_set=unit_set, code__in=codes)
    }
    allowed_units = {code: can_place_agency_on_unit(user, unit) for code, unit in units.items()}
    kinds = choice_lookup(AgencyKind)
    levels = choice_lookup(UnitLevel, LEVEL_ALIASES)
    rows: list[ImportRow] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple[str, int], int] = {}
    names_in_file: set[str] = set()
    for line, values in records:
        row = ImportRow(line=line, values=values)
        rows.append(row)
        kind = kinds.get(fold(values.get("kind", "")))
        if kind is None:
            row.errors.append(_("Unknown kind of agency “%(v)s”.") % {"v": values.get("kind", "")})
        level = ""
        if values.get("level"):
            level = levels.get(fold(values["level"]), "")
            if not level:
                row.errors.append(_("Unknown level “%(v)s”.") % {"v": values["level"]})
        unit = units.get(values.get("unit_code", ""))
        if unit is None:
            row.errors.append(
                _("No administrative unit has the code “%(v)s” in this list.")
                % {"v": values.get("unit_code", "")}
            )
        elif not allowed_units[unit.code]:
            row.errors.append(_("You cannot register agencies on %(unit)s.") % {"unit": unit.name})
        dates = {}
        for name in ("valid_from", "valid_to"):
            try:
                dates[name] = parse_date(values.get(name))
            except ValueError:
                row.errors.append(
                    _("“%(v)s” is not a date (use dd/mm/yyyy).") % {"v": values.get(name)}
                )
                dates[name] = None
        raw_code = values.get("code", "").strip().upper()
        if raw_code:
            if raw_code in seen_codes:
                row.errors.append(
                    _("The code %(code)s is also on line %(line)s.")
                    % {"code": raw_code, "line": seen_codes[raw_code]}
                )
            seen_codes.setdefault(raw_code, line)
        row.parent_ref = values.get("parent", "")
        parent = None
        if row.parent_ref and fold(row.parent_ref) not in names_in_file:
            parent = _find_parent(row.parent_ref, user)
            if parent is None:
                row.errors.append(
                    _(
                        "No agency named or coded “%(v)s” (the parent must come earlier in the "
                        "file or exist already)."
                    )
                    % {"v": row.parent_ref}
                )
        if unit is None or kind is None:
            continue
        data = AgencyData(
            name=values.get("name", ""),
            short_name=values.get("short_name", ""),
            kind=kind,
            level=level,
            unit=unit,
            parent=parent,
            code=values.get("code") or None,
            valid_from=dates["valid_from"],
            valid_to=dates["valid_to"],
        )
        try:
            agency_clean(data)
        except ValidationError as exc:
            row.errors.extend(msg for msgs in exc.message_dict.values() for msg in msgs)
        key = (fold(data.name), unit.pk)
        if key in seen_names:
            row.errors.append(
                _("The same agency is also on line %(line)s.") % {"line": seen_names[key]}
            )
        seen_names.setdefault(key, line)
        if not row.errors:
            row.data = data
            names_in_file.add(fold(data.name))
    return ImportPreview(rows=rows)


def _find_parent(reference: str, user: Any) -> Agency | None:
    """The agency `user` can see whose code, or whole name, is `reference` (one match only)."""
    candidates = visible_agencies(user)
    by_code = candidates.filter(code=reference.strip().upper()).first()
    if by_code is not None:
        return by_code
    folded = fold(reference)
    matches = [
        agency
        for agency in candidates.filter(search_name__startswith=folded)[:20]
        if fold(agency.name) == folded
    ]
    return matches[0] if len(matches) == 1 else None


def agencies_import(
    *, table: list[list[str]], unit_set: str, actor: Any
) -> tuple[ImportPreview, list[Agency]]:
    """Check the whole table again and, only if every row is valid, create every agency."""
    preview = build_preview(table, unit_set=unit_set, user=actor)
    if not preview.is_valid:
        return preview, []
    created: list[Agency] = []
    by_name: dict[str, Agency] = {}
    with transaction.atomic():
        for row in preview.rows:
            assert row.data is not None
            if row.parent_ref and row.data.parent is None:
                row.data.parent = by_name.get(fold(row.parent_ref))
            agency = agency_create(data=row.data, actor=actor)
            by_name[fold(agency.name)] = agency
            created.append(agency)
        activity_record(actor=actor, verb="agencies.imported", changes={"created": len(created)})
    return preview, created
