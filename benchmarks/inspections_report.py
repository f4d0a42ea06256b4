"""How fast a province's December report (QĐ 19/2014 Appendix II) and DOST's dashboard are
compiled for a province of 300 agencies (the bar: under 2 s).

Run it from the project root:

    .venv/bin/python benchmarks/inspections_report.py

By default it builds a throwaway SQLite database (with the production WAL settings) in a new
folder under /tmp and removes it afterwards. With DATABASE_URL set it uses that database
instead, which must be an empty scratch database (it is migrated and filled), e.g.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_reports'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_reports \\
        .venv/bin/python benchmarks/inspections_report.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_reports'

The province: 300 agencies (30 departments, 20 sub-departments, 5 boards, 5 vertical
agencies, 240 communes and wards), each with three roll-out events, an inspection (a third
on site) with four requests for correction where it did not conform, a plan line, two
certificates — written with bulk_create, then ANALYZE on PostgreSQL. It times `report_figures`
(the December and the November report), `report_compile` (stored, activity recorded) and
`dost_dashboard`, and prints the queries each runs. It prints figures and checks nothing.
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
YEAR = 2026


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


def _build() -> Any:
    from chuan.accounts.roles import Role
    from chuan.inspections.choices import Conclusion, InspectionForm, InspectionState
    from chuan.inspections.models import (
        CorrectionRequest,
        Inspection,
        InspectionPlan,
        PlanLine,
    )
    from chuan.organisations.models import AdministrativeUnit, Agency
    from chuan.organisations.tests.factories import UserFactory, make_unit, member
    from chuan.rollout.choices import EventKind
    from chuan.rollout.models import QmsEvent
    from chuan.training.choices import CourseKind
    from chuan.training.models import Certificate, Course

    rng = random.Random(SEED)
    province = make_unit(
        unit_set="2025", code="52", name="Tỉnh Gia Lai", short_name="Gia Lai",
        level="province", kind="province",
    )  # fmt: skip
    units = AdministrativeUnit.objects.bulk_create(
        AdministrativeUnit(
            unit_set="2025", code=f"52{i:03}", name=f"Xã {i}", short_name=f"{i}",
            level="commune", kind="commune", parent=province, province=province,
            valid_from=datetime.date(2025, 7, 1), search_name=f"xa {i}",
        )
        for i in range(240)
    )  # fmt: skip
    specs: list[tuple[str, str, str, Any]] = []
    specs += [(f"Sở {i}", "provincial_department", "province", None) for i in range(30)]
    specs += [(f"Ban {i}", "provincial_department", "province", None) for i in range(5)]
    specs += [(f"Cục ngành dọc {i}", "other", "province", None) for i in range(5)]
    agencies = Agency.objects.bulk_create(
        Agency(name=n, kind=k, level=lv, unit=province, search_name=n) for n, k, lv, _ in specs
    )
    agencies += Agency.objects.bulk_create(
        Agency(
            name=f"Chi cục {i}", kind="provincial_department", level="province", unit=province,
            parent=agencies[i], search_name=f"chi cuc {i}",
        )
        for i in range(20)
    )  # fmt: skip
    agencies += Agency.objects.bulk_create(
        Agency(
            name=f"UBND xã {i}", kind="commune_peoples_committee", level="commune", unit=unit,
            search_name=f"ubnd xa {i}",
        )
        for i, unit in enumerate(units)
    )  # fmt: skip
    events = []
    for agency in agencies:
        events.append(QmsEvent(agency=agency, kind=EventKind.BUILDING_STARTED,
                               occurred_on=datetime.date(2024, 1, 2)))  # fmt: skip
        if rng.random() < 0.85:
            on = datetime.date(2025, rng.randint(1, 12), 10)
            events.append(QmsEvent(agency=agency, kind=EventKind.ANNOUNCED, occurred_on=on,
                                   decision_number="1/QĐ", decision_date=on))  # fmt: skip
    QmsEvent.objects.bulk_create(events)
    plan = InspectionPlan.objects.create(province=province, year=YEAR, state="approved")
    lines = PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan, agency=agency,
            form=InspectionForm.ON_SITE if i % 3 == 0 else InspectionForm.RECORDS,
            planned_month=rng.randint(3, 11),
        )
        for i, agency in enumerate(agencies)
    )  # fmt: skip
    conclusions = [Conclusion.CONFORMS, Conclusion.CORRECTIONS_NEEDED, Conclusion.NOT_CONFORMING]
    inspections = Inspection.objects.bulk_create(
        Inspection(
            line=line, agency=line.agency, province=province, year=YEAR, form=line.form,
            state=InspectionState.CONCLUDED, conclusion=rng.choice(conclusions),
            concluded_on=datetime.date(YEAR, 6, 1), request_date=datetime.date(YEAR, 3, 1),
            reply_due=datetime.date(YEAR, 3, 20),
        )
        for line in lines
    )  # fmt: skip
    CorrectionRequest.objects.bulk_create(
        CorrectionRequest(inspection=i, text="Khắc phục", state=rng.choice(
            ["open", "reported", "accepted", "not_accepted"]))
        for i in inspections if i.conclusion != Conclusion.CONFORMS for _ in range(4)
    )  # fmt: skip
    courses = [
        Course.objects.create(
            province=province, kind=kind, title=kind, organiser="Sở KH&CN",
            starts_on=datetime.date(YEAR, 4, 1), ends_on=datetime.date(YEAR, 4, 5),
        )
        for kind in (CourseKind.INTERNAL_AUDITOR, CourseKind.ISO_SECRETARY)
    ]  # fmt: skip
    Certificate.objects.bulk_create(
        Certificate(
            number=f"CC-{a.pk}-{c.pk}", course=c, holder_name="Người học", agency=a,
            issued_on=datetime.date(YEAR, 4, 5),
        )
        for a in agencies if rng.random() < 0.7 for c in courses
    )  # fmt: skip
    dost = agencies[0]
    user: Any = UserFactory(roles=[Role.DOST_COORDINATOR])
    coordinator = member(user, dost)
    return province, coordinator, len(agencies)


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

    from chuan.inspections.report_states import ReportKind
    from chuan.inspections.selectors.dashboard import dost_dashboard
    from chuan.inspections.selectors.reports import report_figures
    from chuan.inspections.services.reports import report_compile

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        province, coordinator, count = _build()
        print(f"built {count} agencies in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        today = datetime.date(YEAR, 12, 5)

        def december() -> Any:
            return report_figures(province=province, year=YEAR, kind=ReportKind.DECEMBER)

        figures = december()
        print(f"December total: {dict(zip(figures['columns'], figures['total'], strict=True))}")
        for label, action in (
            ("report_figures December", december),
            (
                "report_figures November",
                lambda: report_figures(province=province, year=YEAR, kind=ReportKind.NOVEMBER),
            ),
            ("dost_dashboard", lambda: dost_dashboard(province=province, year=YEAR, today=today)),
        ):
            connection.force_debug_cursor = True
            reset_queries()
            action()
            print(f"{label} runs {len(connection.queries)} queries")
            connection.force_debug_cursor = False
            _time(label, action)
        _time(
            "report_compile December (stored, activity recorded)",
            lambda: report_compile(
                province=province, year=YEAR, kind=ReportKind.DECEMBER, actor=coordinator
            ),
        )
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
