import itertools
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

import pytest

from chuan.core.activity import (
    GENESIS_HASH,
    ChainBreak,
    activity_record,
    activity_verify,
    entry_hash,
)
from chuan.core.models import ActivityChainHead, ActivityEntry


@pytest.fixture
def entries(world):
    for i in range(3):
        activity_record(
            actor=world.admin,
            verb="agency.updated",
            target=world.dost,
            agency_id=world.dost.pk,
            changes={"name": [f"old {i}", f"new {i}"]},
        )
    return list(ActivityEntry.objects.order_by("id"))


def test_each_entry_chains_to_the_previous_one(entries):
    assert entries[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
    assert all(e.actor_name == e.actor.full_name for e in entries)
    assert activity_verify() == (len(entries), None)


def test_entries_cannot_be_updated_or_deleted(entries):
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityEntry.objects.filter(pk=entries[0].pk).update(verb="agency.deleted")
    with pytest.raises(DatabaseError), transaction.atomic():
        ActivityEntry.objects.filter(pk=entries[0].pk).delete()
    assert ActivityEntry.objects.get(pk=entries[0].pk).verb == "agency.updated"


def _tamper(entry_id: int) -> None:
    """Simulate someone editing the table with database-owner rights (triggers dropped)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                "UPDATE core_activityentry SET target_repr = 'forged' WHERE id = %s", [entry_id]
            )
            cursor.execute("SET session_replication_role = origin")
        else:
            cursor.execute("DROP TRIGGER core_activityentry_no_update")
            cursor.execute(
                "UPDATE core_activityentry SET target_repr = 'forged' WHERE id = %s", [entry_id]
            )


def test_verify_activity_reports_the_first_tampered_entry(entries):
    _tamper(entries[1].pk)
    _checked, broken = activity_verify()
    assert broken is not None
    assert broken.entry_id == entries[1].pk
    with pytest.raises(CommandError, match=f"entry {entries[1].pk}"):
        call_command("verify_activity")


def test_verify_activity_command_says_intact(entries):
    out = StringIO()
    call_command("verify_activity", stdout=out)
    assert f"{len(entries)} entries" in out.getvalue()


def test_dates_in_changes_are_stored_as_text_and_still_verify(world):
    import datetime

    activity_record(actor=None, verb="agency.updated", changes={"on": datetime.date(2026, 2, 17)})
    entry = ActivityEntry.objects.get()
    assert entry.changes == {"on": "2026-02-17"}
    assert entry.actor is None
    assert activity_verify()[1] is None


def test_each_agency_has_its_own_chain(world):
    for agency in (world.dost, world.chu_se_pc, world.dost, None, world.chu_se_pc):
        activity_record(
            actor=world.admin,
            verb="agency.updated",
            target=agency or world.dost,
            agency_id=agency.pk if agency else None,
        )
    entries = list(ActivityEntry.objects.order_by("id"))
    assert [e.chain for e in entries] == [
        world.dost.pk,
        world.chu_se_pc.pk,
        world.dost.pk,
        0,
        world.chu_se_pc.pk,
    ]
    assert entries[2].prev_hash == entries[0].hash
    assert entries[4].prev_hash == entries[1].hash
    # Every chain starts from the genesis hash (no chain written before them here).
    assert {entries[i].prev_hash for i in (0, 1, 3)} == {GENESIS_HASH}
    assert activity_verify() == (5, None)
    _tamper(entries[4].pk)
    assert activity_verify() == (5, ChainBreak(entries[4].pk, "content does not match its hash"))


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_chain_cut_short_or_moved_is_found(world):
    for _ in range(2):
        activity_record(actor=None, verb="agency.updated", agency_id=world.dost.pk)
    first, second = ActivityEntry.objects.order_by("id")
    # The head says the chain ends later than the entries do: the newest were removed.
    _raw("UPDATE core_activitychainhead SET last_hash = %s", [first.hash])
    assert activity_verify()[1] == ChainBreak(0, "the newest entries were removed")
    _raw("UPDATE core_activitychainhead SET last_hash = %s", [second.hash])
    assert activity_verify()[1] is None
    _raw("DELETE FROM core_activitychainhead", [])
    assert activity_verify()[1] == ChainBreak(0, "the head of a chain is missing")


def test_chains_follow_the_log_written_before_them(world):
    """A log from before chains per agency (entries without a chain, the head without one)
    is still one chain from the genesis hash; new chains start from its last hash."""
    old = ActivityEntry(
        occurred_at=timezone.now(), verb="agency.updated", agency_id=world.dost.pk, changes={}
    )
    old.prev_hash = GENESIS_HASH
    old.hash = entry_hash(old)
    old.save(force_insert=True)
    ActivityChainHead.objects.create(last_hash=old.hash)  # the single head of old
    activity_record(actor=None, verb="agency.updated", agency_id=world.dost.pk)
    new = ActivityEntry.objects.order_by("id").last()
    assert new.chain == world.dost.pk and new.prev_hash == old.hash
    assert activity_verify() == (2, None)
