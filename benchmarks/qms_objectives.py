"""How fast the live values of a whole province's quality objectives are computed.

Run from the project root:

    .venv/bin/python benchmarks/qms_objectives.py             # scratch SQLite
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_obj'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_obj \\
        .venv/bin/python benchmarks/qms_objectives.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_obj'

With DATABASE_URL the database must be an empty scratch one. BENCH_DIR=<folder> keeps the
SQLite data in that folder and, on a second run, times it again without generating it.

The generator loads Gia Lai since 2025 (its ~150 agencies) and the demo catalogue, then
writes the daily and monthly figures DOSSIERS dossiers (1,000,000) received over the past
year would have left (received; finished early, on time or late; citizens' ratings) by
bulk_create, as the desk services would have kept them, and the dossiers still open (some
past due: what "overdue now" counts). Each agency then gets the objectives an agency sets:
on time, early, satisfied, not satisfied, overdue now, reviews of legal changes on time for
the agency as a whole, and on time for one procedure and for one field. After ANALYZE it
times, over RUNS runs after a warm-up, `progress_for` over every objective of the province
(the target is < 200 ms) and over one agency's. It prints figures and checks nothing.
"""

import datetime
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS, WARM_UP, SEED = 20, 2, 2026
BATCH = 20_000


def _time(label: str, action: Callable[[], Any], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        action()
    samples, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        samples.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    # The processor time of this process (with SQLite, the database's work too): what the
    # wall time would be on an idle machine, when others share its cores.
    print(
        f"{label}: median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms "
        f"(processor time: median {statistics.median(cpu):.1f} ms)"
    )
    return samples


def _figures(count: int) -> list[Any]:
    """The figures `count` dossiers leave, and the open dossiers; returns the agencies."""
    from django.db import transaction
    from django.utils import timezone

    from chuan.dossiers.choices import Channel, Status
    from chuan.dossiers.models import DailyFigure, Dossier, MonthlyFigure
    from chuan.dossiers.rules import VIETNAM, dossier_code
    from chuan.organisations.choices import UnitSet
    from chuan.organisations.models import Agency
    from chuan.procedures.models import ProcedureVersion

    rng = random.Random(SEED)
    agencies = list(Agency.objects.filter(unit__unit_set=UnitSet.REFORM_2025, code__isnull=False))
    versions = list(ProcedureVersion.objects.filter(valid_to__isnull=True))
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    now = datetime.datetime.now(tz=VIETNAM)
    weights = list(itertools.accumulate(rng.paretovariate(1.5) for _ in agencies))
    figures: Counter[tuple[int, int, int, datetime.date, str]] = Counter()
    open_rows: list[Dossier] = []
    numbers: Counter[int] = Counter()
    began = time.perf_counter()
    for _index in range(count):
        agency = rng.choices(agencies, cum_weights=weights)[0]
        version = versions[rng.randrange(len(versions))]
        day = start + datetime.timedelta(days=rng.randrange(366))
        key = (agency.pk, version.procedure_id, version.field_id)
        figures[(*key, day, rng.choice(("received_online", "received_direct")))] += 1
        if rng.random() < 0.05 and day > today - datetime.timedelta(days=30):
            numbers[agency.pk] += 1
            due = datetime.datetime.combine(
                day + datetime.timedelta(days=rng.choice((1, 5, 10, 15))),
                datetime.time(17),
                tzinfo=VIETNAM,
            )
            open_rows.append(
                Dossier(
                    code=dossier_code(agency.code or "", day, numbers[agency.pk] % 9999 + 1)
                    + f"-{numbers[agency.pk]}",
                    agency_id=agency.pk,
                    version_id=version.pk,
                    field_id=version.field_id,
                    status=Status.PROCESSING,
                    channel=Channel.IN_PERSON,
                    applicant_name="Người nộp",
                    applicant_id_number="064095000123",
                    applicant_phone="0900000000",
                    received_at=datetime.datetime.combine(day, datetime.time(8), tzinfo=VIETNAM),
                    first_due_at=due,
                    due_at=due,
                    current_step=1,
                )
            )
            continue
        ended = min(day + datetime.timedelta(days=rng.randrange(15)), today)
        column = rng.choices(
            ("finished_early", "finished_on_time", "finished_late", "ended_otherwise"),
            (30, 62, 6, 2),
        )[0]
        figures[(*key, ended, column)] += 1
        if column != "ended_otherwise" and rng.random() < 0.6:
            rating = rng.choices(
                ("rated_very_satisfied", "rated_satisfied", "rated_not_satisfied"), (50, 45, 5)
            )[0]
            figures[(*key, ended, rating)] += 1
    by_day: dict[tuple[int, int, int, datetime.date], DailyFigure] = {}
    by_month: dict[tuple[int, int, datetime.date], MonthlyFigure] = {}
    for (agency_id, procedure_id, field_id, day, column), n in figures.items():
        daily = by_day.setdefault(
            (agency_id, procedure_id, field_id, day),
            DailyFigure(agency_id=agency_id, procedure_id=procedure_id, field_id=field_id, day=day),
        )
        setattr(daily, column, getattr(daily, column) + n)
        month = day.replace(day=1)
        monthly = by_month.setdefault(
            (agency_id, procedure_id, month),
            MonthlyFigure(agency_id=agency_id, procedure_id=procedure_id, month=month),
        )
        setattr(monthly, column, getattr(monthly, column) + n)
    with transaction.atomic():
        DailyFigure.objects.bulk_create(by_day.values(), batch_size=BATCH)
        MonthlyFigure.objects.bulk_create(by_month.values(), batch_size=BATCH)
        Dossier.objects.bulk_create(open_rows, batch_size=BATCH)
    print(
        f"figures of {count:,} dossiers: {len(by_day):,} daily, {len(by_month):,} monthly, "
        f"{len(open_rows):,} open dossiers ({len(agencies)} agencies, {len(versions)} "
        f"procedures) in {time.perf_counter() - began:.0f} s; now {now:%d/%m/%Y}"
    )
    return agencies


def _objectives(agencies: list[Any], year: int) -> int:
    from chuan.dossiers.models import MonthlyFigure
    from chuan.improvement.choices import Measure
    from chuan.improvement.models import Objective
    from chuan.procedures.models import ProcedureVersion

    busiest: dict[int, int] = {}
    for agency_id, procedure_id in (
        MonthlyFigure.objects.order_by("agency_id", "-finished_on_time")
        .values_list("agency_id", "procedure_id")
        .distinct()
    ):
        busiest.setdefault(agency_id, procedure_id)
    field_of = dict(ProcedureVersion.objects.values_list("procedure_id", "field_id"))
    rows = []
    whole = (
        (Measure.ON_TIME, "gte", 98, "percent"),
        (Measure.EARLY, "gte", 20, "percent"),
        (Measure.SATISFIED, "gte", 90, "percent"),
        (Measure.NOT_SATISFIED, "lte", 5, "percent"),
        (Measure.OVERDUE_NOW, "lte", 0, "count"),
        (Measure.REVIEWS_ON_TIME, "gte", 100, "percent"),
    )
    for agency in agencies:
        specs: list[tuple[Any, ...]] = [(*spec, None, None) for spec in whole]
        procedure_id = busiest.get(agency.pk)
        if procedure_id:
            specs.append((Measure.ON_TIME, "gte", 95, "percent", procedure_id, None))
            specs.append((Measure.ON_TIME, "gte", 95, "percent", None, field_of[procedure_id]))
        for number, (measure, comparison, target, unit, procedure, field) in enumerate(
            specs, start=1
        ):
            rows.append(
                Objective(
                    agency_id=agency.pk,
                    year=year,
                    number=number,
                    name=str(measure),
                    indicator=str(measure),
                    comparison=comparison,
                    target=Decimal(target),
                    unit=unit,
                    measure=measure,
                    procedure_id=procedure,
                    field_id=field,
                    state="approved",
                )
            )
    Objective.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def main() -> None:
    scratch = None
    kept = os.environ.get("BENCH_DIR")
    if kept:
        os.environ["CHUAN_DATA_DIR"] = kept
    elif not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-objectives-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from chuan.demo.loader import load_demo
    from chuan.improvement.models import Objective
    from chuan.improvement.selectors.objectives import objectives_of
    from chuan.improvement.selectors.objectives_live import progress_for

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        year = timezone.localdate().year
        if not Objective.objects.exists():
            began = time.perf_counter()
            load_demo(whole_country=False, dossiers=0)
            print(f"Gia Lai and its catalogue loaded in {time.perf_counter() - began:.0f} s")
            agencies = _figures(int(os.environ.get("DOSSIERS", "1000000")))
            print(f"{_objectives(agencies, year):,} objectives of {year}")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            year = Objective.objects.order_by("-year").values_list("year", flat=True)[0]
            print(f"kept data: {Objective.objects.count():,} objectives of {year}")
        agency_ids = sorted(set(Objective.objects.values_list("agency_id", flat=True)))

        def province() -> None:
            objectives = Objective.objects.filter(year=year)
            progress_for(objectives)

        with CaptureQueriesContext(connection) as queries:
            province()
        print(f"province: {len(queries.captured_queries)} queries")
        reset_queries()
        _time("live values of every objective of the province", province)
        one = agency_ids[0]
        _time(
            "live values of one agency's objectives",
            lambda: progress_for(objectives_of(agency_id=one, year=year)),
        )
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
