"""Recording and verifying the activity log (the change history; never "audit log").

Every service that changes state calls `activity_record` inside its transaction, so an entry
exists if and only if the change was committed.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from chuan.core.models import ActivityChainHead, ActivityEntry

GENESIS_HASH = "0" * 64


def _canonical(entry: ActivityEntry) -> str:
    content = {
        "occurred_at": entry.occurred_at.astimezone(UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "verb": entry.verb,
        "target_type_id": entry.target_type_id,
        "target_id": entry.target_id,
        "target_repr": entry.target_repr,
        "agency_id": entry.agency_id,
        "changes": entry.changes,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(entry: ActivityEntry) -> str:
    """Return the hash an entry must carry given its content and its `prev_hash`."""
    payload = entry.prev_hash + _canonical(entry)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    # Stored exactly as it will read back, so the hash computed now matches later reads.
    result: dict[str, Any] = json.loads(json.dumps(changes or {}, cls=DjangoJSONEncoder))
    return result


def activity_record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    agency_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> ActivityEntry:
    """Append an entry saying `actor` did `verb` (`<entity>.<past participle>`) to `target`."""
    # No savepoint of its own inside the caller's transaction: nothing recovers from a
    # failed entry but by rolling the whole change back, so it would only cost two queries.
    with transaction.atomic(savepoint=False):
        head, _ = ActivityChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS_HASH}
        )
        is_user = actor is not None and getattr(actor, "is_authenticated", False)
        entry = ActivityEntry(
            occurred_at=timezone.now(),
            actor=actor if is_user else None,
            actor_name=(actor.get_full_name() or actor.get_username()) if is_user else "",
            verb=verb,
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            target_repr=str(target)[:300] if target is not None else "",
            agency_id=agency_id,
            changes=_jsonable(changes),
            prev_hash=head.last_hash,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        head.last_hash = entry.hash
        head.save(update_fields=["last_hash"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    """The first entry whose stored hashes do not match the chain."""

    entry_id: int
    reason: str


def _entries_in_order(batch_size: int = 2000) -> Iterator[ActivityEntry]:
    last_id = 0
    while True:
        batch = list(ActivityEntry.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id


def activity_verify() -> tuple[int, ChainBreak | None]:
    """Walk the whole log in order; return how many entries were checked and the first break."""
    expected_prev = GENESIS_HASH
    checked = 0
    for entry in _entries_in_order():
        checked += 1
        if entry.prev_hash != expected_prev:
            return checked, ChainBreak(entry.id, "previous hash does not match the entry before")
        if entry_hash(entry) != entry.hash:
            return checked, ChainBreak(entry.id, "content does not match its hash")
        expected_prev = entry.hash
    head = ActivityChainHead.objects.filter(pk=1).first()
    if head is not None and checked and head.last_hash != expected_prev:
        return checked, ChainBreak(0, "the newest entries were removed")
    return checked, None
