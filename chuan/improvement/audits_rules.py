"""Pure rules of the internal audit (đánh giá nội bộ; ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg
Art. 4.4b: at least once a year): the audit's state table, the standard's clauses and the
coverage of a year's programme, department by clause.

An audit with no department in its scope audits the whole agency: it covers every department
for its clauses. A sub-clause ("8.5.1") covers its main clause ("8"). An audit whose report
is issued (or closed) has covered its cells; a planned or running one has only planned them;
a cancelled one covers nothing.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from chuan.improvement.choices import AuditState as S
from chuan.improvement.choices import ChecklistResult, Severity

TRANSITIONS: dict[str, dict[str, str]] = {
    "start": {S.PLANNED: S.IN_PROGRESS},
    "issue_report": {S.IN_PROGRESS: S.REPORTED},
    "close": {S.REPORTED: S.CLOSED},
    "cancel": {S.PLANNED: S.CANCELLED, S.IN_PROGRESS: S.CANCELLED},
}
ACTIONS = tuple(TRANSITIONS)
DONE_STATES = (S.REPORTED, S.CLOSED)
# A checklist line with these results opens a nonconformity when the report is issued.
NC_RESULTS = {ChecklistResult.MINOR_NC: Severity.MINOR, ChecklistResult.MAJOR_NC: Severity.MAJOR}

MAIN_CLAUSES = ("4", "5", "6", "7", "8", "9", "10")
TEMPLATE_FILE = Path(__file__).parent / "data" / "audit_checklist_iso9001_2015.json"

PLANNED = "planned"
DONE = "done"


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None if it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


@cache
def template_data() -> dict[str, Any]:
    """The clause-based checklist template as the data file holds it (code, version,
    clauses 4–10 with their sub-clauses and question prompts in Vietnamese)."""
    data: dict[str, Any] = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
    return data


@cache
def clause_titles() -> dict[str, str]:
    """Every clause the audit scope may name ("4"…"10" and "4.1"…"10.3"), with its title."""
    titles: dict[str, str] = {}
    for main in template_data()["clauses"]:
        titles[main["clause"]] = main["title"]
        for sub in main["subclauses"]:
            titles[sub["clause"]] = sub["title"]
    return titles


def main_clause(clause: str) -> str:
    """ "8.5.1" → "8"."""
    return clause.strip().split(".", 1)[0]


def clause_key(clause: str) -> tuple[int, ...]:
    """Sort key: "10.2" after "9.3"; text that is not a clause sorts last."""
    parts = clause.split(".")
    return tuple(int(p) if p.isdigit() else 999 for p in parts)


def in_scope(line_clause: str, scope: Iterable[str]) -> bool:
    """Whether a checklist question on `line_clause` falls under the scope's clauses: a
    clause covers itself and its sub-clauses."""
    return any(line_clause == c or line_clause.startswith(c + ".") for c in scope)


@dataclass(frozen=True)
class AuditScope:
    """What the coverage needs of one audit: the departments and clauses of its scope (no
    department: the whole agency) and its state."""

    departments: frozenset[int]
    clauses: frozenset[str]
    state: str


@dataclass
class Coverage:
    """The year's coverage: for each (department id, main clause) cell, DONE, PLANNED or
    absent; `gaps` lists the cells the year leaves unaudited, in table order."""

    departments: list[tuple[int, str]]
    clauses: tuple[str, ...] = MAIN_CLAUSES
    cells: dict[tuple[int, str], str] = field(default_factory=dict)
    gaps: list[tuple[int, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[int, str, list[str]]]:
        """(department id, name, one state per main clause — "" when unaudited)."""
        return [
            (pk, name, [self.cells.get((pk, c), "") for c in self.clauses])
            for pk, name in self.departments
        ]

    @property
    def done_count(self) -> int:
        return sum(1 for v in self.cells.values() if v == DONE)

    @property
    def planned_count(self) -> int:
        return sum(1 for v in self.cells.values() if v == PLANNED)


def coverage(departments: Sequence[tuple[int, str]], audits: Iterable[AuditScope]) -> Coverage:
    """Which cells of departments × clauses 4–10 the year's audits cover. A done audit's
    cell stays done whatever else is planned on it; a department outside the list (of
    another agency, or no longer active) is ignored."""
    known = {pk for pk, _ in departments}
    cells: dict[tuple[int, str], str] = {}
    for audit in audits:
        if audit.state == S.CANCELLED:
            continue
        mark = DONE if audit.state in DONE_STATES else PLANNED
        targets = (audit.departments & known) if audit.departments else known
        mains = {main_clause(c) for c in audit.clauses} & set(MAIN_CLAUSES)
        for pk in targets:
            for clause in mains:
                if cells.get((pk, clause)) != DONE:
                    cells[(pk, clause)] = mark
    gaps = [(pk, c) for pk, _ in departments for c in MAIN_CLAUSES if (pk, c) not in cells]
    return Coverage(departments=list(departments), cells=cells, gaps=gaps)
