"""Importing agencies' QMS events from the spreadsheet a province collects from its agencies.

Each row is one event of one agency: who (electronic agency code, or the agency's name as the
province writes it), what happened (steering committee, building, documents issued,
announcement, re-announcement, applying, lapse — QĐ 19/2014/QĐ-TTg's steps), when, and for an
announcement the decision that made it official. The whole file is checked first, each row
against the agency's history *including the earlier rows of the same file*; the preview lists
every change and every bad row with its reasons, and nothing is written unless every row is
valid. Rows already recorded (same agency, event and date) are shown and skipped, so the same
sheet sent again changes nothing.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.text import fold
from chuan.organisations.forms import parse_date
from chuan.organisations.imports import ImportFileError
from chuan.organisations.models import Agency
from chuan.organisations.scoping import visible_agencies
from chuan.rollout import lifecycle
from chuan.rollout.choices import EventKind, QmsStatus
from chuan.rollout.models import QmsEvent
from chuan.rollout.services import EventData, event_check, event_record

MAX_ROWS = 5000
# A province's sheet often opens with a title and a blank line; the header is looked for in
# the first rows.
HEADER_SEARCH_ROWS = 10

# Column headers accepted, folded (no diacritics, lower case) → field.
HEADERS = {
    "ma dinh danh": "code",
    "ma dinh danh dien tu": "code",
    "ma co quan": "code",
    "agency code": "code",
    "code": "code",
    "ten co quan": "name",
    "co quan": "name",
    "ten don vi": "name",
    "agency": "name",
    "agency name": "name",
    "name": "name",
    "su kien": "kind",
    "event": "kind",
    "kind": "kind",
    "ngay": "occurred_on",
    "ngay su kien": "occurred_on",
    "date": "occurred_on",
    "so quyet dinh": "decision_number",
    "decision number": "decision_number",
    "ngay quyet dinh": "decision_date",
    "decision date": "decision_date",
    "nguoi ky": "signer",
    "signer": "signer",
    "signed by": "signer",
    "phien ban iso": "iso_edition",
    "iso edition": "iso_edition",
    "pham vi": "scope",
    "pham vi ap dung": "scope",
    "scope": "scope",
    "don vi tu van": "consultant",
    "consultant": "consultant",
    "ghi chu": "note",
    "note": "note",
}

# The words provinces write in their sheets for each event, beyond the labels themselves.
KIND_ALIASES = {
    "thanh lap ban chi dao": EventKind.COMMITTEE_APPOINTED,
    "ban chi dao": EventKind.COMMITTEE_APPOINTED,
    "xay dung": EventKind.BUILDING_STARTED,
    "dang xay dung": EventKind.BUILDING_STARTED,
    "bat dau xay dung": EventKind.BUILDING_STARTED,
    "ban hanh tai lieu": EventKind.DOCUMENTS_ISSUED,
    "cong bo": EventKind.ANNOUNCED,
    "da cong bo": EventKind.ANNOUNCED,
    "cong bo lai": EventKind.REANNOUNCED,
    "ap dung": EventKind.APPLYING_CONFIRMED,
    "dang ap dung": EventKind.APPLYING_CONFIRMED,
    "het hieu luc": EventKind.LAPSED,
    "khong con hieu luc": EventKind.LAPSED,
}
_EDITION = re.compile(r"\b(2008|2015)\b")


@dataclass
class StatusRow:
    """One line of the sheet: its cells, the agency and event it names, what is wrong."""

    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    agency: Agency | None = None
    data: EventData | None = None
    status_before: str = ""
    status_after: str = ""
    already_recorded: bool = False

    @property
    def kind_label(self) -> str:
        return str(EventKind(self.data.kind).label) if self.data else self.values.get("kind", "")

    @property
    def status_before_label(self) -> str:
        return str(QmsStatus(self.status_before).label) if self.status_before else ""

    @property
    def status_after_label(self) -> str:
        return str(QmsStatus(self.status_after).label) if self.status_after else ""


@dataclass
class StatusPreview:
    rows: list[StatusRow]

    @property
    def bad_rows(self) -> list[StatusRow]:
        return [row for row in self.rows if row.errors]

    @property
    def changes(self) -> list[StatusRow]:
        return [row for row in self.rows if row.data is not None and not row.already_recorded]

    @property
    def unchanged(self) -> list[StatusRow]:
        return [row for row in self.rows if row.already_recorded]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.bad_rows


def _kind_lookup() -> dict[str, str]:
    """Folded code, Vietnamese and English label of each event, and the sheet words."""
    lookup = {alias: str(kind) for alias, kind in KIND_ALIASES.items()}
    for code, label in EventKind.choices:
        lookup[fold(code)] = str(code)
        for language in ("vi", "en"):
            with translation.override(language):
                lookup.setdefault(fold(str(label)), str(code))
    return lookup


def _header(numbered: list[tuple[int, list[str]]]) -> tuple[int, list[str | None]]:
    for index, (_line, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
        columns = [HEADERS.get(fold(cell)) for cell in row]
        if "kind" in columns and "occurred_on" in columns:
            return index, columns
    missing = _("Sự kiện (event) and Ngày (date)")
    raise ImportFileError(_("The file lacks the columns: %(columns)s.") % {"columns": missing})


def _date(values: dict[str, str], name: str, label: str, errors: list[str]) -> Any:
    try:
        return parse_date(values.get(name))
    except ValueError:
        errors.append(
            _("%(column)s: “%(v)s” is not a date (use dd/mm/yyyy).")
            % {"column": label, "v": values.get(name, "")}
        )
        return None


class _AgencyFinder:
    """Finds the agency a row names among those the importer may see: by electronic code, or
    by name (diacritics and case ignored), keeping only agencies that existed on the row's
    date when a name is shared (Sở Tư pháp of Gia Lai before and since 1 July 2025)."""

    def __init__(self, user: Any, codes: set[str], names: set[str]) -> None:
        scope = visible_agencies(user)
        self.by_code = {a.code: a for a in scope.filter(code__in=codes)} if codes else {}
        self.by_name: dict[str, list[Agency]] = defaultdict(list)
        if names:
            # Names are compared folded, which the database cannot do on the name column:
            # the ids and names of the visible agencies are read once, the matches loaded.
            matched = [pk for pk, name in scope.values_list("pk", "name") if fold(name) in names]
            for agency in Agency.objects.filter(pk__in=matched).order_by("pk"):
                self.by_name[fold(agency.name)].append(agency)

    def find(self, values: dict[str, str], on: datetime.date | None) -> tuple[Agency | None, str]:
        code = values.get("code", "").strip().upper()
        if code:
            agency = self.by_code.get(code)
            if agency is None:
                return None, _("No agency you manage has the electronic code “%(v)s”.") % {
                    "v": code
                }
            return agency, ""
        name = values.get("name", "").strip()
        if not name:
            return None, _("Give the agency's electronic code or its name.")
        matches = self.by_name.get(fold(name), [])
        if len(matches) > 1 and on is not None:
            matches = [
                a
                for a in matches
                if (a.valid_from is None or a.valid_from <= on)
                and (a.valid_to is None or on <= a.valid_to)
            ] or matches
        if not matches:
            return None, _("No agency you manage is named “%(v)s”.") % {"v": name}
        if len(matches) > 1:
            return None, _(
                "Several agencies you manage are named “%(v)s”; give the electronic code."
            ) % {"v": name}
        return matches[0], ""


def build_status_preview(table: list[list[str]], *, user: Any) -> StatusPreview:
    """Check every row of the sheet; raise ImportFileError if the file as a whole is unusable.

    Line numbers are those of the spreadsheet, blank lines included.
    """
    numbered = [(n, row) for n, row in enumerate(table, start=1) if any(cell for cell in row)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    header_index, columns = _header(numbered)
    if "code" not in columns and "name" not in columns:
        raise ImportFileError(
            _("The file lacks the columns: %(columns)s.")
            % {"columns": _("Mã định danh (agency code) or Tên cơ quan (agency name)")}
        )
    body = numbered[header_index + 1 :]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS})
    # Every field is present (blank when the sheet lacks its column), so the preview can show
    # any of them.
    blank = dict.fromkeys(HEADERS.values(), "")
    records = [
        (
            line,
            blank
            | {
                col: (raw[i].strip() if i < len(raw) else "")
                for i, col in enumerate(columns)
                if col is not None
            },
        )
        for line, raw in body
    ]
    finder = _AgencyFinder(
        user,
        codes={v["code"].strip().upper() for _l, v in records if v.get("code")},
        names={fold(v["name"]) for _l, v in records if v.get("name") and not v.get("code")},
    )
    kinds = _kind_lookup()
    rows: list[StatusRow] = []
    pending: list[StatusRow] = []
    for line, values in records:
        row = StatusRow(line=line, values=values)
        rows.append(row)
        kind = kinds.get(fold(values.get("kind", "")))
        if kind is None:
            row.errors.append(
                _("Unknown event “%(v)s”.") % {"v": values.get("kind", "")}
                if values.get("kind")
                else _("Say what happened (the Sự kiện column).")
            )
        occurred_on = _date(values, "occurred_on", _("Date"), row.errors)
        if occurred_on is None and not values.get("occurred_on"):
            row.errors.append(_("Give the date of the event."))
        decision_date = _date(values, "decision_date", _("Decision date"), row.errors)
        edition = ""
        if values.get("iso_edition"):
            match = _EDITION.search(values["iso_edition"])
            if match is None:
                row.errors.append(
                    _("ISO edition “%(v)s”: write 2008 or 2015.") % {"v": values["iso_edition"]}
                )
            else:
                edition = match.group(1)
        too_long = [
            (name, limit)
            for name, limit in (("decision_number", 60), ("signer", 150), ("consultant", 255))
            if len(values.get(name, "")) > limit
        ]
        for name, limit in too_long:
            row.errors.append(
                _("“%(v)s” is longer than %(n)s characters.")
                % {"v": values[name][:30] + "…", "n": limit}
            )
        row.agency, problem = finder.find(values, occurred_on)
        if problem:
            row.errors.append(problem)
        if row.errors or kind is None or occurred_on is None:
            continue
        row.data = EventData(
            kind=kind,
            occurred_on=occurred_on,
            decision_number=values.get("decision_number", ""),
            decision_date=decision_date,
            signer=values.get("signer", ""),
            iso_edition=edition,
            scope=values.get("scope", ""),
            consultant=values.get("consultant", ""),
            note=values.get("note", ""),
        )
        pending.append(row)
    _check_against_histories(pending)
    return StatusPreview(rows=rows)


def _check_against_histories(rows: list[StatusRow]) -> None:
    """Validate each row through `event_check` against the agency's recorded history plus the
    valid earlier rows of the file: one query for every agency's history."""
    agency_ids = {row.agency.pk for row in rows if row.agency is not None}
    recorded: dict[int, list[lifecycle.Event]] = defaultdict(list)
    existing: set[tuple[int, str, datetime.date]] = set()
    for agency_id, kind, on, number, decision_date in (
        QmsEvent.objects.in_force()
        .filter(agency_id__in=agency_ids)
        .values_list("agency_id", "kind", "occurred_on", "decision_number", "decision_date")
    ):
        recorded[agency_id].append(lifecycle.Event(kind, on, number, decision_date))
        existing.add((agency_id, kind, on))
    in_file: set[tuple[int, str, datetime.date]] = set()
    for row in rows:
        assert row.agency is not None and row.data is not None
        history = recorded[row.agency.pk]
        key = (row.agency.pk, row.data.kind, row.data.occurred_on)
        before = lifecycle.status_on(history, datetime.date.max)
        row.status_before = row.status_after = before
        if key in in_file:
            row.errors.append(_("The same event is on an earlier line of the file."))
            row.data = None
            continue
        in_file.add(key)
        if key in existing:
            row.already_recorded = True
            continue
        try:
            event_check(agency=row.agency, data=row.data, history=list(history))
        except ValidationError as exc:
            row.errors.extend(msg for msgs in exc.message_dict.values() for msg in msgs)
            row.data = None
            continue
        history.append(
            lifecycle.Event(
                row.data.kind,
                row.data.occurred_on,
                row.data.decision_number,
                row.data.decision_date,
            )
        )
        history[:] = lifecycle.ordered(history)
        row.status_after = lifecycle.status_on(history, datetime.date.max)


def statuses_import(*, table: list[list[str]], actor: Any) -> tuple[StatusPreview, list[QmsEvent]]:
    """Check the whole table again and, only if every row is valid, record every new event
    through `event_record` in one transaction (one activity entry each, and one for the
    import). A refusal on any row, even one raised by a concurrent change, writes nothing."""
    preview = build_status_preview(table, user=actor)
    if not preview.is_valid:
        return preview, []
    created: list[QmsEvent] = []
    current: StatusRow | None = None
    try:
        with transaction.atomic():
            for current in preview.changes:
                assert current.agency is not None and current.data is not None
                created.append(event_record(agency=current.agency, data=current.data, actor=actor))
            activity_record(
                actor=actor,
                verb="qms_events.imported",
                changes={"created": len(created), "unchanged": len(preview.unchanged)},
            )
    except ValidationError as exc:
        # Someone recorded an event for this agency between the check and the write.
        (current or preview.rows[0]).errors.extend(exc.messages)
        return preview, []
    return preview, created
