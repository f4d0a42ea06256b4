import threading

from django.db import connection, connections

import pytest

from chuan.core.activity import activity_record, activity_verify
from chuan.core.models import ActivityEntry


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    """Writers in parallel threads must chain one after another, never fork the chain."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; row locks matter on PostgreSQL")
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def write(n: int) -> None:
        try:
            barrier.wait()
            for i in range(10):
                activity_record(actor=None, verb="agency.updated", changes={"w": n, "i": i})
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert ActivityEntry.objects.count() == 60
    assert activity_verify() == (60, None)
    # Every previous hash is used exactly once: no two entries claim the same predecessor.
    prev_hashes = list(ActivityEntry.objects.values_list("prev_hash", flat=True))
    assert len(set(prev_hashes)) == 60
