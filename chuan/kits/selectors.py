"""Reads of the province's QMS kits, scoped: who sees which sets (`permissions`), the
agency's update requests (its own agency; DOST its province), the keeper's reviews, the
diff of an adopted item against its model, and DOST's adoption table with its counts and
the roll-out dashboard's "runs on" column.

The adoption table reads a fixed number of queries whatever the number of agencies: the
candidate agencies, the items' newest editions, the adopted items, the approvals."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.calendars.selectors import working_calendar
from chuan.documents.choices import RevisionState
from chuan.documents.models import Revision
from chuan.kits import merge, permissions
from chuan.kits.choices import AdoptionState, EditionState, ItemKind, RequestStatus, SetScope
from chuan.kits.models import (
    AdoptedItem,
    ModelEdition,
    ModelItem,
    ModelReview,
    ModelSet,
    ModelStep,
    UpdateRequest,
)
from chuan.kits.services.common import (
    editions_with_steps,
    latest_processes,
    model_units,
    placeholder_values,
    process_units,
)
from chuan.organisations.choices import UnitKind, UnitLevel
from chuan.organisations.models import Agency
from chuan.organisations.scoping import (
    active_membership,
    province_family_ids,
    scope_queryset,
    user_province_ids,
)
from chuan.procedures import timing
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess
from chuan.procedures.selectors import version_in_force

# --- Sets, items, editions -------------------------------------------------------------------


def visible_sets(user: Any) -> QuerySet[ModelSet]:
    """The model sets `user` reads: those of their province (every province for the system
    administrator), and those their own agency keeps."""
    sets = ModelSet.objects.select_related("keeper", "province")
    if user is None:
        return sets
    if not permissions.may_read_kits(user):
        return sets.none()
    if user_scope(user) == Scope.ALL:
        return sets
    membership = active_membership(user)
    keeper = Q(keeper_id=membership.agency_id) if membership else Q(pk__in=[])
    return sets.filter(Q(province_id__in=user_province_ids(user)) | keeper)


def model_set_list(*, user: Any, query: str = "") -> QuerySet[ModelSet]:
    """Sets for a list: visible ones with their number of items and of adopting agencies."""
    sets = visible_sets(user).annotate(
        item_count=Count("items", distinct=True), adopter_count=Count("adoptions", distinct=True)
    )
    query = " ".join(query.split())[:100]
    if query:
        sets = sets.filter(Q(code__icontains=query) | Q(name__icontains=query))
    return sets.order_by("code")


def model_set_get(*, user: Any, pk: int) -> ModelSet | None:
    return visible_sets(user).filter(pk=pk).first()


def set_items(model_set: ModelSet) -> list[ModelItem]:
    """The set's items in order, each with `newest` (its newest approved edition or None),
    `draft` (its open draft or None) and `adopters` (how many agencies adopted it); three
    queries."""
    items: list[ModelItem] = list(
        model_set.items.select_related("procedure")
        .annotate(adopters=Count("adopted", distinct=True))
        .order_by("order", "code")
    )
    editions = ModelEdition.objects.filter(
        item__in=items, state__in=(EditionState.APPROVED, EditionState.DRAFT)
    ).order_by("item_id", "-number")
    newest: dict[int, ModelEdition] = {}
    drafts: dict[int, ModelEdition] = {}
    for edition in editions:
        target = drafts if edition.state == EditionState.DRAFT else newest
        target.setdefault(edition.item_id, edition)
    for item in items:
        item.newest = newest.get(item.pk)  # type: ignore[attr-defined]
        item.draft = drafts.get(item.pk)  # type: ignore[attr-defined]
    return items


def item_get(*, user: Any, pk: int) -> ModelItem | None:
    return (
        ModelItem.objects.filter(model_set__in=visible_sets(user))
        .select_related("model_set__keeper", "procedure")
        .filter(pk=pk)
        .first()
    )


def item_editions(item: ModelItem, user: Any) -> list[ModelEdition]:
    """The item's editions, newest first, with steps and legal basis; drafts and withdrawn
    drafts only for who keeps or approves the set."""
    editions = item.editions.select_related("prepared_by", "approved_by").prefetch_related(
        Prefetch("steps", queryset=ModelStep.objects.order_by("order")), "legal_basis"
    )
    if not permissions.sees_drafts(user, item.model_set):
        editions = editions.filter(state=EditionState.APPROVED)
    return list(editions.order_by("-number"))


def edition_get(*, user: Any, pk: int) -> ModelEdition | None:
    edition = (
        ModelEdition.objects.filter(item__model_set__in=visible_sets(user))
        .select_related("item__model_set__keeper", "item__procedure")
        .filter(pk=pk)
        .first()
    )
    if edition is None:
        return None
    if edition.state != EditionState.APPROVED and not permissions.sees_drafts(
        user, edition.item.model_set
    ):
        return None
    return edition


def edition_time_fit(edition: ModelEdition, on: datetime.date | None = None) -> Any:
    """A model process's total time against the statutory time of its procedure's version
    in force (`procedures.timing`, the same check as an agency's process); None for a model
    document or a procedure without a version in force. Over is a warning, not a refusal."""
    procedure = edition.item.procedure
    if procedure is None:
        return None
    on = on or timezone.localdate()
    version = version_in_force(procedure, on)
    if version is None:
        return None
    return timing.process_fit(
        [(step.time_amount, step.time_unit) for step in edition.steps.all()],
        (version.time_amount, version.time_unit),
        working_calendar(procedure.province_id),
        on,
    )


# --- The agency's side -----------------------------------------------------------------------


def adopted_items(*, user: Any, agency_id: int | None = None) -> QuerySet[AdoptedItem]:
    """Adopted items of the agencies `user` sees (one agency if asked)."""
    items = scope_queryset(AdoptedItem.objects.all(), user).select_related(
        "item__model_set", "base_edition", "kept_edition", "agency", "document", "process"
    )
    if agency_id is not None:
        items = items.filter(agency_id=agency_id)
    return items.order_by("agency_id", "item__model_set_id", "item__order", "item__code")


def adopted_item_get(*, user: Any, pk: int) -> AdoptedItem | None:
    return adopted_items(user=user).filter(pk=pk).first()


@dataclass
class ItemDiff:
    """An adopted item against a model edition, both with the agency's placeholders
    filled: `pieces` line by line (a document) or step by step (a process)."""

    edition: ModelEdition
    pieces: list[merge.DiffLine]

    @property
    def changed(self) -> bool:
        return any(piece.op != "equal" for piece in self.pieces)


def adopted_item_diff(adopted: AdoptedItem, edition: ModelEdition | None = None) -> ItemDiff:
    """What the agency changed from the model edition it derives from (or from `edition`,
    a newer one): the model's text on the left, the agency's current text or newest process
    edition on the right."""
    edition_id = edition.pk if edition is not None else adopted.base_edition_id
    model = editions_with_steps([edition_id])[edition_id]
    values = placeholder_values(
        [Agency.objects.select_related("unit__province").get(pk=adopted.agency_id)]
    )
    ours: list[Any]
    if adopted.item.kind == ItemKind.DOCUMENT:
        ours = merge.lines(adopted.text)
    else:
        key = (adopted.agency_id, adopted.item.procedure_id or 0)
        ours = process_units(latest_processes([key]).get(key))
    theirs = model_units(model, values[adopted.agency_id])
    return ItemDiff(model, merge.diff(theirs, ours))


def visible_requests(user: Any) -> QuerySet[UpdateRequest]:
    """Update requests of the agencies `user` sees."""
    return scope_queryset(UpdateRequest.objects.all(), user).select_related(
        "agency",
        "edition__item__model_set",
        "base_edition",
        "legal_document",
        "adopted_item",
    )


def request_list(
    *, user: Any, status: str = RequestStatus.OPEN, agency_id: int | None = None
) -> QuerySet[UpdateRequest]:
    """The agency's worklist of update requests (DOST: the province's), by due time."""
    requests = visible_requests(user).filter(status=status)
    if agency_id is not None:
        requests = requests.filter(agency_id=agency_id)
    return requests.order_by("due_at", "id")


def request_get(*, user: Any, pk: int) -> UpdateRequest | None:
    return visible_requests(user).filter(pk=pk).first()


def open_request_count(agency_id: int) -> int:
    """How many update requests wait on the agency (the home page's counter)."""
    return UpdateRequest.objects.filter(agency_id=agency_id, status=RequestStatus.OPEN).count()


def review_list(*, user: Any, status: str = "open") -> QuerySet[ModelReview]:
    """The keeper's reviews of models opened by changes of the law, in the sets `user`
    reads."""
    return (
        ModelReview.objects.filter(item__model_set__in=visible_sets(user), status=status)
        .select_related("item__model_set", "legal_document", "edition")
        .order_by("due_at", "id")
    )


def review_get(*, user: Any, pk: int) -> ModelReview | None:
    return (
        ModelReview.objects.filter(item__model_set__in=visible_sets(user), pk=pk)
        .select_related("item__model_set", "legal_document")
        .first()
    )


# --- DOST's adoption table ----------------------------------------------------------------


def item_state(
    *, newest: int | None, base: int | None, kept: int | None, adapted: bool
) -> AdoptionState:
    """Where an agency stands against one model item (pure): not adopted; behind while a
    newer edition waits unanswered; keeping its own when it decided so against the newest
    edition; diverged when it runs on the newest with local changes; current otherwise."""
    if base is None:
        return AdoptionState.NOT_ADOPTED
    if newest is None or base >= newest:
        return AdoptionState.DIVERGED if adapted else AdoptionState.CURRENT
    if kept is not None and kept >= newest:
        return AdoptionState.KEPT_OWN
    return AdoptionState.BEHIND


_WORST_FIRST = (
    AdoptionState.BEHIND,
    AdoptionState.KEPT_OWN,
    AdoptionState.DIVERGED,
    AdoptionState.CURRENT,
)


def agency_state(states: Iterable[str]) -> AdoptionState:
    """An agency's state over the items it adopted: the worst of them (not adopted when it
    adopted none)."""
    found = {state for state in states if state != AdoptionState.NOT_ADOPTED}
    return next((s for s in _WORST_FIRST if s in found), AdoptionState.NOT_ADOPTED)


@dataclass
class ItemCell:
    """One agency against one item: the edition it runs on, the state, and for a kept
    decision its reason."""

    item_id: int
    code: str
    newest: int | None
    edition: int | None
    state: AdoptionState
    kept_reason: str = ""


@dataclass
class AdoptionRow:
    agency: Agency
    state: AdoptionState
    cells: list[ItemCell]
    approved: bool = False  # every adopted item approved by the agency's leader

    @property
    def behind(self) -> int:
        return sum(1 for cell in self.cells if cell.state == AdoptionState.BEHIND)


@dataclass
class AdoptionTable:
    model_set: ModelSet
    items: list[ModelItem]
    rows: list[AdoptionRow]
    counts: dict[str, int] = field(default_factory=dict)
    item_counts: dict[int, dict[str, int]] = field(default_factory=dict)


def table_agency_ids(user: Any, model_set: ModelSet) -> set[int] | None:
    """Whose rows of the adoption table `user` reads: every agency for who keeps the set
    and the province-wide roles (None), their own agency otherwise."""
    if user is None or permissions.may_keep(user, model_set) or user_scope(user) != Scope.AGENCY:
        return None
    membership = active_membership(user)
    return {membership.agency_id} if membership else set()


def _candidates(model_set: ModelSet, on: datetime.date) -> QuerySet[Agency]:
    """The agencies a set is made for: of its province (and the provinces linked to it by
    the 2025 lineage) and of the set's kind, existing on the day."""
    agencies = Agency.objects.filter(
        unit__province_id__in=province_family_ids(model_set.province_id)
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    scope = model_set.scope
    if scope == SetScope.PROVINCIAL:
        return agencies.filter(level=UnitLevel.PROVINCE)
    agencies = agencies.filter(level=UnitLevel.COMMUNE)
    if scope == SetScope.COMMUNES:
        return agencies.filter(unit__kind=UnitKind.COMMUNE)
    if scope == SetScope.WARDS:
        return agencies.filter(unit__kind=UnitKind.WARD)
    return agencies


def adoption_table(
    model_set: ModelSet,
    *,
    state: str = "",
    agency_ids: Iterable[int] | None = None,
    on: datetime.date | None = None,
) -> AdoptionTable:
    """DOST's table of who adopted the set: per agency the edition it runs on for each
    item, its state (adopted and current, behind, diverged, keeping its own with the
    reason, not adopted), whether it approved everything it adopted, and the counts per
    state for the dashboard (over every agency, before the `state` filter). Agencies that
    adopted the set are listed even if they no longer fit its scope. Six queries."""
    on = on or timezone.localdate()
    items = list(model_set.items.order_by("order", "code"))
    newest: dict[int, int] = dict(
        ModelEdition.objects.filter(item__in=items, state=EditionState.APPROVED)
        .values("item_id")
        .annotate(n=Max("number"))
        .values_list("item_id", "n")
    )
    adopted = list(
        AdoptedItem.objects.filter(item__model_set=model_set).values_list(
            "agency_id",
            "item_id",
            "base_edition__number",
            "kept_edition__number",
            "kept_reason",
            "adapted",
            "document_id",
            "process_id",
        )
    )
    adopters = {row[0] for row in adopted}
    agencies = list(
        Agency.objects.filter(
            Q(pk__in=_candidates(model_set, on).values("pk")) | Q(pk__in=adopters)
        )
        .select_related("unit")
        .order_by("name")
    )
    if agency_ids is not None:
        wanted = set(agency_ids)
        agencies = [agency for agency in agencies if agency.pk in wanted]
    approved = _approved_pairs(adopted, items)
    by_agency: dict[int, dict[int, tuple[Any, ...]]] = {}
    for row in adopted:
        by_agency.setdefault(row[0], {})[row[1]] = row
    rows = []
    item_counts: dict[int, Counter[str]] = {item.pk: Counter() for item in items}
    for agency in agencies:
        mine = by_agency.get(agency.pk, {})
        cells = []
        for item in items:
            cell_row = mine.get(item.pk)
            cell_state = item_state(
                newest=newest.get(item.pk),
                base=cell_row[2] if cell_row else None,
                kept=cell_row[3] if cell_row else None,
                adapted=bool(cell_row and cell_row[5]),
            )
            item_counts[item.pk][cell_state] += 1
            cells.append(
                ItemCell(
                    item.pk,
                    item.code,
                    newest.get(item.pk),
                    cell_row[2] if cell_row else None,
                    cell_state,
                    cell_row[4] if cell_row and cell_state == AdoptionState.KEPT_OWN else "",
                )
            )
        rows.append(
            AdoptionRow(
                agency,
                agency_state(cell.state for cell in cells),
                cells,
                approved=bool(mine) and all((agency.pk, key) in approved for key in mine),
            )
        )
    counts = Counter(str(row.state) for row in rows)
    table = AdoptionTable(
        model_set,
        items,
        [row for row in rows if not state or row.state == state],
        counts={value: counts.get(value, 0) for value in AdoptionState.values},
        item_counts={pk: dict(counter) for pk, counter in item_counts.items()},
    )
    table.counts["approved"] = sum(1 for row in rows if row.approved)
    return table


def _approved_pairs(adopted: list[tuple[Any, ...]], items: list[ModelItem]) -> set[tuple[int, int]]:
    """(agency, item) pairs whose document has an approved revision or whose procedure an
    approved process edition in the agency; two queries."""
    procedure_of = {item.pk: item.procedure_id for item in items}
    documents = {row[6]: (row[0], row[1]) for row in adopted if row[6]}
    approved = {
        documents[document_id]
        for document_id in Revision.objects.filter(
            document_id__in=documents, state=RevisionState.APPROVED
        ).values_list("document_id", flat=True)
    }
    wanted = {(row[0], procedure_of[row[1]]): row[1] for row in adopted if procedure_of[row[1]]}
    if wanted:
        for agency_id, procedure_id in InternalProcess.objects.filter(
            agency_id__in={a for a, _p in wanted},
            procedure_id__in={p for _a, p in wanted},
            status=ProcessStatus.APPROVED,
        ).values_list("agency_id", "procedure_id"):
            if (agency_id, procedure_id) in wanted:
                approved.add((agency_id, wanted[(agency_id, procedure_id)]))
    return approved


@dataclass
class RunsOn:
    """What the roll-out dashboard shows of an agency's kit: the set, the editions it runs
    on per item ("QT-HT-01 (3)"), and its state over them."""

    model_set: ModelSet
    editions: list[tuple[str, int]]
    state: AdoptionState
    behind: int


def runs_on(agency_ids: Iterable[int]) -> dict[int, list[RunsOn]]:
    """Per agency, each model set it adopted with the editions it runs on and its state;
    agencies that adopted none are absent. Three queries whatever their number."""
    ids = set(agency_ids)
    if not ids:
        return {}
    adopted = list(
        AdoptedItem.objects.filter(agency_id__in=ids)
        .select_related("item__model_set")
        .only(
            "agency_id",
            "adapted",
            "item__code",
            "item__order",
            "item__model_set",
            "base_edition__number",
            "kept_edition__number",
        )
        .select_related("base_edition", "kept_edition")
        .order_by("agency_id", "item__model_set_id", "item__order", "item__code")
    )
    newest: dict[int, int] = dict(
        ModelEdition.objects.filter(
            item_id__in={a.item_id for a in adopted}, state=EditionState.APPROVED
        )
        .values("item_id")
        .annotate(n=Max("number"))
        .values_list("item_id", "n")
    )
    grouped: dict[tuple[int, int], list[AdoptedItem]] = {}
    for row in adopted:
        grouped.setdefault((row.agency_id, row.item.model_set_id), []).append(row)
    result: dict[int, list[RunsOn]] = {}
    for (agency_id, _set_id), rows in grouped.items():
        states = [
            item_state(
                newest=newest.get(row.item_id),
                base=row.base_edition.number,
                kept=row.kept_edition.number if row.kept_edition else None,
                adapted=row.adapted,
            )
            for row in rows
        ]
        result.setdefault(agency_id, []).append(
            RunsOn(
                rows[0].item.model_set,
                [(row.item.code, row.base_edition.number) for row in rows],
                agency_state(states),
                sum(1 for s in states if s == AdoptionState.BEHIND),
            )
        )
    return result
