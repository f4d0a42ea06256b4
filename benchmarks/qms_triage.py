"""How long a day's triage increment takes (what the desk proposes to the QMS).

Run from the project root:

    .venv/bin/python benchmarks/qms_triage.py                 # 200,000 dossiers, scratch SQLite
    DOSSIERS=1000000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_triage \\
        .venv/bin/python benchmarks/qms_triage.py

With DATABASE_URL the database must be an empty scratch one (create and drop it with psql).
It writes the history of `benchmarks/desk.py` (Gia Lai since 2025, DOSSIERS dossiers over the
past year with their daily and monthly figures) plus one "finished" event per ended dossier
and one rating per third of them, so the event table holds the whole history. A first run
(yesterday) sets the watermarks. Then a day's work arrives: DAY dossiers (5,000) received and
finished with four events each (received, handed over, finished, returned) and a rating for
two in five, a tenth of them late and a tenth of the ratings "not satisfied". It times:

* the first run (it looks back a month, then sets the watermarks), once;
* the day's increment: `triage_run` over that day (late finishes, ratings, dossiers that fell
  overdue since yesterday), for every agency;
* the next month's first day, when the closed month's figures of every agency and procedure
  are compared with the on-time target (`on_time_targets` replaced by a fixed 95 % for
  every agency, a harsh target for the generated figures) and the day's overdue dossiers
  are read, the events already read.

Each timed run is rolled back, so every run reads the same increment. It prints the figures
(target: < 1 s) and checks nothing.
"""

import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

RUNS, SEED, BATCH = 5, 2026, 20_000


def _history_events() -> int:
    """A "finished" event per ended dossier and a rating per third, by bulk insert."""
    from django.db import transaction

    from chuan.dossiers.models import Dossier, DossierEvent

    rng = random.Random(SEED)
    rows: list[DossierEvent] = []
    total = 0
    ended = Dossier.objects.filter(ended_at__isnull=False).values_list("pk", "ended_at")
    for pk, ended_at in ended.iterator(chunk_size=BATCH):
        rows.append(DossierEvent(dossier_id=pk, kind="finished", at=ended_at, data={}))
        if rng.random() < 1 / 3:
            satisfaction = rng.choice(("very_satisfied", "satisfied", "not_satisfied"))
            rows.append(
                DossierEvent(
                    dossier_id=pk, kind="rated", at=ended_at, data={"satisfaction": satisfaction}
                )
            )
        if len(rows) >= BATCH:
            with transaction.atomic():
                DossierEvent.objects.bulk_create(rows)
            total += len(rows)
            rows.clear()
    with transaction.atomic():
        DossierEvent.objects.bulk_create(rows)
    return total + len(rows)


def _day(count: int, today: datetime.date) -> None:
    """`count` dossiers received and finished today, with their events."""
    from django.db import transaction

    from chuan.dossiers.choices import Status
    from chuan.dossiers.models import Dossier, DossierEvent
    from chuan.dossiers.rules import VIETNAM
    from chuan.organisations.choices import UnitSet
    from chuan.organisations.models import Agency
    from chuan.procedures.models import ProcedureVersion

    rng = random.Random(SEED + 1)
    agencies = list(Agency.objects.filter(unit__unit_set=UnitSet.REFORM_2025, code__isnull=False))
    versions = list(ProcedureVersion.objects.filter(valid_to__isnull=True))
    opening = datetime.datetime.combine(today, datetime.time(7, 30), tzinfo=VIETNAM)
    dossiers = []
    for index in range(count):
        version = rng.choice(versions)
        late = rng.random() < 0.1
        received = opening + datetime.timedelta(seconds=rng.randint(0, 8 * 3600))
        due = received + datetime.timedelta(hours=-1 if late else 4)
        dossiers.append(
            Dossier(
                code=f"BENCH-{today:%y%m%d}-{index:05d}",
                agency_id=rng.choice(agencies).pk,
                version_id=version.pk,
                field_id=version.field_id,
                status=Status.RETURNED,
                channel=1,
                applicant_name=f"Người nộp {index}",
                applicant_id_number="064095000123",
                applicant_phone="0905123456",
                received_at=received,
                first_due_at=due,
                due_at=due,
                ended_at=received + datetime.timedelta(minutes=30),
                timeliness="late" if late else "on_time",
                returned_at=received + datetime.timedelta(minutes=40),
            )
        )
    with transaction.atomic():
        Dossier.objects.bulk_create(dossiers, batch_size=BATCH)
        events = []
        for dossier in dossiers:
            events.extend(
                DossierEvent(dossier=dossier, kind=kind, at=dossier.ended_at)
                for kind in ("received", "handed_over", "finished", "returned")
            )
            if rng.random() < 0.4:
                satisfaction = "not_satisfied" if rng.random() < 0.1 else "satisfied"
                events.append(
                    DossierEvent(
                        dossier=dossier,
                        kind="rated",
                        at=dossier.returned_at,
                        data={"satisfaction": satisfaction},
                    )
                )
        DossierEvent.objects.bulk_create(events, batch_size=BATCH)
    print(f"the day: {count:,} dossiers, {len(events):,} events")


def _timed(label: str, now: datetime.datetime) -> None:
    from django.db import transaction

    from chuan.improvement.services.triage import triage_run

    samples, found = [], 0
    for _ in range(RUNS):
        with transaction.atomic():
            began = time.perf_counter()
            result = triage_run(now=now)
            samples.append((time.perf_counter() - began) * 1000)
            found = result.found
            transaction.set_rollback(True)
    samples.sort()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        with transaction.atomic():
            profile.runcall(triage_run, now=now)
            transaction.set_rollback(True)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    print(
        f"{label}: median {statistics.median(samples):.0f} ms, worst {samples[-1]:.0f} ms "
        f"({found:,} candidates)"
    )


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-triage-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    import desk  # benchmarks/desk.py: the year's history

    from chuan.demo.loader import load_demo
    from chuan.dossiers.models import DossierEvent
    from chuan.improvement.selectors import objectives
    from chuan.improvement.services.triage import triage_run

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        load_demo(whole_country=False, dossiers=0)
        desk._generate(int(os.environ.get("DOSSIERS", "200000")))
        began = time.perf_counter()
        print(f"history events: {_history_events():,} in {time.perf_counter() - began:.0f} s")
        now = timezone.localtime()
        yesterday = now - datetime.timedelta(days=1)
        began = time.perf_counter()
        first = triage_run(now=yesterday)
        print(
            f"first run (looks back a month, sets the watermarks; once): "
            f"{(time.perf_counter() - began) * 1000:.0f} ms, {first.found:,} candidates"
        )
        _day(int(os.environ.get("DAY", "5000")), now.date())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"events in all: {DossierEvent.objects.count():,}")
        _timed("a day's triage increment", now)
        objectives.on_time_targets = lambda *, agency_id, year: {None: 95.0}  # type: ignore[assignment]
        # The next month's first day: this month's figures are compared with the targets;
        # the watermarks stand where yesterday's run (that month's last day) left them.
        from chuan.calendars.selectors import working_calendar
        from chuan.improvement import triage_rules
        from chuan.improvement.models import TriageCursor
        from chuan.improvement.services.triage import _agency_provinces, overdue_days

        month = now.date().replace(day=1)
        first_of_month = (now.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        eve = first_of_month - datetime.timedelta(days=1)
        marks = {
            str(province): triage_rules.overdue_threshold(
                working_calendar(province), eve, overdue_days()
            ).isoformat()
            for province in set(_agency_provinces().values())
        }
        TriageCursor.objects.filter(pk=1).update(
            months_through=(month - datetime.timedelta(days=1)).replace(day=1),
            overdue_before=marks,
            last_event_id=DossierEvent.objects.order_by("-id").values_list("id", flat=True)[0],
        )
        _timed("the increment on a month's first day (figures vs targets)", first_of_month)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
