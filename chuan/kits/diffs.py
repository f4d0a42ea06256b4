"""The difference and the three-way result as the screens show them: rows of two sides
(the model's and the agency's), each marked by what happened to it in words as well as
in colour, so that an official reading a printout or with a screen reader sees the same.
Pure: works on the units of `kits.merge` (text lines, or steps as tuples or JSON)."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from chuan.kits import merge
from chuan.kits.choices import ItemKind, MergeChunk
from chuan.procedures.choices import Responsible, StepUnit

STEP_FIELDS = (
    "name",
    "responsible",
    "department",
    "time_amount",
    "time_unit",
    "output",
    "forms",
    "signs",
    "gives_result",
)


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _amount(value: Any) -> str:
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    return format(number.quantize(1) if number == number.to_integral_value() else number, "f")


def step_text(unit: Any) -> str:
    """A step (a tuple in `STEP_FIELDS`' order, or its JSON) as one line an official reads:
    what is done · who · how long · output."""
    step = dict(unit) if isinstance(unit, dict) else dict(zip(STEP_FIELDS, unit, strict=False))
    who = _label(Responsible, str(step.get("responsible", "")))
    if step.get("department"):
        who = f"{who} ({step['department']})"
    parts = [
        str(step.get("name", "")),
        who,
        " ".join(
            (_amount(step.get("time_amount", "")), _label(StepUnit, str(step.get("time_unit", ""))))
        ),
    ]
    if step.get("output"):
        parts.append(str(step["output"]))
    marks = []
    if step.get("signs"):
        marks.append(_("signed by a leader"))
    if step.get("gives_result"):
        marks.append(_("gives the result"))
    if marks:
        parts.append(", ".join(marks))
    return " · ".join(parts)


def unit_text(kind: str, unit: Any) -> str:
    return step_text(unit) if kind == ItemKind.PROCESS else str(unit)


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side difference: `op` is same, removed (only the model has it),
    added (only the agency has it) or changed; `number` the step's number on each side."""

    op: str
    model: str = ""
    ours: str = ""
    model_number: int | None = None
    ours_number: int | None = None

    @property
    def css(self) -> str:
        return f"kit-diff-{self.op}"

    @property
    def mark(self) -> str:
        return {"same": "", "removed": "−", "added": "+", "changed": "±"}[self.op]

    @property
    def label(self) -> str:
        return {
            "same": _("Unchanged"),
            "removed": _("Only in the model"),
            "added": _("Only in the agency's"),
            "changed": _("Changed by the agency"),
        }[self.op]


def diff_rows(kind: str, model: Sequence[Any], ours: Sequence[Any]) -> list[DiffRow]:
    """The model's units against the agency's, row by row."""
    return rows_of(kind, merge.diff(list(model), list(ours)))


def rows_of(kind: str, pieces: Sequence[merge.DiffLine]) -> list[DiffRow]:
    """The pieces of `merge.diff` (model on the left, the agency's on the right) as rows."""
    rows: list[DiffRow] = []
    m = o = 0
    for piece in pieces:
        if piece.op == "equal":
            for unit in piece.old:
                m, o = m + 1, o + 1
                rows.append(DiffRow("same", unit_text(kind, unit), unit_text(kind, unit), m, o))
        elif piece.op == "delete":
            for unit in piece.old:
                m += 1
                rows.append(DiffRow("removed", model=unit_text(kind, unit), model_number=m))
        elif piece.op == "insert":
            for unit in piece.new:
                o += 1
                rows.append(DiffRow("added", ours=unit_text(kind, unit), ours_number=o))
        else:
            pairs = max(len(piece.old), len(piece.new))
            for index in range(pairs):
                old = piece.old[index] if index < len(piece.old) else None
                new = piece.new[index] if index < len(piece.new) else None
                if old is not None:
                    m += 1
                if new is not None:
                    o += 1
                op = (
                    "changed"
                    if old is not None and new is not None
                    else ("removed" if old is not None else "added")
                )
                rows.append(
                    DiffRow(
                        op,
                        unit_text(kind, old) if old is not None else "",
                        unit_text(kind, new) if new is not None else "",
                        m if old is not None else None,
                        o if new is not None else None,
                    )
                )
    return rows


def changed_count(rows: Sequence[DiffRow]) -> int:
    return sum(1 for row in rows if row.op != "same")


@dataclass(frozen=True)
class MergeRow:
    """One region of the prepared draft: where it comes from, its lines, and for a
    conflict (numbered from 1) the agency's and the model's sides."""

    kind: str
    lines: tuple[str, ...] = ()
    ours: tuple[str, ...] = ()
    theirs: tuple[str, ...] = ()
    number: int | None = None

    @property
    def css(self) -> str:
        return f"kit-merge-{self.kind}"

    @property
    def label(self) -> str:
        return str(MergeChunk(self.kind).label)

    @property
    def is_conflict(self) -> bool:
        return self.kind == MergeChunk.CONFLICT


def merge_rows(kind: str, merged: Sequence[dict[str, Any]]) -> list[MergeRow]:
    """The stored merge of an update request as rows to show."""
    rows: list[MergeRow] = []
    number = 0
    for chunk in merged:
        chunk_kind = str(chunk.get("kind", MergeChunk.SAME))
        if chunk_kind not in MergeChunk.values:
            chunk_kind = MergeChunk.SAME
        if chunk_kind == MergeChunk.CONFLICT:
            number += 1
            rows.append(
                MergeRow(
                    chunk_kind,
                    ours=tuple(unit_text(kind, u) for u in chunk.get("ours", [])),
                    theirs=tuple(unit_text(kind, u) for u in chunk.get("theirs", [])),
                    number=number,
                )
            )
        else:
            rows.append(
                MergeRow(
                    chunk_kind, lines=tuple(unit_text(kind, u) for u in chunk.get("units", []))
                )
            )
    return rows
