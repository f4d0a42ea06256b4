"""The catalogue as a spreadsheet, in the shape provinces publish their lists of
administrative procedures: one row per procedure, dossier components one per line, legal
basis as symbols. Import checks the whole file first and writes nothing unless every row is
valid; export writes the same columns, so a file exported can be edited and imported back.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exports import DATE_FORMAT, Column, XlsxBook
from chuan.core.params import MAX_MONEY, date_param, int_param
from chuan.core.text import fold
from chuan.legal.models import LegalDocument
from chuan.legal.symbols import SymbolError, parse_symbol
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit
from chuan.procedures import services
from chuan.procedures.choices import OnlineLevel, TimeUnit
from chuan.procedures.models import Procedure, ProcedureVersion
from chuan.procedures.permissions import may_edit_catalogue
from chuan.procedures.services import ComponentData, ProcedureData

COLUMNS = (
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục hành chính"),
    ("field", "Lĩnh vực"),
    ("levels", "Cấp thực hiện"),
    ("time_amount", "Thời hạn giải quyết"),
    ("time_unit", "Đơn vị tính"),
    ("time_note", "Thời hạn theo công bố"),
    ("fee", "Phí, lệ phí"),
    ("fee_amount", "Mức thu (đồng)"),
    ("result", "Kết quả thực hiện"),
    ("online", "Dịch vụ công trực tuyến"),
    ("cross_boundary", "Tiếp nhận không phụ thuộc địa giới hành chính"),
    ("components", "Thành phần hồ sơ"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("valid_from", "Áp dụng từ ngày"),
)
HEADERS = {fold(label): key for key, label in COLUMNS} | {fold(key): key for key, _l in COLUMNS}
HEADERS |= {"ma tthc": "code", "ma so": "code", "ten tthc": "name", "ten thu tuc": "name"}
REQUIRED = ("code", "name", "field", "levels", "time_amount", "time_unit", "valid_from")
LEVEL_WORDS = {"cap tinh": "province", "cap huyen": "district", "cap xa": "commune"}
UNIT_WORDS = {
    "ngay lam viec": TimeUnit.WORKING_DAYS,
    "gio lam viec": TimeUnit.WORKING_HOURS,
    "gio": TimeUnit.WORKING_HOURS,
    "ngay": TimeUnit.CALENDAR_DAYS,
    "thang": TimeUnit.MONTHS,
    "trong ngay": TimeUnit.SAME_DAY,
}
ONLINE_WORDS = {
    "toan trinh": OnlineLevel.FULL,
    "mot phan": OnlineLevel.PARTIAL,
    "khong": OnlineLevel.NONE,
    "": OnlineLevel.NONE,
}
UNIT_TEXT: dict[str, str] = {
    TimeUnit.WORKING_DAYS: "Ngày làm việc",
    TimeUnit.WORKING_HOURS: "Giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "Ngày",
    TimeUnit.MONTHS: "Tháng",
    TimeUnit.SAME_DAY: "Trong ngày",
}
LEVEL_TEXT = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
ONLINE_TEXT: dict[str, str] = {
    OnlineLevel.FULL: "Toàn trình",
    OnlineLevel.PARTIAL: "Một phần",
    "none": "Không",
}
_COMPONENT = re.compile(
    r"^(?P<name>.*?)\s*\(\s*bản chính\s*(?P<o>\d+)\s*[,;]\s*bản sao chứng thực\s*(?P<c>\d+)"
    r"\s*[,;]\s*bản chụp\s*(?P<p>\d+)\s*(?P<optional>[,;]\s*không bắt buộc)?\s*\)$",
    re.IGNORECASE,
)


@dataclass
class CatalogueRow:
    """One row of the file, what it would do, and what is wrong with it."""

    line: int
    code: str
    name: str
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "new", "version", "unchanged"
    data: ProcedureData | None = None


@dataclass
class CataloguePreview:
    rows: list[CatalogueRow]

    @property
    def bad_rows(self) -> list[CatalogueRow]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.bad_rows

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def count_new(self) -> int:
        return self.count("new")

    @property
    def count_version(self) -> int:
        return self.count("version")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")


def component_text(component: Any) -> str:
    optional = "; không bắt buộc" if not component.required else ""
    return (
        f"{component.name} (bản chính {component.originals}; bản sao chứng thực "
        f"{component.certified_copies}; bản chụp {component.photocopies}{optional})"
    )


def _components(text: str) -> list[ComponentData]:
    result = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•+ ").strip()
        if not line:
            continue
        match = _COMPONENT.match(line)
        if match:
            result.append(
                ComponentData(
                    name=match["name"],
                    originals=int(match["o"]),
                    certified_copies=int(match["c"]),
                    photocopies=int(match["p"]),
                    required=not match["optional"],
                )
            )
        else:
            result.append(ComponentData(name=line))
    return result


def _header(table: list[list[str]]) -> tuple[int, list[str | None]]:
    for index, row in enumerate(table[:10]):
        keys = [HEADERS.get(fold(cell)) for cell in row]
        if "code" in keys and "name" in keys:
            return index, keys
    raise ValidationError(
        _("The file has no header row with the columns “Mã thủ tục” and “Tên thủ tục hành chính”.")
    )


def build_preview(
    table: list[list[str]], *, province: AdministrativeUnit, user: Any
) -> CataloguePreview:
    """Check every row against the library and the catalogue; say what each would do."""
    if not may_edit_catalogue(user, province):
        raise PermissionDenied
    header_index, keys = _header(table)
    existing = {
        procedure.code: procedure
        for procedure in Procedure.objects.filter(province=province).prefetch_related(
            "versions__components", "versions__legal_basis", "versions__field"
        )
    }
    library: dict[str, LegalDocument] = {}
    for document in LegalDocument.objects.order_by("issue_date"):
        library[document.symbol] = document
    rows, seen = [], set()
    for offset, cells in enumerate(table[header_index + 1 :], start=header_index + 2):
        values = {key: cells[i].strip() for i, key in enumerate(keys) if key and i < len(cells)}
        if not any(values.values()):
            continue
        row = CatalogueRow(offset, values.get("code", ""), values.get("name", ""))
        rows.append(row)
        for key in REQUIRED:
            if not values.get(key):
                row.errors.append(_("“%(column)s” is empty.") % {"column": dict(COLUMNS)[key]})
        if row.errors:
            continue
        if row.code in seen:
            row.errors.append(_("Procedure %(code)s appears twice.") % {"code": row.code})
        seen.add(row.code)
        data = _row_data(values, library, row.errors)
        if data is None:
            continue
        problems = services.procedure_data_errors(data)
        row.errors.extend(problems.values())
        procedure = existing.get(row.code)
        if procedure is None:
            row.action = "new"
        else:
            latest = max(procedure.versions.all(), key=lambda version: version.number)
            if _same(latest, data):
                row.action = "unchanged"
            elif data.valid_from <= latest.valid_from:
                row.errors.append(
                    _("It differs from version %(n)s: give a date after %(date)s.")
                    % {"n": latest.number, "date": latest.valid_from.strftime("%d/%m/%Y")}
                )
            else:
                row.action = "version"
        row.data = data
    return CataloguePreview(rows)


def _row_data(
    values: dict[str, str], library: dict[str, LegalDocument], errors: list[str]
) -> ProcedureData | None:
    levels = []
    for part in re.split(r"[;,\n]", values["levels"]):
        if fold(part):
            level = LEVEL_WORDS.get(fold(part)) or (
                fold(part) if fold(part) in UnitLevel.values else None
            )
            if level is None:
                errors.append(_("Unknown level “%(level)s”.") % {"level": part.strip()})
            else:
                levels.append(level)
    unit = UNIT_WORDS.get(fold(values["time_unit"])) or (
        values["time_unit"] if values["time_unit"] in TimeUnit.values else None
    )
    if unit is None:
        errors.append(_("Unknown time unit “%(unit)s”.") % {"unit": values["time_unit"]})
    try:
        amount = Decimal(values["time_amount"].replace(",", "."))
    except InvalidOperation:
        amount = None
        errors.append(_("The statutory time is not a number."))
    fee_text = re.sub(r"[.\s]", "", values.get("fee_amount", "") or "0")
    fee_amount = int_param(fee_text, minimum=0, maximum=MAX_MONEY)
    if fee_amount is None:
        errors.append(_("The fee is not a whole number of đồng."))
    online = ONLINE_WORDS.get(fold(values.get("online", "")))
    if online is None:
        errors.append(_("Online service is “Toàn trình”, “Một phần” or “Không”."))
    valid_from = date_param(values["valid_from"])
    if valid_from is None:
        errors.append(_("The date it applies from is not a date (dd/mm/yyyy)."))
    basis = []
    for part in re.split(r"[;\n]", values.get("legal_basis", "")):
        if not part.strip():
            continue
        try:
            document = library.get(parse_symbol(part).text)
        except SymbolError:
            document = None
        if document is None:
            errors.append(_("“%(symbol)s” is not in the legal library.") % {"symbol": part.strip()})
        else:
            basis.append(document)
    if errors or unit is None or amount is None or valid_from is None or fee_amount is None:
        return None
    return ProcedureData(
        name=values["name"],
        field_name=values["field"],
        levels=levels,
        time_amount=amount,
        time_unit=unit,
        valid_from=valid_from,
        time_note=values.get("time_note", ""),
        fee=values.get("fee", ""),
        fee_amount=fee_amount,
        result=values.get("result", ""),
        online_level=online or OnlineLevel.NONE,
        cross_boundary=fold(values.get("cross_boundary", "")) in ("co", "x", "yes", "1"),
        components=_components(values.get("components", "")),
        legal_basis=list(dict.fromkeys(basis)),
    )


def _same(version: ProcedureVersion, data: ProcedureData) -> bool:
    components = [
        (c.name, c.originals, c.certified_copies, c.photocopies, c.required)
        for c in version.components.all()
    ]
    wanted = [
        (c.name, c.originals, c.certified_copies, c.photocopies, c.required)
        for c in data.components
    ]
    return (
        version.name == data.name
        and version.field.name == data.field_name
        and version.level_list == [lv for lv in UnitLevel.values if lv in data.levels]
        and version.time_amount == data.time_amount
        and version.time_unit == data.time_unit
        and version.time_note == data.time_note.strip()
        and version.fee == data.fee.strip()
        and version.fee_amount == data.fee_amount
        and version.result == data.result.strip()
        and version.online_level == data.online_level
        and version.cross_boundary == data.cross_boundary
        and components == wanted
        and {d.pk for d in version.legal_basis.all()} == {d.pk for d in data.legal_basis}
    )


def catalogue_import(
    *, table: list[list[str]], province: AdministrativeUnit, actor: Any
) -> CataloguePreview:
    """Check the file again and, only if every row is valid, add and revise procedures in
    one transaction."""
    preview = build_preview(table, province=province, user=actor)
    if not preview.is_valid:
        return preview
    with transaction.atomic():
        procedures = {p.code: p for p in Procedure.objects.filter(province=province)}
        for row in preview.rows:
            assert row.data is not None
            if row.action == "new":
                services.procedure_create(
                    province=province, code=row.code, data=row.data, actor=actor
                )
            elif row.action == "version":
                services.procedure_revise(
                    procedure=procedures[row.code], data=row.data, actor=actor
                )
        activity_record(
            actor=actor,
            verb="catalogue.imported",
            changes={
                "province": province.name,
                "new": preview.count("new"),
                "versions": preview.count("version"),
                "unchanged": preview.count("unchanged"),
            },
        )
    return preview


def catalogue_workbook(versions: list[ProcedureVersion]) -> bytes:
    """The versions as an XLSX catalogue in the columns above; it reads back by import."""
    widths = [6, 12, 50, 22, 18, 10, 14, 30, 30, 12, 30, 14, 14, 60, 40, 14]
    headers = ["STT", *(label for _key, label in COLUMNS)]
    columns = [
        Column(header, width, DATE_FORMAT if key == "valid_from" else None, wrap=True)
        for header, width, key in zip(
            headers, widths, ["", *(key for key, _label in COLUMNS)], strict=True
        )
    ]
    book = XlsxBook(title="Danh mục TTHC")
    book.sheet(
        "Danh mục TTHC",
        columns,
        (
            [
                index,
                version.procedure.code,
                version.name,
                version.field.name,
                "; ".join(LEVEL_TEXT[level] for level in version.level_list),
                float(version.time_amount) if version.time_amount % 1 else int(version.time_amount),
                UNIT_TEXT[version.time_unit],
                version.time_note,
                version.fee,
                version.fee_amount,
                version.result,
                ONLINE_TEXT.get(version.online_level, "Không"),
                "Có" if version.cross_boundary else "Không",
                "\n".join(component_text(c) for c in version.components.all()),
                "; ".join(d.symbol for d in version.legal_basis.all()),
                version.valid_from,
            ]
            for index, version in enumerate(versions, start=1)
        ),
    )
    return book.to_bytes()
