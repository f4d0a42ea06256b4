"""Placeholders of a model's text, filled with the adopting agency's own facts.

A placeholder is a name of lower-case ASCII letters, digits and underscores between double
braces, spaces allowed inside: `{{ten_co_quan}}`, `{{ ma_co_quan }}`. The names are
Vietnamese without diacritics, as the keepers write them (`PLACEHOLDERS`). A known name
the agency has no value for (no ISO secretary named yet) becomes a dotted line to fill by
hand and is reported as missing; an unknown name is left as written and reported, so a
typing slip in a model is seen, never silently dropped. Pure: no database.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"\{\{\s*([a-z0-9_]{1,40})\s*\}\}")
BLANK = "…………"

PLACEHOLDERS: dict[str, Promise] = {
    "ten_co_quan": _("the agency's name (Ủy ban nhân dân xã Ia Grai)"),
    "ten_viet_tat": _("the agency's short name"),
    "ma_co_quan": _("the agency's electronic code (QCVN 102:2016/BTTTT)"),
    "dia_ban": _("the administrative unit's name (xã Ia Grai)"),
    "tinh": _("the province's name"),
    "lanh_dao": _("the head of the agency (the first leader on its list)"),
    "thu_ky_iso": _("the agency's ISO secretary"),
    "nam": _("the year of adoption"),
}


@dataclass
class Filled:
    """A text with its placeholders filled, and the names that could not be."""

    text: str
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def names_in(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use."""
    seen: dict[str, None] = {}
    for match in PATTERN.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)


def fill(text: str, values: Mapping[str, str]) -> Filled:
    """`text` with each known placeholder replaced by its value (a dotted line when the
    value is empty), unknown ones left as they are."""
    missing: dict[str, None] = {}
    unknown: dict[str, None] = {}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            unknown.setdefault(name, None)
            return match.group(0)
        value = (values.get(name) or "").strip()
        if not value:
            missing.setdefault(name, None)
            return BLANK
        return value

    return Filled(PATTERN.sub(replace, text), list(missing), list(unknown))


def fill_text(text: str, values: Mapping[str, str]) -> str:
    """Only the filled text."""
    return fill(text, values).text
