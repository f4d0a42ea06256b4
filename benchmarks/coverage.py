"""How fast QMS coverage is computed for the whole nation and for one province's dashboard.

Run it from the project root:

    .venv/bin/python benchmarks/coverage.py

By default it builds a throwaway SQLite database (with the production WAL settings) in a new
folder under /tmp and removes it afterwards. With DATABASE_URL set it uses that database
instead, which must be an empty scratch database: the script migrates it and writes both unit
lists (~14,000 units), ~16,000 agencies and ~20,000 QMS events into it, e.g.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_cov'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_cov \\
        .venv/bin/python benchmarks/coverage.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_cov'

The nation: one People's Committee per commune of both lists and per legacy district, and a
People's Committee and 20 departments per province of both lists. Their histories are
plausible and seeded (the same on every run), written with bulk_create rather than through
the services, which would take minutes. Then it times, over RUNS runs after a warm-up:

* nation-wide coverage: `rollout_snapshot(province=None)` and `figure` for each level on one
  date, split into the snapshot (2 queries) and the arithmetic;
* one province's dashboard: snapshot, the 4 tiles (figure per level, and every target judged),
  by district, a 24-month series and the lagging list.

It also times, for comparison, the same nation-wide figures as one SQL aggregate (a
suggestion, not the product's code), and prints a profile of one nation-wide run. It prints
figures and checks nothing.
"""

import cProfile
import datetime
import io
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 20
WARM_UP = 2
SEED = 2018
NATION_DAYS = (datetime.date(2026, 11, 29), datetime.date(2018, 1, 31))
DEPARTMENTS = (
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Chi cục Kiểm lâm",
    "Chi cục Quản lý thị trường",
    "Chi cục Thủy lợi",
    "Chi cục An toàn vệ sinh thực phẩm",
)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def _time(label: str, action: Callable[[], Any], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"  {label}: median {statistics.median(timings):.1f} ms, "
        f"p95 {_percentile(timings, 0.95):.1f} ms, min {min(timings):.1f} ms"
    )
    return timings


def _build_nation() -> None:
    """Agencies for every unit of both lists, and seeded QMS histories, by bulk_create."""
    from chuan.organisations.choices import REFORM_2025, AgencyKind, UnitLevel, UnitSet
    from chuan.organisations.models import AdministrativeUnit, Agency
    from chuan.organisations.services import agency_search_name
    from chuan.rollout.choices import CoverageLevel, EventKind, IsoEdition
    from chuan.rollout.models import QmsEvent, Target

    started = time.perf_counter()
    units = list(
        AdministrativeUnit.objects.order_by("unit_set", "code").values(
            "id", "unit_set", "level", "name", "valid_from", "valid_to"
        )
    )
    kind_of = {
        UnitLevel.DISTRICT: AgencyKind.DISTRICT_PEOPLES_COMMITTEE,
        UnitLevel.COMMUNE: AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
    }
    agencies: list[Agency] = []

    def add(unit: dict[str, Any], name: str, kind: str, short: str = "") -> None:
        agencies.append(
            Agency(
                name=name,
                short_name=short,
                kind=kind,
                level=unit["level"],
                unit_id=unit["id"],
                valid_from=unit["valid_from"],
                valid_to=unit["valid_to"],
                search_name=agency_search_name(name, short, None),
            )
        )

    for unit in units:
        committee = f"Ủy ban nhân dân {unit['name']}"
        if unit["level"] == UnitLevel.PROVINCE:
            add(unit, committee, AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE)
            for name in DEPARTMENTS:
                add(unit, name, AgencyKind.PROVINCIAL_DEPARTMENT)
        else:
            add(unit, committee, kind_of[unit["level"]])
    Agency.objects.bulk_create(agencies, batch_size=1000)

    rng = random.Random(SEED)
    day = datetime.timedelta(days=1)
    events: list[QmsEvent] = []
    announced_kinds = 0

    def history(agency_id: int, start: datetime.date, *, announce: bool, edition: str) -> None:
        nonlocal announced_kinds
        committee = start
        building = committee + 14 * day
        events.append(
            QmsEvent(agency_id=agency_id, kind=EventKind.COMMITTEE_APPOINTED, occurred_on=committee)
        )
        events.append(
            QmsEvent(agency_id=agency_id, kind=EventKind.BUILDING_STARTED, occurred_on=building)
        )
        if not announce:
            return
        documents = building + rng.randint(60, 150) * day
        announced = documents + rng.randint(10, 40) * day
        events.append(
            QmsEvent(agency_id=agency_id, kind=EventKind.DOCUMENTS_ISSUED, occurred_on=documents)
        )
        events.append(
            QmsEvent(
                agency_id=agency_id,
                kind=EventKind.ANNOUNCED,
                occurred_on=announced,
                decision_number=f"{rng.randint(10, 999)}/QĐ-UBND",
                decision_date=announced,
                iso_edition=edition,
                signer="Chủ tịch",
                scope="Giải quyết thủ tục hành chính và các công việc thuộc chức năng, nhiệm vụ.",
            )
        )
        announced_kinds += 1
        if rng.random() < 0.7:
            events.append(
                QmsEvent(
                    agency_id=agency_id,
                    kind=EventKind.APPLYING_CONFIRMED,
                    occurred_on=announced + rng.randint(90, 300) * day,
                )
            )

    rows = Agency.objects.order_by("id").values_list("id", "kind", "unit__unit_set")
    for agency_id, kind, unit_set in rows:
        legacy = unit_set == UnitSet.LEGACY
        if kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE:
            continue
        if legacy and kind != AgencyKind.COMMUNE_PEOPLES_COMMITTEE:
            # Departments and districts: nearly all announced between 2012 and 2017.
            start = datetime.date(2012, 1, 2) + rng.randint(0, 5 * 365) * day
            history(
                agency_id, start, announce=rng.random() < 0.97, edition=IsoEdition.ISO_9001_2008
            )
        elif legacy:
            if rng.random() < 0.25:
                start = datetime.date(2015, 6, 1) + rng.randint(0, 4 * 365) * day
                history(
                    agency_id, start, announce=rng.random() < 0.6, edition=IsoEdition.ISO_9001_2008
                )
        elif rng.random() < 0.15:
            start = REFORM_2025 + 7 * day + rng.randint(0, 240) * day
            history(agency_id, start, announce=rng.random() < 0.5, edition=IsoEdition.ISO_9001_2015)
    QmsEvent.objects.bulk_create(events, batch_size=2000)

    targets = []
    for province in AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE):
        legacy = province.unit_set == UnitSet.LEGACY
        targets.append(
            Target(
                decision_number=f"{rng.randint(100, 999)}/QĐ-UBND",
                decision_date=datetime.date(2017, 4, 24) if legacy else REFORM_2025,
                province=province,
                level=CoverageLevel.COMMUNE,
                percent=Decimal(90),
                deadline=datetime.date(2017 if legacy else 2026, 12, 31),
            )
        )
    Target.objects.bulk_create(targets)
    print(
        f"nation built in {time.perf_counter() - started:.1f} s: {len(agencies):,} agencies, "
        f"{len(events):,} QMS events ({announced_kinds:,} announcements)"
    )


def _nation(on: datetime.date) -> dict[str, Any]:
    """Nation-wide coverage as the product computes it: one SQL aggregate."""
    from chuan.rollout.selectors import coverage_figures

    return coverage_figures(province=None, on=on)


def _nation_in_python(on: datetime.date) -> dict[str, Any]:
    """The same figures through the in-memory snapshot (the dashboard's path), to compare."""
    from chuan.rollout.coverage import LEVELS_FOR_TILES
    from chuan.rollout.selectors import rollout_snapshot

    snapshot = rollout_snapshot(province=None)
    return {level: snapshot.figure(level, on) for level in LEVELS_FOR_TILES}


def _dashboard(province: Any, on: datetime.date) -> dict[str, Any]:
    """What the dashboard computes for one province on one date."""
    from chuan.rollout.choices import CoverageLevel
    from chuan.rollout.coverage import LEVELS_FOR_TILES
    from chuan.rollout.selectors import rollout_snapshot, targets_for

    snapshot = rollout_snapshot(province=province)
    targets = targets_for(province=province)
    tiles = {
        level: (
            snapshot.figure(level, on),
            [
                snapshot.target_met(t.level, t.percent, t.deadline, on)
                for t in targets
                if t.level == level
            ],
        )
        for level in LEVELS_FOR_TILES
    }
    level = CoverageLevel.COMMUNE
    start = datetime.date(on.year - 2, on.month, 1)
    return {
        "tiles": tiles,
        "by_group": snapshot.by_group(level, on),
        "series": snapshot.series(level, start, on),
        "lagging": snapshot.lagging(level, on),
    }


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
    from django.db.models import Count

    from chuan.organisations.choices import UnitLevel, UnitSet
    from chuan.organisations.models import AdministrativeUnit, Agency
    from chuan.organisations.units_import import import_units
    from chuan.rollout.coverage import LEVELS_FOR_TILES
    from chuan.rollout.selectors import rollout_snapshot

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        report = import_units(unit_set="both")
        print(f"units imported in {report.seconds:.1f} s: {report.created:,} created")
        _build_nation()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        print(f"timings over {RUNS} runs after {WARM_UP} warm-up runs:")
        for on in NATION_DAYS:
            figures = _nation(on)
            same = "same as" if _nation_in_python(on) == figures else "DIFFERENT from"
            print(
                f"nation on {on}: "
                + ", ".join(f"{level} {f.announced}/{f.in_scope}" for level, f in figures.items())
                + f" ({same} the in-memory snapshot)"
            )
            _time(f"nation coverage on {on} (SQL aggregate, 4 figures)", lambda on=on: _nation(on))
            _time(f"  same through the snapshot on {on}", lambda on=on: _nation_in_python(on))
        on = NATION_DAYS[0]
        _time("  of which rollout_snapshot(province=None)", lambda: rollout_snapshot(province=None))
        snapshot = rollout_snapshot(province=None)
        _time(
            "  of which 4 figures on a loaded snapshot",
            lambda: [snapshot.figure(level, on) for level in LEVELS_FOR_TILES],
        )

        biggest = (
            Agency.objects.filter(unit__unit_set=UnitSet.LEGACY)
            .values("unit__province_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        gia_lai = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, short_name="Gia Lai")
        cases = [
            (gia_lai.get(unit_set=UnitSet.LEGACY), datetime.date(2018, 1, 31)),
            (gia_lai.get(unit_set=UnitSet.REFORM_2025), datetime.date(2026, 11, 29)),
            (
                AdministrativeUnit.objects.get(pk=biggest["unit__province_id"]),
                datetime.date(2018, 1, 31),
            ),
        ]
        for province, day in cases:
            agencies = Agency.objects.filter(unit__province=province).count()
            _time(
                f"dashboard {province.name} ({province.unit_set}, {agencies} agencies) on {day}",
                lambda province=province, day=day: _dashboard(province, day),
            )

        profile = cProfile.Profile()
        profile.enable()
        _nation(on)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
        print("profile of one nation-wide run (by own time):")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
