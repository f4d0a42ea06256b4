"""How fast a management review's input pack is compiled (ISO 9001:2015, 9.3.2), with a
province holding 1,000,000 dossiers' worth of monthly figures. Target: under 1 s.

Run it from the project root:

    .venv/bin/python benchmarks/qms_review.py

By default it builds a throwaway SQLite database in a new folder under /tmp and removes it
afterwards. With DATABASE_URL set it uses that database instead, which must be an empty
scratch database, e.g.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_review'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_review \\
        .venv/bin/python benchmarks/qms_review.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_review'

The province: 120 agencies, a catalogue of 400 procedures, two years (24 months) of
figures; each agency handles 60 procedures (the reviewed ward 300), and the monthly counts
add up to 1,000,000 dossiers received. The figures are written with bulk_create, seeded.
Then it times, over RUNS runs after a warm-up, `compile_pack` for the ward over a year, and
the whole `review_compile` service (the pack stored in the review's sections). It prints
figures and checks nothing.
"""

import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 10
WARM_UP = 2
SEED = 2026
AGENCIES = 120
PROCEDURES = 400
PER_AGENCY = 60
WARD_PROCEDURES = 300
MONTHS = 24
DOSSIERS = 1_000_000


def _time(label: str, action: Callable[[], Any], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"{label}: median {statistics.median(times):.0f} ms, "
        f"max {max(times):.0f} ms over {runs} runs"
    )
    return times


def _months() -> list[datetime.date]:
    return [datetime.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(MONTHS)]


def _build() -> Any:
    from chuan.accounts.roles import Role
    from chuan.dossiers.models import MonthlyFigure
    from chuan.organisations.models import AdministrativeUnit, Agency
    from chuan.organisations.tests.factories import UserFactory, member
    from chuan.procedures.models import Procedure

    rng = random.Random(SEED)
    province = AdministrativeUnit.objects.create(
        unit_set="2025",
        code="52",
        name="Tỉnh Gia Lai",
        short_name="Gia Lai",
        level="province",
        kind="province",
    )
    AdministrativeUnit.objects.filter(pk=province.pk).update(province=province)
    ward_unit = AdministrativeUnit.objects.create(
        unit_set="2025",
        code="23575",
        name="Phường Pleiku",
        short_name="Pleiku",
        level="commune",
        kind="ward",
        parent=province,
        province=province,
    )
    Agency.objects.bulk_create(
        Agency(
            name=f"Ủy ban nhân dân xã số {n}",
            kind="commune_peoples_committee",
            level="commune",
            unit=ward_unit if n == 0 else province,
            search_name=f"uy ban nhan dan xa so {n}",
        )
        for n in range(AGENCIES)
    )
    agencies = list(Agency.objects.order_by("pk"))
    ward = agencies[0]
    Procedure.objects.bulk_create(
        Procedure(province=province, code=f"1.{n:06d}") for n in range(PROCEDURES)
    )
    procedures = list(Procedure.objects.order_by("pk"))
    cells = [
        (agency, procedure)
        for i, agency in enumerate(agencies)
        for procedure in (
            procedures[:WARD_PROCEDURES] if i == 0 else rng.sample(procedures, PER_AGENCY)
        )
    ]
    per_row = DOSSIERS / (len(cells) * MONTHS)
    rows, received = [], 0
    for agency, procedure in cells:
        for month in _months():
            n = max(0, round(rng.gauss(per_row, per_row / 3)))
            received += n
            late = min(n, rng.randint(0, max(1, n // 6)))
            early = rng.randint(0, max(0, (n - late) // 3))
            rated = rng.randint(0, n)
            unhappy = min(rated, 1 if rng.random() < 0.15 else 0)
            rows.append(
                MonthlyFigure(
                    agency=agency,
                    procedure=procedure,
                    month=month,
                    received_online=n // 2,
                    received_direct=n - n // 2,
                    finished_early=early,
                    finished_on_time=n - early - late,
                    finished_late=late,
                    rated_very_satisfied=(rated - unhappy) // 2,
                    rated_satisfied=rated - unhappy - (rated - unhappy) // 2,
                    rated_not_satisfied=unhappy,
                )
            )
    MonthlyFigure.objects.bulk_create(rows, batch_size=5000)
    print(
        f"figures: {len(rows):,} monthly rows, {received:,} dossiers received, "
        f"{len(agencies)} agencies, {len(procedures)} procedures"
    )
    leader = member(UserFactory(roles=[Role.AGENCY_LEADER]), ward)
    secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), ward)
    return ward, leader, secretary


def main() -> None:
    scratch: str | None = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.utils import timezone

    from chuan.improvement.review_pack import Period, compile_pack
    from chuan.improvement.services.reviews import ReviewData, review_compile, review_create

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        ward, leader, secretary = _build()
        print(f"built in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        start, end = datetime.date(2025, 12, 1), datetime.date(2026, 11, 30)
        period = Period(ward, start, end)
        review = review_create(
            agency=ward,
            data=ReviewData(
                title="Xem xét của lãnh đạo năm 2026",
                period_start=start,
                period_end=end,
                held_at=timezone.now(),
                chair=leader,
                secretary=secretary,
            ),
            actor=secretary,
        )
        pack = compile_pack(period)
        print(f"pack: input e has {len(pack['e'].rows)} rows; {pack['e'].summary}")
        print(f"      input c: {pack['c'].summary}")
        connection.force_debug_cursor = True
        reset_queries()
        compile_pack(period)
        print(f"compile_pack runs {len(connection.queries)} queries")
        connection.force_debug_cursor = False
        _time("compile_pack (the ward, 12 months)", lambda: compile_pack(period))
        _time(
            "review_compile (pack stored in the review)",
            lambda: review_compile(review=review, actor=secretary),
        )
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
