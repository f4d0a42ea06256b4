"""Importing agencies from a spreadsheet the way provinces collect them: XLSX or CSV.

The whole file is checked first; a preview lists every bad row with its reason, and nothing is
written unless every row is valid.
"""

import contextlib
import csv
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.text import fold
from chuan.organisations.choices import AgencyKind, UnitLevel
from chuan.organisations.forms import parse_date
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.permissions import can_place_agency_on_unit
from chuan.organisations.services import AgencyData, agency_clean, agency_create

MAX_ROWS = 5000

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


def read_table(upload: IO[bytes], filename: str) -> list[list[str]]:
    """Return the file's rows as lists of strings; raise ImportFileError if it is unreadable."""
    content = upload.read()
    name = filename.lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from exc
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Save the CSV file as UTF-8.")) from exc
        dialect: Any = csv.excel
        with contextlib.suppress(csv.Error):
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    raise ImportFileError(_("Upload an XLSX or CSV file."))


def _choice(value: str, choices: Any) -> str | None:
    """Match a cell against a choice's code or its label in Vietnamese or English."""
    folded = fold(value)
    for code, label in choices.choices:
        names = {fold(code)}
        for language in ("vi", "en"):
            with translation.override(language):
                names.add(fold(str(label)))
        if folded in names:
            return str(code)
    return None


def build_preview(table: list[list[str]], *, unit_set: str, user: Any) -> ImportPreview:
    """Check every row; the preview says for each bad row what is wrong."""
    rows_with_content = [row for row in table if any(cell for cell in row)]
    if not rows_with_content:
        raise ImportFileError(_("The file is empty."))
    header, *body = rows_with_content
    columns = [HEADERS.get(fold(h)) for h in header]
    missing = [header for name, header in REQUIRED.items() if name not in columns]
    if missing:
        raise ImportFileError(
            _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    codes = {row[columns.index("unit_code")].strip() for row in body if len(row) > 0}
    units = {
        u.code: u for u in AdministrativeUnit.objects.filter(unit_set=unit_set, code__in=codes)
    }
    rows: list[ImportRow] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[tuple[str, int], int] = {}
    names_in_file: dict[str, AgencyData] = {}
    for offset, raw in enumerate(body, start=2):
        values = {
            col: (raw[i].strip() if i < len(raw) else "")
            for i, col in enumerate(columns)
            if col is not None
        }
        row = ImportRow(line=offset, values=values)
        rows.append(row)
        kind = _choice(values.get("kind", ""), AgencyKind)
        if kind is None:
            row.errors.append(_("Unknown kind of agency “%(v)s”.") % {"v": values.get("kind", "")})
        level = ""
        if values.get("level"):
            matched = LEVEL_ALIASES.get(fold(values["level"])) or _choice(
                values["level"], UnitLevel
            )
            level = matched or ""
            if not level:
                row.errors.append(_("Unknown level “%(v)s”.") % {"v": values["level"]})
        unit = units.get(values.get("unit_code", ""))
        if unit is None:
            row.errors.append(
                _("No administrative unit has the code “%(v)s” in this list.")
                % {"v": values.get("unit_code", "")}
            )
        elif not can_place_agency_on_unit(user, unit):
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
            seen_codes.setdefault(raw_code, offset)
        if row.errors or unit is None or kind is None:
            continue
        data = AgencyData(
            name=values.get("name", ""),
            short_name=values.get("short_name", ""),
            kind=kind,
            level=level,
            unit=unit,
            code=values.get("code") or None,
            valid_from=dates["valid_from"],
            valid_to=dates["valid_to"],
        )
        row.parent_ref = values.get("parent", "")
        if row.parent_ref and fold(row.parent_ref) not in names_in_file:
            data.parent = _find_parent(row.parent_ref)
            if data.parent is None:
                row.errors.append(
                    _(
                        "No agency named or coded “%(v)s” (the parent must come earlier in the "
                        "file or exist already)."
                    )
                    % {"v": row.parent_ref}
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
        seen_names.setdefault(key, offset)
        if not row.errors:
            row.data = data
            names_in_file[fold(data.name)] = data
    return ImportPreview(rows=rows)


def _find_parent(reference: str) -> Agency | None:
    by_code = Agency.objects.filter(code=reference.strip().upper()).first()
    if by_code is not None:
        return by_code
    matches = list(Agency.objects.filter(search_name__startswith=fold(reference))[:2])
    exact = [a for a in matches if fold(a.name) == fold(reference)]
    return exact[0] if len(exact) == 1 else None


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
