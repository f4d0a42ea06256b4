"""Writes of the adopting agency: adopting a model set (or chosen items) in one step,
adapting an adopted item, and answering the update requests a new model edition opens —
adopting it (a draft prepared with the agency's local changes merged in) or keeping its
own with a reason.

What the agency issues stays its own (QĐ 19/2014/QĐ-TTg): adoption creates the agency's
controlled documents and internal processes as drafts through document control's and the
catalogue's own services, with the agency's name, code and officials filled in, for its
own leader to review and approve by the usual rules. Each write is one transaction with an
activity entry naming the actor (the services called record their own entries too)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.calendars.selectors import agency_province_id
from chuan.core.activity import activity_record
from chuan.core.exceptions import ConflictError
from chuan.documents import services as documents
from chuan.documents.choices import RevisionState
from chuan.documents.models import ControlledDocument, Revision
from chuan.kits import merge, permissions, placeholders
from chuan.kits.choices import EditionState, ItemKind, RequestStatus, SetScope
from chuan.kits.models import (
    AdoptedItem,
    Adoption,
    ModelEdition,
    ModelItem,
    ModelSet,
    UpdateRequest,
)
from chuan.kits.services.common import (
    document_file,
    editions_with_steps,
    latest_processes,
    model_units,
    placeholder_values,
    process_units,
    refuse,
    step_data,
)
from chuan.kits.services.propagation import chunks_json, prepared_merge
from chuan.organisations.choices import UnitKind, UnitLevel
from chuan.organisations.models import Agency
from chuan.organisations.scoping import province_family_ids
from chuan.procedures import services as procedures
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.models import InternalProcess

TEXT_MAX = 100_000
_OPEN_REVISION = (RevisionState.DRAFT, RevisionState.IN_REVIEW)


def fits_scope(agency: Agency, scope: str) -> bool:
    """Whether the agency is of the kind a set is made for."""
    if scope == SetScope.PROVINCIAL:
        return agency.level == UnitLevel.PROVINCE
    if agency.level != UnitLevel.COMMUNE:
        return False
    if scope == SetScope.COMMUNES:
        return agency.unit.kind == UnitKind.COMMUNE
    if scope == SetScope.WARDS:
        return agency.unit.kind == UnitKind.WARD
    return True


def newest_approved(items: list[ModelItem]) -> dict[int, ModelEdition]:
    """The newest approved edition of each item, with their steps and legal basis."""
    newest: dict[int, int] = {}
    for pk, item_id in (
        ModelEdition.objects.filter(item__in=items, state=EditionState.APPROVED)
        .order_by("item_id", "-number")
        .values_list("pk", "item_id")
    ):
        newest.setdefault(item_id, pk)
    editions = editions_with_steps(newest.values())
    return {item_id: editions[pk] for item_id, pk in newest.items()}


def _adoption_problems(
    agency: Agency, model_set: ModelSet, items: list[ModelItem], editions: dict[int, ModelEdition]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if agency_province_id(agency) not in province_family_ids(model_set.province_id):
        errors["model_set"] = _("This model set belongs to another province.")
    elif not fits_scope(agency, model_set.scope):
        errors["model_set"] = _("This model set is made for %(scope)s.") % {
            "scope": SetScope(model_set.scope).label.lower()
        }
    if errors:
        return errors
    if not items:
        return {"items": _("The set has no approved model yet.")}
    unapproved = [item.code for item in items if item.pk not in editions]
    if unapproved:
        return {
            "items": _("These models have no approved edition yet: %(codes)s.")
            % {"codes": ", ".join(unapproved)}
        }
    already = list(
        AdoptedItem.objects.filter(agency=agency, item__in=items).values_list(
            "item__code", flat=True
        )
    )
    if already:
        return {
            "items": _("The agency already adopted: %(codes)s.") % {"codes": ", ".join(already)}
        }
    codes = [item.code for item in items if item.kind == ItemKind.DOCUMENT]
    busy = list(
        Revision.objects.filter(
            document__agency=agency, document__code__in=codes, state__in=_OPEN_REVISION
        ).values_list("document__code", flat=True)
    )
    if busy:
        return {
            "items": _(
                "A draft or review of %(codes)s is open in the agency; finish it before adopting."
            )
            % {"codes": ", ".join(sorted(set(busy)))}
        }
    procedure_ids = [item.procedure_id for item in items if item.kind == ItemKind.PROCESS]
    drafted = list(
        InternalProcess.objects.filter(
            agency=agency, procedure_id__in=procedure_ids, status=ProcessStatus.DRAFT
        ).values_list("procedure__code", flat=True)
    )
    if drafted:
        return {
            "items": _(
                "A draft process for procedure %(codes)s is open in the agency; "
                "approve or change it before adopting."
            )
            % {"codes": ", ".join(drafted)}
        }
    return {}


def _adoption_changes(edition: ModelEdition, model_set: ModelSet) -> list[dict[str, str]]:
    return [
        {
            "what": _("Adopted from the province's model %(code)s, edition %(n)s")
            % {"code": edition.item.code, "n": edition.number},
            "where": _("Whole document"),
            "why": model_set.name[:300],
        }
    ]


def _draft_document(
    *,
    agency: Agency,
    item: ModelItem,
    edition: ModelEdition,
    text: str,
    changes: list[dict[str, str]],
    actor: Any,
) -> tuple[ControlledDocument, Revision]:
    """The agency's document for the item (registered if it has none of that code) with a
    new draft holding `text`; an open draft of it gets the new file instead."""
    document = ControlledDocument.objects.filter(agency=agency, code__iexact=item.code).first()
    if document is None:
        document = documents.document_create(
            agency=agency,
            data=documents.DocumentData(
                code=item.code,
                title=item.title,
                kind=item.document_kind,
                legal_basis=list(edition.legal_basis.all()),
            ),
            actor=actor,
        )
    open_revision = document.revisions.filter(state__in=_OPEN_REVISION).first()
    number = open_revision.edition if open_revision else None
    if open_revision is not None and open_revision.state != RevisionState.DRAFT:
        raise ConflictError(
            _("%(code)s is in review in the agency; send it back or approve it first.")
            % {"code": document.code}
        )
    if number is None:
        number = (
            document.revisions.order_by("-edition").values_list("edition", flat=True).first() or 0
        ) + 1
    file = document_file(
        agency=agency, code=document.code, title=document.title, text=text, edition=number
    )
    if open_revision is not None:
        revision = documents.revision_file_replace(revision=open_revision, file=file, actor=actor)
    else:
        has_edition = document.revisions.exists()
        revision = documents.revision_draft(
            document=document, changes=changes if has_edition else [], file=file, actor=actor
        )
    basis = list(edition.legal_basis.all())
    if basis:
        document.legal_basis.add(*basis)
    return document, revision


def _draft_process(
    *,
    agency: Agency,
    item: ModelItem,
    units: list[Any],
    current: InternalProcess | None,
    actor: Any,
) -> InternalProcess:
    """A draft of the agency's internal process holding `units`: its open draft changed, or
    a new edition after its approved one."""
    steps = step_data(units, agency)
    if current is not None and current.status == ProcessStatus.DRAFT:
        return procedures.process_draft_update(
            process=current, code=current.code, steps=steps, actor=actor
        )
    assert item.procedure is not None
    return procedures.process_draft_create(
        agency=agency, procedure=item.procedure, code=item.code, steps=steps, actor=actor
    )


def model_set_adopt(
    *, agency: Agency, model_set: ModelSet, items: list[ModelItem] | None = None, actor: Any
) -> Adoption:
    """Adopt the set's models (all those with an approved edition, or the `items` chosen)
    in one step: for each, the agency's own controlled document or internal process is
    drafted from the model's newest approved edition with its placeholders filled (name,
    code, place, leader, ISO secretary), for the agency's leader to approve; the adoption
    records which model edition each derives from. Refused as a whole, changing nothing,
    when one item cannot be adopted."""
    if not permissions.may_adopt(actor, agency):
        raise PermissionDenied(_("You may not adopt models for this agency."))
    chosen = list(model_set.items.select_related("procedure").order_by("order", "code"))
    if items is not None:
        wanted = {item.pk for item in items}
        if not wanted or any(item.model_set_id != model_set.pk for item in items):
            raise refuse(items=_("Choose models of this set."))
        chosen = [item for item in chosen if item.pk in wanted]
    editions = newest_approved(chosen)
    if items is None:
        chosen = [item for item in chosen if item.pk in editions]
    errors = _adoption_problems(agency, model_set, chosen, editions)
    if errors:
        raise refuse(**errors)
    values = placeholder_values([agency])[agency.pk]
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        adoption, _created = Adoption.objects.get_or_create(
            agency=agency,
            model_set=model_set,
            defaults={"adopted_by": actor if getattr(actor, "is_authenticated", False) else None},
        )
        current = latest_processes(
            (agency.pk, item.procedure_id) for item in chosen if item.procedure_id
        )
        rows = []
        for item in chosen:
            edition = editions[item.pk]
            units = model_units(edition, values)
            document = process = None
            text = ""
            if item.kind == ItemKind.DOCUMENT:
                text = merge.text_of(units)
                document, _revision = _draft_document(
                    agency=agency,
                    item=item,
                    edition=edition,
                    text=text,
                    changes=_adoption_changes(edition, model_set),
                    actor=actor,
                )
            else:
                process = _draft_process(
                    agency=agency,
                    item=item,
                    units=units,
                    current=current.get((agency.pk, item.procedure_id or 0)),
                    actor=actor,
                )
            rows.append(
                AdoptedItem(
                    adoption=adoption,
                    agency=agency,
                    item=item,
                    base_edition=edition,
                    document=document,
                    process=process,
                    text=text,
                )
            )
        AdoptedItem.objects.bulk_create(rows)
        activity_record(
            actor=actor,
            verb="model_set.adopted",
            target=adoption,
            agency_id=agency.pk,
            changes={
                "model_set": model_set.code,
                "items": [f"{row.item.code} ({row.base_edition.number})" for row in rows],
            },
        )
    return adoption


def _lock_adopted(adopted: AdoptedItem) -> AdoptedItem:
    return (
        AdoptedItem.objects.select_for_update(of=("self",))
        .select_related("item__procedure", "agency__unit__province", "document")
        .get(pk=adopted.pk)
    )


def adopted_text_adapt(
    *,
    adopted: AdoptedItem,
    text: str,
    actor: Any,
    changes: list[dict[str, str]] | None = None,
) -> AdoptedItem:
    """The agency changes its text of an adopted model document: its open draft gets the
    new text, or, once approved, a new draft is started (say what changes, where and why).
    The diff against the model shows the change; a later model edition carries it over."""
    if not permissions.may_adopt(actor, adopted.agency_id):
        raise PermissionDenied(_("You may not adapt this agency's models."))
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise refuse(text=_("Write the agency's text."))
    if len(text) > TEXT_MAX:
        raise refuse(text=_("The text is longer than %(n)s characters.") % {"n": TEXT_MAX})
    with transaction.atomic():
        adopted = _lock_adopted(adopted)
        if adopted.item.kind != ItemKind.DOCUMENT or adopted.document is None:
            raise ConflictError(_("Only an adopted model document has a text to adapt."))
        values = placeholder_values([adopted.agency])[adopted.agency_id]
        base = editions_with_steps([adopted.base_edition_id])[adopted.base_edition_id]
        _draft_document(
            agency=adopted.agency,
            item=adopted.item,
            edition=base,
            text=text,
            changes=changes or [],
            actor=actor,
        )
        adopted.text = text
        adopted.adapted = merge.lines(text) != model_units(base, values)
        adopted.save(update_fields=["text", "adapted", "updated_at"])
        activity_record(
            actor=actor,
            verb="adopted_item.adapted",
            target=adopted,
            agency_id=adopted.agency_id,
            changes={"code": adopted.item.code, "adapted": adopted.adapted},
        )
    return adopted


def adopted_steps_adapt(
    *, adopted: AdoptedItem, steps: list[procedures.StepData], actor: Any
) -> AdoptedItem:
    """The agency changes the steps of an adopted model process: its open draft, or a new
    edition after the approved one, through the catalogue's services (checked against the
    route's rules as any process)."""
    if not permissions.may_adopt(actor, adopted.agency_id):
        raise PermissionDenied(_("You may not adapt this agency's models."))
    with transaction.atomic():
        adopted = _lock_adopted(adopted)
        if adopted.item.kind != ItemKind.PROCESS or adopted.item.procedure is None:
            raise ConflictError(_("Only an adopted model process has steps to adapt."))
        key = (adopted.agency_id, adopted.item.procedure.pk)
        current = latest_processes([key]).get(key)
        if current is not None and current.status == ProcessStatus.DRAFT:
            process = procedures.process_draft_update(
                process=current, code=current.code, steps=steps, actor=actor
            )
        else:
            process = procedures.process_draft_create(
                agency=adopted.agency,
                procedure=adopted.item.procedure,
                code=current.code if current else adopted.item.code,
                steps=steps,
                actor=actor,
            )
        values = placeholder_values([adopted.agency])[adopted.agency_id]
        base = editions_with_steps([adopted.base_edition_id])[adopted.base_edition_id]
        ours = process_units(latest_processes([key]).get(key))
        adopted.process = process
        adopted.adapted = ours != model_units(base, values)
        adopted.save(update_fields=["process", "adapted", "updated_at"])
        activity_record(
            actor=actor,
            verb="adopted_item.adapted",
            target=adopted,
            agency_id=adopted.agency_id,
            changes={"code": adopted.item.code, "adapted": adopted.adapted},
        )
    return adopted


def _lock_request(request: UpdateRequest) -> UpdateRequest:
    return (
        UpdateRequest.objects.select_for_update(of=("self",))
        .select_related("edition__item__model_set", "adopted_item")
        .get(pk=request.pk)
    )


def _open_or_refuse(request: UpdateRequest) -> None:
    if request.status == RequestStatus.SUPERSEDED:
        raise ConflictError(_("A newer model edition superseded this request; answer that one."))
    if request.status != RequestStatus.OPEN:
        raise ConflictError(_("This request is already answered."))


def request_adopt(
    *, request: UpdateRequest, actor: Any, choices: dict[int, str] | None = None
) -> UpdateRequest:
    """Adopt the new model edition: a draft is prepared from the three-way merge of the
    edition the agency derived from, its current text or steps and the new edition — its
    local changes carried over where they do not conflict; each conflict (numbered from 1)
    takes the side chosen in `choices` ("ours": the agency's, "theirs": the model's), and
    the answer is refused, changing nothing, while one has no side. The item then derives
    from the new edition."""
    if not permissions.may_adopt(actor, request.agency_id):
        raise PermissionDenied(_("You may not answer this agency's requests."))
    choices = choices or {}
    with transaction.atomic():
        request = _lock_request(request)
        _open_or_refuse(request)
        adopted = _lock_adopted(request.adopted_item)
        agency, item = adopted.agency, adopted.item
        values = placeholder_values([agency])[agency.pk]
        editions = editions_with_steps([adopted.base_edition_id, request.edition_id])
        key = (agency.pk, item.procedure_id or 0)
        current = latest_processes([key]).get(key) if item.kind == ItemKind.PROCESS else None
        new = editions[request.edition_id]
        chunks = prepared_merge(
            adopted=adopted,
            base=editions[adopted.base_edition_id],
            new=new,
            values=values,
            current=current,
        )
        missing = merge.unresolved(chunks, choices)
        if missing:
            raise refuse(
                choices=_("Choose the agency's or the model's text for each conflict: %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in missing)}
            )
        units = merge.resolve(chunks, choices) or []
        if item.kind == ItemKind.DOCUMENT:
            text = merge.text_of(units)
            changes = [
                {
                    "what": _("Adopted the province's model %(code)s, edition %(n)s")
                    % {"code": item.code, "n": new.number},
                    "where": _("Whole document"),
                    "why": "; ".join(row.get("what", "") for row in new.changes)[:300],
                }
            ]
            _document, revision = _draft_document(
                agency=agency, item=item, edition=new, text=text, changes=changes, actor=actor
            )
            adopted.text = text
            request.revision = revision
        else:
            process = _draft_process(
                agency=agency, item=item, units=units, current=current, actor=actor
            )
            adopted.process = process
            request.process = process
        adopted.base_edition = new
        adopted.adapted = units != model_units(new, values)
        adopted.kept_edition, adopted.kept_reason = None, ""
        adopted.save()
        request.status = RequestStatus.ADOPTED
        request.merged = chunks_json(item.kind, chunks)
        request.conflicts = merge.conflicts(chunks)
        request.closed_at = timezone.now()
        request.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        request.save()
        activity_record(
            actor=actor,
            verb="update_request.adopted",
            target=request,
            agency_id=agency.pk,
            changes={
                "code": item.code,
                "edition": new.number,
                "conflicts": request.conflicts,
                "kept_ours": sorted(n for n, side in choices.items() if side == merge.OURS),
                "took_model": sorted(n for n, side in choices.items() if side == merge.THEIRS),
            },
        )
    return request


def request_keep(*, request: UpdateRequest, reason: str, actor: Any) -> UpdateRequest:
    """Keep the agency's own edition: a reasoned decision (refused without its reason),
    shown in DOST's adoption table until a newer model edition comes."""
    if not permissions.may_adopt(actor, request.agency_id):
        raise PermissionDenied(_("You may not answer this agency's requests."))
    reason = reason.strip()
    if not reason:
        raise refuse(decision=_("Say why the agency keeps its own edition."))
    if len(reason) > 5000:
        raise refuse(decision=_("Say it in at most 5,000 characters."))
    with transaction.atomic():
        request = _lock_request(request)
        _open_or_refuse(request)
        adopted = _lock_adopted(request.adopted_item)
        adopted.kept_edition = request.edition
        adopted.kept_reason = reason
        adopted.save(update_fields=["kept_edition", "kept_reason", "updated_at"])
        request.status = RequestStatus.KEPT
        request.decision = reason
        request.closed_at = timezone.now()
        request.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        request.save(update_fields=["status", "decision", "closed_at", "closed_by", "updated_at"])
        activity_record(
            actor=actor,
            verb="update_request.kept",
            target=request,
            agency_id=request.agency_id,
            changes={
                "code": adopted.item.code,
                "edition": request.edition.number,
                "decision": reason,
            },
        )
    return request


def missing_placeholders(model_set: ModelSet, agency: Agency) -> list[str]:
    """The placeholders of the set's newest approved models the agency has no value for
    yet (no ISO secretary named, say): shown before adopting."""
    values = placeholder_values([agency])[agency.pk]
    missing: dict[str, None] = {}
    for edition in newest_approved(list(model_set.items.all())).values():
        texts = [edition.body] + [
            part for step in edition.steps.all() for part in (step.name, step.output, step.forms)
        ]
        for text in texts:
            for name in placeholders.fill(text, values).missing:
                missing.setdefault(name, None)
    return list(missing)
