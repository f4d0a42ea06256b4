"""How fast the decision-766 index is with a province's year of dossiers.

Run from the project root:

    .venv/bin/python benchmarks/index766.py             # 1,300,000 dossiers on scratch SQLite
    BENCH_DATA_DIR=/tmp/bench .venv/bin/python benchmarks/index766.py   # kept for a rerun
    DOSSIERS=1300000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_index \\
        .venv/bin/python benchmarks/index766.py

With DATABASE_URL the database must be a scratch one (create and drop it with psql);
dossiers it already holds from an earlier run are kept and only the rest are generated. It
loads Gia Lai since 2025 and the demo catalogue, generates DOSSIERS dossiers over the past
year by bulk_create, builds the monthly figures from them as the desk keeps them (with the
handling time and digitised counts), runs ANALYZE, then times, over RUNS runs after a
warm-up:

* the index of the last whole month for the province (DOST) and for the busiest agency;
* the twelve months' trend for the province (what the dashboard draws);
* the province's agencies, each with its index for the month (the drill-down table);
* the first page of the dossiers behind the "late" figure.

It prints figures and checks nothing.
"""

import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from desk import _time  # noqa: E402

BATCH = 20_000


def _generate(count: int) -> None:
    """`count` dossiers received over the past year across Gia Lai's agencies (a few busy
    desks, many quiet ones; at most 9,999 a desk a day), finished early, on time or late, or
    still running; due times by whole days rather than the calendar, which the index does
    not read."""
    import random
    from collections import Counter

    from django.db import transaction

    from chuan.dossiers.choices import Channel, Status
    from chuan.dossiers.models import Dossier
    from chuan.dossiers.rules import VIETNAM, finish_timeliness
    from chuan.organisations.choices import UnitSet
    from chuan.organisations.models import Agency
    from chuan.procedures.models import ProcedureVersion

    rng = random.Random(2026)
    agencies = list(Agency.objects.filter(unit__unit_set=UnitSet.REFORM_2025, code__isnull=False))
    versions = list(ProcedureVersion.objects.filter(valid_to__isnull=True))
    weights = [rng.paretovariate(1.5) for _ in agencies]
    now = datetime.datetime.now(tz=VIETNAM)
    start = now - datetime.timedelta(days=365)
    numbers: Counter[tuple[int, datetime.date]] = Counter()
    first = Dossier.objects.count()
    rows: list[Dossier] = []
    for index in range(count):
        while True:
            agency = rng.choices(agencies, weights)[0]
            received = start + datetime.timedelta(seconds=rng.randint(0, 365 * 86400))
            if numbers[(agency.pk, received.date())] < 9999:
                break
        numbers[(agency.pk, received.date())] += 1
        version = rng.choice(versions)
        due = received + datetime.timedelta(days=rng.choice((1, 3, 5, 10, 15)))
        channel = rng.choices((Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL), (55, 40, 5))[0]
        status, ended, timeliness = Status.PROCESSING, None, ""
        if due < now - datetime.timedelta(days=3) or rng.random() < 0.2:
            ended = received + (due - received) * rng.uniform(0.3, 1.3)
            if ended < now:
                status, timeliness = Status.RETURNED, finish_timeliness(ended, due)
            else:
                ended = None
        rows.append(
            Dossier(
                code=f"BENCH-{first + index}",
                agency_id=agency.pk,
                version_id=version.pk,
                field_id=version.field_id,
                status=status,
                channel=channel,
                applicant_name=f"Người nộp {index}",
                applicant_id_number="064095000123",
                applicant_phone=f"09{index % 100000000:08d}",
                received_at=received,
                first_due_at=due,
                due_at=due,
                current_step=None if ended else 1,
                ended_at=ended,
                timeliness=timeliness,
                returned_at=ended,
            )
        )
        if len(rows) == BATCH:
            with transaction.atomic():
                Dossier.objects.bulk_create(rows)
            rows.clear()
    with transaction.atomic():
        Dossier.objects.bulk_create(rows)


def _monthly_figures() -> None:
    """The monthly figures of every dossier held, as the desk's services keep them, in two
    grouped reads."""
    from collections import defaultdict

    from django.db import transaction
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from chuan.dossiers.choices import Channel
    from chuan.dossiers.models import Dossier, MonthlyFigure
    from chuan.dossiers.rules import VIETNAM

    counts: dict[tuple[int, int, datetime.date], dict[str, int]] = defaultdict(dict)
    received = (
        Dossier.objects.annotate(m=TruncMonth("received_at", tzinfo=VIETNAM))
        .values("agency_id", "version__procedure_id", "m", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in received:
        key = (row["agency_id"], row["version__procedure_id"], row["m"].date())
        column = "received_online" if row["channel"] == Channel.ONLINE else "received_direct"
        counts[key][column] = counts[key].get(column, 0) + row["n"]
    finished = (
        Dossier.objects.exclude(timeliness="")
        .annotate(m=TruncMonth("ended_at", tzinfo=VIETNAM))
        .values("agency_id", "version__procedure_id", "m", "timeliness")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in finished:
        key = (row["agency_id"], row["version__procedure_id"], row["m"].date())
        counts[key][f"finished_{row['timeliness']}"] = row["n"]
    with transaction.atomic():
        MonthlyFigure.objects.all().delete()
        MonthlyFigure.objects.bulk_create(
            (
                MonthlyFigure(agency_id=a, procedure_id=p, month=m, **values)
                for (a, p, m), values in counts.items()
            ),
            batch_size=BATCH,
        )


def _fill_index_columns() -> None:
    """The columns the desk's services keep for the index, which the bulk generator does
    not: each finished dossier's handling time and about two in three received digitised,
    one in two finished with an electronic result."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dossiers_monthlyfigure SET"
            " handled = finished_early + finished_on_time + finished_late,"
            " handled_minutes = (finished_early + finished_on_time + finished_late) * 2400,"
            " digitised = (received_online + received_direct) * 2 / 3,"
            " electronic_result = (finished_early + finished_on_time + finished_late) / 2"
        )
        cursor.execute("ANALYZE")  # both engines plan from fresh statistics


def main() -> None:
    scratch = None
    if os.environ.get("BENCH_DATA_DIR"):  # a SQLite scratch directory kept between runs
        os.environ["CHUAN_DATA_DIR"] = os.environ["BENCH_DATA_DIR"]
    elif not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-index-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from chuan.accounts.models import User
    from chuan.demo.loader import load_demo
    from chuan.dossiers.models import Dossier, MonthlyFigure
    from chuan.organisations.models import Agency
    from chuan.servicesindex import selectors

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        load_demo(whole_country=False, dossiers=0)
        wanted = int(os.environ.get("DOSSIERS", "1300000"))
        held = Dossier.objects.count()  # a scratch database kept from an earlier run
        began = time.perf_counter()
        if held < wanted:
            _generate(wanted - held)
        _monthly_figures()
        _fill_index_columns()
        print(
            f"{Dossier.objects.count():,} dossiers, figures built in "
            f"{time.perf_counter() - began:.0f} s"
        )
        print(f"monthly figures: {MonthlyFigure.objects.count():,} rows")
        dost = User.objects.get(username="dost")
        today = timezone.localdate()
        month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        province = selectors.index_view(user=dost, agency_id=None)
        assert province is not None
        print(f"province: {len(province.scope.agency_ids)} agencies; month {month:%m/%Y}")
        in_month = Dossier.objects.filter(received_at__date__gte=month).count()
        print(f"dossiers since the month began: {in_month:,}")
        busiest = Dossier.objects.values("agency_id").annotate(n=Count("pk")).order_by("-n").first()
        agency = selectors.View(
            selectors._agency_scope(
                Agency.objects.select_related("unit").get(pk=busiest["agency_id"])
            ),
            None,
            False,
        )
        _time("index of the month, province", lambda: selectors.month_index(province, month))
        _time("index of the month, busiest agency", lambda: selectors.month_index(agency, month))
        _time("twelve months' trend, province", lambda: selectors.trend(province, month), runs=5)
        _time(
            "every agency's index for the month, province",
            lambda: selectors.agencies_index(province, month),
            runs=5,
        )
        _time(
            "dossiers behind 'late', first page, province",
            lambda: list(selectors.drill_dossiers(province, month, "late")[:50]),
        )
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
