"""Reads of the kit's screens: the model sets a user sees, each item's newest editions and
how many agencies adopted it, are behind or diverged, and DOST's adoption table (per
agency, the edition of each item it runs on and where it stands). Every list is read in a
fixed number of queries whatever its length; the states are computed, never stored
(`AdoptionState`)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet

from chuan.accounts.roles import Scope, user_scope
from chuan.documents.models import ControlledDocument, Revision
from chuan.kits import permissions, selectors
from chuan.kits.choices import AdoptionState, EditionState
from chuan.kits.models import (
    AdoptedItem,
    Adoption,
    ModelEdition,
    ModelItem,
    ModelSet,
    ModelStep,
    UpdateRequest,
)
from chuan.legal.models import LegalDocument
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership
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
    return selectors.visible_sets(user)


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
    """Where an agency stands on one item (`selectors.item_state`). `adopted` needs its
    base edition's number (`base_number` or `base_edition`), `kept_edition` and `adapted`."""
    if adopted is None:
        return AdoptionState.NOT_ADOPTED
    number = getattr(adopted, "base_number", None)
    if number is None:
        number = adopted.base_edition.number
    kept = getattr(adopted, "kept_number", None)
    if kept is None and getattr(adopted, "kept_edition_id", None):
        kept = adopted.kept_edition.number
    return str(
        selectors.item_state(
            newest=latest.number if latest else None,
            base=number,
            kept=kept,
            adapted=adopted.adapted,
        )
    )


def state_label(state: str) -> str:
    return str(AdoptionState(state).label)


def _with_base(adopted: QuerySet[AdoptedItem]) -> QuerySet[AdoptedItem]:
    return adopted.annotate(
        base_number=F("base_edition__number"), kept_number=F("kept_edition__number")
    )


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


# --- DOST's adoption table ------------------------------------------------------------------


def badge(state: str) -> str:
    return STATE_BADGES.get(state, "text-bg-light border")


def row_counts(row: Any) -> list[tuple[str, str, int]]:
    """An agency's items by state, the states needing attention first, for its badges."""
    counts: dict[str, int] = {}
    for cell in row.cells:
        counts[str(cell.state)] = counts.get(str(cell.state), 0) + 1
    return [
        (state_label(state), STATE_BADGES[state], counts[state])
        for state in STATE_RANK
        if state != AdoptionState.NOT_ADOPTED and counts.get(state)
    ]


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
    requests = selectors.visible_requests(user)
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
    return selectors.adopted_items(user=user)


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
