"""The symbol (số, ký hiệu) of a Vietnamese legal or administrative document.

Decree 30/2020/NĐ-CP (Appendix I) writes it as number / type code - issuer code, with the
year between number and type for legal normative documents (Law on Promulgation of Legal
Documents: "61/2018/NĐ-CP", "12/2024/QĐ-UBND"), and without it for administrative ones
("658/QĐ-UBND"). Laws and resolutions of the National Assembly carry the Assembly's term
instead of a type code ("60/2014/QH13"), ordinances the Standing Committee's
("01/2022/UBTVQH15"); official letters carry no type code at all ("1234/UBND-KGVX").
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.legal.choices import DocumentKind

# Type codes of Decree 30/2020/NĐ-CP, Appendix III, and the kind each belongs to.
TYPE_CODES: dict[str, str] = {
    "NĐ": DocumentKind.DECREE,
    "QĐ": DocumentKind.DECISION,
    "TT": DocumentKind.CIRCULAR,
    "TTLT": DocumentKind.JOINT_CIRCULAR,
    "CT": DocumentKind.DIRECTIVE,
    "KH": DocumentKind.PLAN,
    "TB": DocumentKind.NOTICE,
    "NQ": DocumentKind.RESOLUTION,
    "QC": DocumentKind.OTHER,
    "QyĐ": DocumentKind.OTHER,
    "HD": DocumentKind.OTHER,
    "BC": DocumentKind.OTHER,
    "TTr": DocumentKind.OTHER,
    "CTr": DocumentKind.OTHER,
    "PA": DocumentKind.OTHER,
    "ĐA": DocumentKind.OTHER,
    "BB": DocumentKind.OTHER,
    "GM": DocumentKind.OTHER,
    "CĐ": DocumentKind.OTHER,
}
# People type "ND-CP" or "qd-ubnd" without the Đ or the capitals; the code is read back in its
# official spelling.
_TYPE_LOOKUP = {code.upper().replace("Đ", "D"): code for code in TYPE_CODES}
_ASSEMBLY = re.compile(r"^(QH|UBTVQH)(\d{1,2})$", re.IGNORECASE)
_SHAPE = re.compile(r"^(\d{1,6})([a-zA-Z]?)/(?:(\d{4})/)?([^/\s]+)$")
_PART = re.compile(r"^[0-9A-Za-zĐđ&.]*[A-Za-zĐđ][0-9A-Za-zĐđ&.]*$")
# Kinds whose symbol must carry the year: they are always legal normative documents.
_YEAR_REQUIRED = {
    DocumentKind.LAW,
    DocumentKind.ORDINANCE,
    DocumentKind.DECREE,
    DocumentKind.CIRCULAR,
    DocumentKind.JOINT_CIRCULAR,
}
FIRST_YEAR = 1945


class SymbolError(ValueError):
    """A symbol that cannot be read, with the reason in the user's language."""


@dataclass(frozen=True)
class Symbol:
    """A document symbol read into its parts."""

    number: int
    suffix: str
    year: int | None
    type_code: str
    issuer_code: str

    @property
    def text(self) -> str:
        year = f"{self.year}/" if self.year else ""
        code = f"{self.type_code}-{self.issuer_code}" if self.type_code else self.issuer_code
        # Numbers under ten are written with a leading zero (Decree 30/2020/NĐ-CP, App. I).
        return f"{self.number:02d}{self.suffix}/{year}{code}"

    @property
    def kinds(self) -> set[str]:
        """The document kinds this symbol may belong to."""
        if self.type_code:
            kind = TYPE_CODES[self.type_code]
            if kind == DocumentKind.RESOLUTION:
                return {kind}
            return {kind, DocumentKind.OTHER} if kind != DocumentKind.OTHER else {kind}
        match = _ASSEMBLY.match(self.issuer_code)
        if match and match.group(1).upper() == "QH":
            return {DocumentKind.LAW, DocumentKind.RESOLUTION, DocumentKind.CONSTITUTION}
        if match:
            return {DocumentKind.ORDINANCE, DocumentKind.RESOLUTION}
        return {DocumentKind.OFFICIAL_LETTER, DocumentKind.OTHER}


def _normalised(text: str) -> str:
    text = re.sub(r"^\s*(số|so)\s*:?\s*", "", text.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text.replace("–", "-").replace("—", "-"))


def parse_symbol(text: str) -> Symbol:
    """Read a symbol such as `61/2018/NĐ-CP`; raise SymbolError saying what is wrong."""
    shape = _("Write the symbol as number/year/type-issuer, e.g. 61/2018/NĐ-CP or 658/QĐ-UBND.")
    match = _SHAPE.match(_normalised(text))
    if not match:
        raise SymbolError(shape)
    number_text, suffix, year_text, code = match.groups()
    number = int(number_text)
    if number == 0:
        raise SymbolError(_("The number of a document starts at 1."))
    year = int(year_text) if year_text else None
    if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise SymbolError(_("The year %(year)s in the symbol is not possible.") % {"year": year})
    parts = code.split("-")
    if any(not part or not _PART.match(part) for part in parts):
        raise SymbolError(shape)
    type_code = _TYPE_LOOKUP.get(parts[0].upper().replace("Đ", "D"), "")
    if type_code:
        issuer = parts[1:]
        if not issuer:
            raise SymbolError(
                _("After the type code %(code)s comes the issuer, e.g. %(code)s-UBND.")
                % {"code": type_code}
            )
    else:
        issuer = parts
        assembly = _ASSEMBLY.match(parts[0])
        if assembly:
            issuer = [f"{assembly.group(1).upper()}{assembly.group(2)}", *parts[1:]]
    return Symbol(number, suffix.lower(), year, type_code, "-".join(map(_issuer_part, issuer)))


def _issuer_part(part: str) -> str:
    # Issuer codes are capitals ("CP", "UBND") except the Prime Minister's "TTg"; a code
    # typed all in small letters is read in its official spelling.
    if part.lower() == "ttg":
        return "TTg"
    return part.upper() if part.islower() else part


def check_symbol(text: str, *, kind: str, issue_date: datetime.date | None) -> Symbol:
    """Read the symbol and check it against the document's kind and issue date."""
    symbol = parse_symbol(text)
    if kind not in symbol.kinds:
        expected = {code for code, code_kind in TYPE_CODES.items() if code_kind == kind} or {"QH"}
        raise SymbolError(
            _(
                "A document of type “%(kind)s” has the type code %(codes)s in its symbol, "
                "not %(found)s."
            )
            % {
                "kind": DocumentKind(kind).label,
                "codes": " / ".join(sorted(expected)),
                "found": symbol.type_code or symbol.issuer_code,
            }
        )
    if kind in _YEAR_REQUIRED and symbol.year is None:
        raise SymbolError(
            _(
                "A document of type “%(kind)s” is a legal normative document: its symbol "
                "carries the year, e.g. %(example)s."
            )
            % {"kind": DocumentKind(kind).label, "example": "61/2018/NĐ-CP"}
        )
    if symbol.year is not None and issue_date is not None and symbol.year != issue_date.year:
        raise SymbolError(
            _("The symbol says %(year)s but the document was issued in %(issued)s.")
            % {"year": symbol.year, "issued": issue_date.year}
        )
    return symbol
