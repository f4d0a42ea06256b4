"""How fast the unit registry loads and answers searches, on SQLite or PostgreSQL.

Run it from the project root:

    .venv/bin/python benchmarks/units.py

By default it builds a throwaway SQLite database (with the production WAL settings) in a new
folder under /tmp and removes it afterwards. With DATABASE_URL set it uses that database
instead, which must be an empty scratch database: the script migrates it and writes ~14,000
units into it, e.g.

    createdb -h 127.0.0.1 -U postgres chuan_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench .venv/bin/python benchmarks/units.py
    dropdb -h 127.0.0.1 -U postgres chuan_bench

It prints figures and checks nothing.
"""

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

# What officials and citizens type into the unit pickers: former and new names, bare words
# that match hundreds of units, numbered wards, and a few misses.
QUERIES = [
    "chu se",
    "pleiku",
    "ha noi",
    "phuong 1",
    "xa ia",
    "ba dinh",
    "tan phu",
    "gia lai",
    "ho chi minh",
    "quan 1",
    "thu duc",
    "an khe",
    "quy nhon",
    "binh thanh",
    "phu",
    "hoa",
    "dak",
    "thi tran",
    "huyen chu",
    "phuong ben thanh",
    "xa tan",
    "da nang",
    "con dao",
    "dac khu",
    "krong pa",
    "vinh long",
    "tinh",
    "nguyen",
    "xyz khong co",
    "26734",
]
SEARCHES = 200
LIMIT = 20


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def main() -> None:
    scratch: str | None = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from chuan.organisations.selectors import unit_search
    from chuan.organisations.units_import import import_units

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")

        report = import_units()
        print(
            f"full import (both lists): {report.seconds:.2f} s — "
            f"{report.created:,} units, {report.lineage_created:,} lineage links created"
        )
        again = import_units()
        print(
            f"second run (nothing to change): {again.seconds:.2f} s — "
            f"{again.created} created, {again.updated} updated"
        )

        rng = random.Random(2025)
        queries = [rng.choice(QUERIES) for _ in range(SEARCHES)]
        for query in QUERIES:  # warm caches and plans once per query
            list(unit_search(query=query)[:LIMIT])
        timings: list[float] = []
        slowest: dict[str, float] = {}
        hits: dict[str, int] = {}
        for query in queries:
            started = time.perf_counter()
            found = list(unit_search(query=query)[:LIMIT])
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            slowest[query] = max(slowest.get(query, 0.0), elapsed)
            hits[query] = len(found)
        print(
            f"unit_search, {SEARCHES} queries, first {LIMIT} rows: "
            f"median {statistics.median(timings):.2f} ms, "
            f"p95 {_percentile(timings, 0.95):.2f} ms, max {max(timings):.2f} ms"
        )
        worst = sorted(slowest.items(), key=lambda item: item[1], reverse=True)[:5]
        print(
            "slowest queries: "
            + ", ".join(f"{q!r} {ms:.1f} ms ({hits[q]} rows)" for q, ms in worst)
        )
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
