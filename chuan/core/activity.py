"""Recording and verifying the activity log (the change history; never "audit log").

Every service that changes state calls `activity_record` inside its transaction, so an entry
exists if and only if the change was committed. Entries are chained per agency (see
`ActivityEntry`): one agency's writers queue on their chain's head row, never on another
agency's. With one chain for the whole system, every receipt of every desk waited on the
same row until the one before it had committed.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
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


# The chain's head row, created at the hash every chain starts from (the last hash of the
# chain written before chains per agency, or the genesis hash) or locked if it exists; one
# statement either way, which returns the hash the new entry follows. A writer of the same
# chain waits on the row lock until the one before it commits, then reads its hash.
LOCK_HEAD_SQL = (
    "INSERT INTO core_activitychainhead (chain, last_hash) VALUES (%s, COALESCE("
    "(SELECT last_hash FROM core_activitychainhead WHERE chain IS NULL), %s))"
    " ON CONFLICT (chain) DO UPDATE SET last_hash = core_activitychainhead.last_hash"
    " RETURNING last_hash"
)


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
    chain = agency_id or 0
    # No savepoint of its own inside the caller's transaction: nothing recovers from a
    # failed entry but by rolling the whole change back, so it would only cost two queries.
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute(LOCK_HEAD_SQL, [chain, GENESIS_HASH])
            (last_hash,) = cursor.fetchone()
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
            prev_hash=last_hash,
            chain=chain,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        ActivityChainHead.objects.filter(chain=chain).update(last_hash=entry.hash)
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
    """Walk the whole log in order; return how many entries were checked and the first break.

    Proves for every chain what it proved of the single chain: each entry follows the one
    before it in its chain (none removed or inserted), its content matches its hash (none
    edited), it sits in its agency's chain, and each chain ends at its head (none of the
    newest removed). The chain written before chains per agency starts from the genesis
    hash; every later chain starts from that chain's last hash."""
    heads = dict(ActivityChainHead.objects.values_list("chain", "last_hash"))
    seal = heads.get(None, GENESIS_HASH)
    expected: dict[int | None, str] = {}
    checked = 0
    for entry in _entries_in_order():
        checked += 1
        chain = entry.chain
        if chain is not None and chain != (entry.agency_id or 0):
            return checked, ChainBreak(entry.id, "entry is not in its agency's chain")
        start = GENESIS_HASH if chain is None else seal
        if entry.prev_hash != expected.get(chain, start):
            return checked, ChainBreak(entry.id, "previous hash does not match the entry before")
        if entry_hash(entry) != entry.hash:
            return checked, ChainBreak(entry.id, "content does not match its hash")
        expected[chain] = entry.hash
    for chain in expected:
        if chain not in heads and chain is not None:
            return checked, ChainBreak(0, "the head of a chain is missing")
    for chain, head in heads.items():
        if expected.get(chain, GENESIS_HASH if chain is None else seal) != head:
            return checked, ChainBreak(0, "the newest entries were removed")
    return checked, None
