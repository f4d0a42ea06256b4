"""The report templates as data: `data/appendix2.json` (the December report on the form of
QĐ 19/2014 Appendix II) and `data/november.json` (the November inspection results, TT 26/2014
Art. 38.1).

The field list of Appendix II is NOT confirmed (wave2_domain.md §2.2 marks it [?]): its
columns, the blocks agencies are grouped in and the narrative sections are kept in the JSON
file, each column naming the selector (`selectors.reports.COLUMN_SELECTORS`) that computes it,
so the form can be corrected without touching code. Labels carry the form's Vietnamese
wording and an English one, picked by the active language.
"""

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

from chuan.core.text import fold
from chuan.inspections.report_states import ReportKind

DATA = Path(__file__).parent / "data"
FILES = {ReportKind.NOVEMBER: "november.json", ReportKind.DECEMBER: "appendix2.json"}


def label(value: Any) -> str:
    """A template label in the active language (Vietnamese unless English is active)."""
    if isinstance(value, dict):
        language = (get_language() or "vi")[:2]
        return str(value.get(language) or value.get("vi") or value.get("en") or "")
    return str(value or "")


@dataclass(frozen=True)
class Block:
    key: str
    label: Any
    kinds: frozenset[str]
    levels: frozenset[str]
    has_parent: bool | None
    name_prefixes: tuple[str, ...]
    shown_until: datetime.date | None

    def matches(self, kind: str, level: str, has_parent: bool, name: str) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        if self.levels and level not in self.levels:
            return False
        if self.has_parent is not None and has_parent != self.has_parent:
            return False
        folded = fold(name) + " "
        return not self.name_prefixes or folded.startswith(self.name_prefixes)

    def shown_on(self, on: datetime.date) -> bool:
        return self.shown_until is None or on <= self.shown_until


@dataclass(frozen=True)
class Template:
    code: str
    version: int
    confirmed: bool
    title: Any
    legal_basis: str
    recipient: str
    excluded_kinds: frozenset[str]
    blocks: tuple[Block, ...]
    columns: tuple[dict[str, Any], ...]
    sections: tuple[dict[str, Any], ...]

    def block_of(self, kind: str, level: str, has_parent: bool, name: str) -> str | None:
        """The key of the first block the agency matches; None when it is not counted."""
        if kind in self.excluded_kinds:
            return None
        for block in self.blocks:
            if block.matches(kind, level, has_parent, name):
                return block.key
        return None

    def section_keys(self) -> list[str]:
        return [section["key"] for section in self.sections]


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _blocks(raw: list[dict[str, Any]]) -> tuple[Block, ...]:
    blocks = []
    for item in raw:
        match = item.get("match", {})
        until = item.get("shown_until")
        blocks.append(
            Block(
                key=item["key"],
                label=item["label"],
                kinds=frozenset(match.get("kinds", ())),
                levels=frozenset(match.get("levels", ())),
                has_parent=match.get("has_parent"),
                name_prefixes=tuple(fold(p) + " " for p in match.get("name_prefixes", ())),
                shown_until=datetime.date.fromisoformat(until) if until else None,
            )
        )
    return tuple(blocks)


@cache
def template(kind: str) -> Template:
    """The template of a kind of report, read once per process."""
    data = _read(FILES[ReportKind(kind)])
    source = _read(data["blocks_from"]) if "blocks_from" in data else data
    return Template(
        code=data["code"],
        version=int(data["version"]),
        confirmed=bool(data.get("confirmed")),
        title=data["title"],
        legal_basis=data.get("legal_basis", ""),
        recipient=data.get("recipient", ""),
        excluded_kinds=frozenset(source.get("excluded_kinds", ())),
        blocks=_blocks(source["blocks"]),
        columns=tuple(data["columns"]),
        sections=tuple(data["sections"]),
    )
