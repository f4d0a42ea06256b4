import itertools
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

import pytest

from chuan.core.activity import GENESIS_HASH, activity_record, activity_verify
from chuan.core.models import ActivityEntry


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
