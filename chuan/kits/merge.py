"""Differences and three-way merges of a model's text or steps, pure functions over
sequences of hashable units: the lines of a document's text (`lines`) or the steps of a
process (tuples of what each step says).

`diff(old, new)` says what changed between a model edition and the agency's text.
`merge3(base, ours, theirs)` carries the agency's local changes over to a new model
edition: `base` is the model edition the agency derived from, `ours` the agency's current
text, `theirs` the new model edition, all with the agency's placeholders filled. Where only
one side changed a region, that side wins; where both made the same change it is taken
once; where both changed the same region differently it is a conflict, kept with both
sides for the agency to choose (a region both rewrote line for line is merged line by
line, so two neighbouring steps changed one by each side do not conflict). The sync
regions are the stretches of `base` that both sides kept unchanged (the classic diff3
algorithm, as in GNU diff3 and bzr's merge3), found with the standard library's `difflib`.
"""

import difflib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chuan.kits.choices import MergeChunk


def lines(text: str) -> list[str]:
    """A text as the units the diff and merge compare: its lines, trailing spaces dropped,
    line endings unified (a Windows line end is no change)."""
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def text_of(units: Sequence[str]) -> str:
    return "\n".join(units)


@dataclass(frozen=True)
class DiffLine:
    """One piece of a difference: `op` is equal, insert, delete or replace (difflib's
    opcodes); `old` and `new` the units on each side."""

    op: str
    old: tuple[Any, ...]
    new: tuple[Any, ...]


def diff(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[DiffLine]:
    """What changed from `old` to `new`, in order."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        DiffLine(op, tuple(old[i1:i2]), tuple(new[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def changed(old: Sequence[Hashable], new: Sequence[Hashable]) -> bool:
    return list(old) != list(new)


@dataclass(frozen=True)
class Chunk:
    """One region of a merge: where it comes from (`MergeChunk`), the units it holds in the
    result (empty for a conflict until resolved), and for a conflict each side's units."""

    kind: str
    units: tuple[Any, ...] = ()
    base: tuple[Any, ...] = ()
    ours: tuple[Any, ...] = ()
    theirs: tuple[Any, ...] = ()


def _sync_regions(
    base: Sequence[Hashable], ours: Sequence[Hashable], theirs: Sequence[Hashable]
) -> list[tuple[int, int, int, int, int, int]]:
    """Regions of `base` both sides kept unchanged, as (base start, base end, ours start,
    ours end, theirs start, theirs end), ending with an empty region at the three ends."""
    ours_blocks = difflib.SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks()
    theirs_blocks = difflib.SequenceMatcher(
        None, base, theirs, autojunk=False
    ).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ours_blocks) and j < len(theirs_blocks):
        a_base, a_at, a_len = ours_blocks[i]
        b_base, b_at, b_len = theirs_blocks[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            a_start = a_at + (start - a_base)
            b_start = b_at + (start - b_base)
            regions.append(
                (start, end, a_start, a_start + end - start, b_start, b_start + end - start)
            )
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(ours), len(ours), len(theirs), len(theirs)))
    return regions


def merge3(
    base: Sequence[Hashable], ours: Sequence[Hashable], theirs: Sequence[Hashable]
) -> list[Chunk]:
    """The three-way merge of `ours` and `theirs` from their common `base`, as chunks in
    order; adjacent chunks of one kind are joined."""
    chunks: list[Chunk] = []
    at_base = at_ours = at_theirs = 0
    for z_start, z_end, a_start, a_end, b_start, b_end in _sync_regions(base, ours, theirs):
        z = tuple(base[at_base:z_start])
        a = tuple(ours[at_ours:a_start])
        b = tuple(theirs[at_theirs:b_start])
        if z or a or b:
            if a == b:
                chunks.append(Chunk(MergeChunk.SAME if a == z else MergeChunk.BOTH, a))
            elif a == z:
                chunks.append(Chunk(MergeChunk.THEIRS, b))
            elif b == z:
                chunks.append(Chunk(MergeChunk.OURS, a))
            elif len(a) == len(b) == len(z):
                chunks.extend(_line_by_line(z, a, b))
            else:
                chunks.append(Chunk(MergeChunk.CONFLICT, (), z, a, b))
        if z_end > z_start:
            chunks.append(Chunk(MergeChunk.SAME, tuple(base[z_start:z_end])))
        at_base, at_ours, at_theirs = z_end, a_end, b_end
    return _joined(chunks)


def _line_by_line(z: tuple[Any, ...], a: tuple[Any, ...], b: tuple[Any, ...]) -> list[Chunk]:
    """Both sides changed a region line for line (two neighbouring steps, say, one changed
    by each): merged unit by unit, so that only a unit both changed differently conflicts."""
    chunks = []
    for base_unit, our_unit, their_unit in zip(z, a, b, strict=True):
        if our_unit == their_unit:
            kind = MergeChunk.SAME if our_unit == base_unit else MergeChunk.BOTH
            chunks.append(Chunk(kind, (our_unit,)))
        elif our_unit == base_unit:
            chunks.append(Chunk(MergeChunk.THEIRS, (their_unit,)))
        elif their_unit == base_unit:
            chunks.append(Chunk(MergeChunk.OURS, (our_unit,)))
        else:
            chunks.append(Chunk(MergeChunk.CONFLICT, (), (base_unit,), (our_unit,), (their_unit,)))
    return chunks


def _joined(chunks: list[Chunk]) -> list[Chunk]:
    joined: list[Chunk] = []
    for chunk in chunks:
        if chunk.kind != MergeChunk.CONFLICT and not chunk.units:
            continue  # a region both sides deleted leaves nothing to show
        if joined and chunk.kind == joined[-1].kind and chunk.kind != MergeChunk.CONFLICT:
            joined[-1] = Chunk(chunk.kind, joined[-1].units + chunk.units)
        else:
            joined.append(chunk)
    return joined


def conflicts(chunks: Sequence[Chunk]) -> int:
    return sum(1 for chunk in chunks if chunk.kind == MergeChunk.CONFLICT)


OURS, THEIRS = "ours", "theirs"


def resolve(chunks: Sequence[Chunk], choices: Mapping[int, str]) -> list[Any] | None:
    """The merged units, each conflict (numbered from 1 in order) taking the side chosen in
    `choices` ("ours" or "theirs"); None while a conflict has no valid choice."""
    result: list[Any] = []
    number = 0
    for chunk in chunks:
        if chunk.kind != MergeChunk.CONFLICT:
            result.extend(chunk.units)
            continue
        number += 1
        side = choices.get(number)
        if side == OURS:
            result.extend(chunk.ours)
        elif side == THEIRS:
            result.extend(chunk.theirs)
        else:
            return None
    return result


def unresolved(chunks: Sequence[Chunk], choices: Mapping[int, str]) -> list[int]:
    """The numbers of the conflicts `choices` leaves without a side."""
    numbers = range(1, conflicts(chunks) + 1)
    return [n for n in numbers if choices.get(n) not in (OURS, THEIRS)]


def to_json(chunks: Sequence[Chunk], *, unit: Any = None) -> list[dict[str, Any]]:
    """Chunks as stored with an update request; `unit` turns a unit into JSON (steps)."""

    def side(units: tuple[Any, ...]) -> list[Any]:
        return [unit(u) if unit else u for u in units]

    rows: list[dict[str, Any]] = []
    for chunk in chunks:
        row: dict[str, Any] = {"kind": str(chunk.kind)}
        if chunk.kind == MergeChunk.CONFLICT:
            row.update(base=side(chunk.base), ours=side(chunk.ours), theirs=side(chunk.theirs))
        else:
            row["units"] = side(chunk.units)
        rows.append(row)
    return rows
