"""Carrying a new model edition to every agency that adopted the item.

When the keeper's leader approves a new edition, each adopting agency gets an update
request with the new edition attached and a draft prepared for it: the three-way merge of
the model edition it derived from (base), its own current text or steps (ours) and the new
edition (theirs), all with its placeholders filled, stored with the request so the agency
sees at once what it would get and where its local changes conflict. A request the agency
had not answered yet is superseded by the new one (kept in the history, linked to it), so
an agency always answers the newest edition.

The work is a fixed number of queries whatever the number of agencies (the agencies and
their officials, the editions, the agencies' processes, the open requests, one insert, one
update), then the merges in memory: `benchmarks/kits.py` times it for 150 agencies."""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.activity import activity_record
from chuan.core.working_time import Unit
from chuan.kits import merge
from chuan.kits.choices import ItemKind, RequestStatus
from chuan.kits.models import AdoptedItem, ModelEdition, UpdateRequest
from chuan.kits.services.common import (
    editions_with_steps,
    latest_processes,
    model_units,
    placeholder_values,
    process_units,
    step_json,
)


def prepared_merge(
    *,
    adopted: AdoptedItem,
    base: ModelEdition,
    new: ModelEdition,
    values: dict[str, str],
    current: Any = None,
) -> list[merge.Chunk]:
    """The merge an update request prepares for one agency: base = the model edition it
    derived from, ours = its current text (a document) or newest process edition
    (`current`, a process), theirs = the new edition; placeholders filled."""
    if base.item.kind == ItemKind.DOCUMENT:
        ours = merge.lines(adopted.text)
    else:
        ours = process_units(current)
    return merge.merge3(model_units(base, values), ours, model_units(new, values))


def chunks_json(kind: str, chunks: list[merge.Chunk]) -> list[dict[str, Any]]:
    return merge.to_json(chunks, unit=step_json if kind == ItemKind.PROCESS else None)


def propagate(*, edition: ModelEdition, legal_document_id: int | None, actor: Any) -> int:
    """Open an update request for `edition` in every agency that adopted its item,
    superseding the requests still open for an older edition; return how many were
    opened. Called by `edition_approve` inside its transaction."""
    item = edition.item
    adopted = list(
        AdoptedItem.objects.filter(item=item)
        .filter(Q(agency__valid_to__isnull=True) | Q(agency__valid_to__gte=timezone.localdate()))
        .select_related("agency__unit__province")
    )
    if not adopted:
        return 0
    values = placeholder_values([a.agency for a in adopted])
    editions = editions_with_steps({a.base_edition_id for a in adopted} | {edition.pk})
    new = editions[edition.pk]
    processes = (
        latest_processes((a.agency_id, item.procedure_id or 0) for a in adopted)
        if item.kind == ItemKind.PROCESS
        else {}
    )
    now = timezone.now()
    due: dict[int, Any] = {}
    superseded = list(
        UpdateRequest.objects.filter(adopted_item__item=item, status=RequestStatus.OPEN)
    )
    UpdateRequest.objects.filter(pk__in=[r.pk for r in superseded]).update(
        status=RequestStatus.SUPERSEDED,
        closed_at=now,
        closed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    requests = []
    conflicts = 0
    for adopted_item in adopted:
        province_id = agency_province_id(adopted_item.agency)
        if province_id not in due:
            due[province_id] = working_calendar(province_id).due(
                now, settings.CHUAN_REVIEW_DAYS, Unit.WORKING_DAYS
            )
        chunks = prepared_merge(
            adopted=adopted_item,
            base=editions[adopted_item.base_edition_id],
            new=new,
            values=values[adopted_item.agency_id],
            current=processes.get((adopted_item.agency_id, item.procedure_id or 0)),
        )
        count = merge.conflicts(chunks)
        conflicts += bool(count)
        requests.append(
            UpdateRequest(
                agency_id=adopted_item.agency_id,
                adopted_item=adopted_item,
                edition=edition,
                base_edition_id=adopted_item.base_edition_id,
                legal_document_id=legal_document_id,
                due_at=due[province_id],
                merged=chunks_json(item.kind, chunks),
                conflicts=count,
            )
        )
    UpdateRequest.objects.bulk_create(requests)
    successor = {request.adopted_item_id: request.pk for request in requests}
    for old in superseded:
        old.superseded_by_id = successor.get(old.adopted_item_id)
    if superseded:
        UpdateRequest.objects.bulk_update(superseded, ["superseded_by"])
    activity_record(
        actor=actor,
        verb="model_edition.propagated",
        target=edition,
        agency_id=item.model_set.keeper_id,
        changes={
            "code": item.code,
            "edition": edition.number,
            "requests": len(requests),
            "superseded": len(superseded),
            "with_conflicts": conflicts,
        },
    )
    return len(requests)
