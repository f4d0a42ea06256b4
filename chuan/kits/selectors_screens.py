"""Reads of the kit's screens: the model sets a user sees, each item's newest editions and
how many agencies adopted it, are behind or diverged, and DOST's adoption table (per
agency, the edition of each item it runs on and where it stands). Every list is read in a
fixed number of queries whatever its length; the states are computed, never stored
(`AdoptionState`)."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from chuan.accounts.roles import Scope, user_scope
from chuan.documents.models import ControlledDocument, Revision
from chuan.kits import merge, permissions
from chuan.kits.choices import AdoptionState, EditionState, RequestStatus, SetScope
from chuan.kits.models import (
    AdoptedItem,
    Adoption,
    ModelEdition,
    ModelItem,
    ModelSet,
    ModelStep,
    UpdateRequest,
)
from chuan.kits.services import common
from chuan.legal.models import LegalDocument
from chuan.organisations.choices import AgencyKind, UnitKind
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership, user_province_ids
from chuan.procedures.models import InternalProcess

# The badge of each state: green current, blue diverged (adapted on purpose), amber behind,
# grey kept or not adopted. Text always says the state; colour only repeats it.
STATE_BADGES: dict[str, str] = {
    AdoptionState.CURRENT: "text-bg-success",
    AdoptionState.DIVERGED: "text-bg-info",
    AdoptionState.BEHIND: "text-bg-warning",
    AdoptionState.KEPT_OWN: "text-bg-secondary",
    AdoptionState.NOT_ADOPTED: "text-bg-light border",
}
# Which state an agency shows for a whole set: the one needing most attention first.
STATE_RANK = (
    AdoptionState.BEHIND,
    AdoptionState.KEPT_OWN,
    AdoptionState.DIVERGED,
    AdoptionState.CURRENT,
    AdoptionState.NOT_ADOPTED,
)


def visible_sets(user: Any) -> QuerySet[ModelSet]:
    """The model sets of the user's province (every province for a system administrator)."""
    sets = ModelSet.objects.select_related("keeper", "province")
    if not permissions.may_read_kits(user):
        return sets.none()
    if user_scope(user) == Scope.ALL:
        return sets
    return sets.filter(province_id__in=user_province_ids(user))


def set_get(user: Any, pk: int) -> ModelSet | None:
    return visible_sets(user).filter(pk=pk).first()


def item_get(user: Any, pk: int) -> ModelItem | None:
    return (
        ModelItem.objects.select_related("model_set__keeper", "model_set__province", "procedure")
        .filter(model_set__in=visible_sets(user), pk=pk)
        .first()
    )


def latest_approved(item_ids: Iterable[int]) -> dict[int, ModelEdition]:
    """The newest approved edition of each item, in one query."""
    latest: dict[int, ModelEdition] = {}
    for edition in ModelEdition.objects.filter(
        item_id__in=list(item_ids), state=EditionState.APPROVED
    ).order_by("item_id", "-number"):
        latest.setdefault(edition.item_id, edition)
    return latest


def state_of(adopted: Any, latest: ModelEdition | None) -> str:
    """Where an agency stands on one item: kept its own against the newest edition, behind
    it, adapted locally, or current. `adopted` needs `base_edition` (or its number as
    `base_number`), `kept_edition_id` and `adapted`."""
    if adopted is None:
        return AdoptionState.NOT_ADOPTED
    if latest is not None and adopted.kept_edition_id == latest.pk:
        return AdoptionState.KEPT_OWN
    number = getattr(adopted, "base_number", None)
    if number is None:
        number = adopted.base_edition.number
    if latest is not None and number < latest.number:
        return AdoptionState.BEHIND
    if adopted.adapted:
        return AdoptionState.DIVERGED
    return AdoptionState.CURRENT


def state_label(state: str) -> str:
    return str(AdoptionState(state).label)


@dataclass
class ItemLine:
    """A model item of a set with its newest approved edition, its open draft and what the
    adopting agencies made of it."""

    item: ModelItem
    current: ModelEdition | None
    draft: ModelEdition | None
    legal_basis: list[LegalDocument] = field(default_factory=list)
    adopted: int = 0
    behind: int = 0
    diverged: int = 0
    kept: int = 0


def item_lines(
    model_set: ModelSet, *, with_drafts: bool, only: int | None = None
) -> list[ItemLine]:
    """The set's items in order (or the one item `only`), with editions, legal basis and
    adoption counts (four queries)."""
    chosen = model_set.items.select_related("procedure").order_by("order", "code")
    if only is not None:
        chosen = chosen.filter(pk=only)
    items = list(chosen)
    ids = [item.pk for item in items]
    latest = latest_approved(ids)
    drafts: dict[int, ModelEdition] = {}
    if with_drafts:
        drafts = {
            e.item_id: e
            for e in ModelEdition.objects.filter(item_id__in=ids, state=EditionState.DRAFT)
        }
    basis: dict[int, list[LegalDocument]] = {}
    through = ModelEdition.legal_basis.through
    for row in through.objects.filter(
        modeledition_id__in=[e.pk for e in latest.values()]
    ).select_related("legaldocument", "modeledition"):
        basis.setdefault(row.modeledition.item_id, []).append(row.legaldocument)
    lines = {
        item.pk: ItemLine(
            item=item,
            current=latest.get(item.pk),
            draft=drafts.get(item.pk),
            legal_basis=basis.get(item.pk, []),
        )
        for item in items
    }
    for adopted in _with_base(AdoptedItem.objects.filter(item_id__in=ids)).order_by():
        line = lines[adopted.item_id]
        line.adopted += 1
        state = state_of(adopted, line.current)
        if state == AdoptionState.BEHIND:
            line.behind += 1
        elif state == AdoptionState.DIVERGED:
            line.diverged += 1
        elif state == AdoptionState.KEPT_OWN:
            line.kept += 1
    return list(lines.values())


def edition_with_content(item: ModelItem, number: int | None) -> ModelEdition | None:
    """An edition of the item with its steps and legal basis (its number, or the newest)."""
    editions = item.editions.select_related("prepared_by", "approved_by").prefetch_related(
        Prefetch("steps", queryset=ModelStep.objects.order_by("order")), "legal_basis"
    )
    if number is not None:
        return editions.filter(number=number).first()
    return editions.filter(state=EditionState.APPROVED).order_by("-number").first() or (
        editions.order_by("-number").first()
    )


# --- DOST's adoption table --------------------------------------------------------------------


def expected_agencies(model_set: ModelSet, on: datetime.date) -> QuerySet[Agency]:
    """The agencies a set is made for, in force on `on`: the commune-level People's
    Committees of its province (communes, wards or both) or its provincial agencies."""
    agencies = Agency.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    )
    if model_set.scope == SetScope.PROVINCIAL:
        return agencies.filter(unit_id=model_set.province_id).exclude(
            kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE
        )
    agencies = agencies.filter(
        unit__province_id=model_set.province_id, kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE
    )
    if model_set.scope == SetScope.WARDS:
        agencies = agencies.filter(unit__kind=UnitKind.WARD)
    elif model_set.scope == SetScope.COMMUNES:
        agencies = agencies.exclude(unit__kind=UnitKind.WARD)
    return agencies


@dataclass
class Cell:
    """One item for one agency: the edition its text derives from and where it stands."""

    item: ModelItem
    state: str
    edition: int | None = None
    latest: int | None = None
    adopted_id: int | None = None
    kept_reason: str = ""

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def label(self) -> str:
        return state_label(self.state)


@dataclass
class AgencyRow:
    """An agency of DOST's table: its cells and the counts of each state."""

    agency: Agency
    cells: list[Cell]
    open_requests: int = 0
    adopted_on: datetime.date | None = None

    def count(self, state: str) -> int:
        return sum(1 for cell in self.cells if cell.state == state)

    @property
    def state(self) -> str:
        states = {cell.state for cell in self.cells}
        if states == {AdoptionState.NOT_ADOPTED} or not states:
            return AdoptionState.NOT_ADOPTED
        for state in STATE_RANK:
            if state in states:
                return state
        return AdoptionState.NOT_ADOPTED

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]

    @property
    def label(self) -> str:
        return state_label(self.state)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [
            (state_label(state), STATE_BADGES[state], n)
            for state in STATE_RANK
            if state != AdoptionState.NOT_ADOPTED and (n := self.count(state))
        ]


def _with_base(adopted: QuerySet[AdoptedItem]) -> QuerySet[AdoptedItem]:
    return adopted.annotate(base_number=F("base_edition__number"))


def adoption_rows(
    model_set: ModelSet, agencies: Sequence[Agency], items: Sequence[ModelItem]
) -> list[AgencyRow]:
    """Rows of the table for these agencies (a page of them), in three queries."""
    latest = latest_approved(item.pk for item in items)
    agency_ids = [agency.pk for agency in agencies]
    found: dict[tuple[int, int], AdoptedItem] = {}
    for adopted in _with_base(
        AdoptedItem.objects.filter(agency_id__in=agency_ids, item__model_set=model_set)
    ).order_by():
        found[(adopted.agency_id, adopted.item_id)] = adopted
    open_requests = dict(
        UpdateRequest.objects.filter(
            agency_id__in=agency_ids,
            status=RequestStatus.OPEN,
            adopted_item__item__model_set=model_set,
        )
        .values_list("agency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    adopted_on = dict(
        Adoption.objects.filter(agency_id__in=agency_ids, model_set=model_set).values_list(
            "agency_id", "created_at"
        )
    )
    rows = []
    for agency in agencies:
        cells = []
        for item in items:
            mine = found.get((agency.pk, item.pk))
            current = latest.get(item.pk)
            cells.append(
                Cell(
                    item=item,
                    state=state_of(mine, current),
                    edition=getattr(mine, "base_number", None),
                    latest=current.number if current else None,
                    adopted_id=mine.pk if mine else None,
                    kept_reason=mine.kept_reason if mine else "",
                )
            )
        when = adopted_on.get(agency.pk)
        rows.append(
            AgencyRow(
                agency=agency,
                cells=cells,
                open_requests=open_requests.get(agency.pk, 0),
                adopted_on=timezone.localdate(when) if when else None,
            )
        )
    return rows


def whole_states(model_set: ModelSet, agency_ids: Sequence[int]) -> dict[int, str]:
    """Each agency's state for the whole set (the state of its item needing most
    attention), from two queries of plain tuples."""
    latest = latest_approved(model_set.items.values_list("pk", flat=True))
    by_agency: dict[int, set[str]] = {}
    for agency_id, item_id, number, adapted, kept in (
        AdoptedItem.objects.filter(agency_id__in=list(agency_ids), item__model_set=model_set)
        .values_list("agency_id", "item_id", "base_edition__number", "adapted", "kept_edition_id")
        .order_by()
    ):
        row = _Plain(base_number=number, adapted=adapted, kept_edition_id=kept)
        by_agency.setdefault(agency_id, set()).add(state_of(row, latest.get(item_id)))
    return {
        agency_id: next(
            s for s in STATE_RANK if s in (by_agency.get(agency_id) or {AdoptionState.NOT_ADOPTED})
        )
        for agency_id in agency_ids
    }


def table_counts(states: dict[int, str]) -> dict[str, int]:
    counts: dict[str, int] = {str(state): 0 for state in STATE_RANK}
    for state in states.values():
        counts[state] += 1
    return counts


@dataclass
class _Plain:
    base_number: int
    adapted: bool
    kept_edition_id: int | None


# --- The agency's side -----------------------------------------------------------------------


def own_agency(user: Any) -> Agency | None:
    membership = active_membership(user)
    return membership.agency if membership is not None else None


def adopted_items(agency: Agency) -> QuerySet[AdoptedItem]:
    return (
        AdoptedItem.objects.filter(agency=agency)
        .select_related("item__model_set", "item__procedure", "base_edition", "kept_edition")
        .order_by("item__model_set_id", "item__order", "item__code")
    )


def requests_for(user: Any, *, status: str) -> QuerySet[UpdateRequest]:
    """The update requests of the user's own agency (DOST: of the province)."""
    requests = UpdateRequest.objects.select_related(
        "agency", "edition__item__model_set", "base_edition", "legal_document"
    )
    scope = user_scope(user)
    if scope == Scope.PROVINCE:
        requests = requests.filter(agency__unit__province_id__in=user_province_ids(user))
    elif scope != Scope.ALL:
        agency = own_agency(user)
        requests = requests.filter(agency_id=agency.pk if agency else 0)
    if status:
        requests = requests.filter(status=status)
    return requests.order_by("status", "due_at", "id")


def item_line(item: ModelItem, *, with_drafts: bool) -> ItemLine | None:
    """One item's line (its counts) as the set's page shows it."""
    return next(
        (
            line
            for line in item_lines(item.model_set, with_drafts=with_drafts, only=item.pk)
            if line.item.pk == item.pk
        ),
        None,
    )


def item_counts(set_ids: Sequence[int]) -> dict[int, int]:
    return dict(
        ModelItem.objects.filter(model_set_id__in=list(set_ids))
        .values_list("model_set_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def adopter_counts(set_ids: Sequence[int]) -> dict[int, int]:
    return dict(
        Adoption.objects.filter(model_set_id__in=list(set_ids))
        .values_list("model_set_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def sees_table(user: Any, model_set: ModelSet) -> bool:
    """DOST's adoption table: for who keeps the set and who sees the whole province."""
    return permissions.may_keep(user, model_set) or (
        permissions.may_read_kits(user)
        and user_scope(user) in (Scope.ALL, Scope.PROVINCE)
        and permissions.sees_province(user, model_set.province_id)
    )


def adopted_item_ids(agency: Agency, model_set: ModelSet) -> set[int]:
    return set(
        AdoptedItem.objects.filter(agency=agency, item__model_set=model_set).values_list(
            "item_id", flat=True
        )
    )


def adopted_visible(user: Any) -> QuerySet[AdoptedItem]:
    """Adopted items of the agencies the user sees (their own; DOST the province)."""
    scope = user_scope(user)
    adopted = AdoptedItem.objects.all()
    if scope == Scope.ALL:
        return adopted
    if scope == Scope.PROVINCE:
        return adopted.filter(agency__unit__province_id__in=user_province_ids(user))
    agency = own_agency(user)
    return adopted.filter(agency_id=agency.pk if agency else 0)


@dataclass
class Planned:
    """A draft adopting an item will create: a new controlled document, a new edition of
    the agency's document of that code, or a process edition for the procedure."""

    item: ModelItem
    action: str
    existing: str = ""


def adoption_preview(agency: Agency, items: Sequence[ModelItem]) -> list[Planned]:
    """What adopting `items` creates in `agency`, read in two queries."""
    codes = {item.code for item in items if item.kind == "document"}
    documents = dict(
        ControlledDocument.objects.filter(agency=agency, code__in=codes).values_list(
            "code", "title"
        )
    )
    procedures = {item.procedure_id for item in items if item.procedure_id}
    processes: dict[int, int] = {}
    for procedure_id, edition in InternalProcess.objects.filter(
        agency=agency, procedure_id__in=procedures
    ).values_list("procedure_id", "edition"):
        processes[procedure_id] = max(edition, processes.get(procedure_id, 0))
    planned = []
    for item in items:
        if item.kind == "document":
            if item.code in documents:
                planned.append(Planned(item, "document_edition", documents[item.code]))
            else:
                planned.append(Planned(item, "document_new"))
        elif item.procedure_id in processes:
            planned.append(Planned(item, "process_edition", str(processes[item.procedure_id])))
        else:
            planned.append(Planned(item, "process_new"))
    return planned


def adopted_sides(adopted: AdoptedItem) -> tuple[list[Any], list[Any]]:
    """The model edition the item derives from, filled with the agency's facts, and the
    agency's own text or newest process steps, as units of the diff."""
    values = common.placeholder_values([adopted.agency])[adopted.agency_id]
    edition = common.editions_with_steps([adopted.base_edition_id])[adopted.base_edition_id]
    model = common.model_units(edition, values)
    if adopted.item.kind == "document":
        return model, merge.lines(adopted.text)
    process = common.latest_processes([(adopted.agency_id, adopted.item.procedure_id or 0)]).get(
        (adopted.agency_id, adopted.item.procedure_id or 0)
    )
    return model, common.process_units(process)


def draft_url(update: UpdateRequest) -> str:
    """Where the draft an adopted request prepared lives: the agency's document or its
    process edition."""
    if update.revision_id:
        revision = Revision.objects.filter(pk=update.revision_id).select_related("document").first()
        return revision.document.get_absolute_url() if revision else ""
    if update.process_id:
        process = InternalProcess.objects.filter(pk=update.process_id).first()
        return process.get_absolute_url() if process else ""
    return ""
