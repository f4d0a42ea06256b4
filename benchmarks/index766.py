"""How fast the decision-766 index is with a province's year of dossiers.

Run from the project root:

    .venv/bin/python benchmarks/index766.py             # 1,300,000 dossiers on scratch SQLite
    DOSSIERS=1300000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_index \\
        .venv/bin/python benchmarks/index766.py

With DATABASE_URL the database must be an empty scratch one (create and drop it with psql).
It generates the year as `benchmarks/desk.py` does (Gia Lai since 2025, the demo catalogue,
DOSSIERS dossiers by bulk_create with their daily and monthly figures), gives the monthly
figures the handling time and digitised counts the desk keeps, runs ANALYZE, then times,
over RUNS runs after a warm-up:

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from desk import _generate, _time  # noqa: E402


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
    if not os.environ.get("DATABASE_URL"):
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
        _generate(int(os.environ.get("DOSSIERS", "1300000")))
        _fill_index_columns()
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
