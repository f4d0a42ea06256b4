"""How fast Chuẩn pre-fills the Article 36 items (TT 26/2014/TT-BKHCN Arts. 35–36) of a
province's records-based inspections: 300 agencies, each with an announcement and a
re-announcement, law reviews (revised, open, overdue), internal audits, management reviews,
nonconformities with actions, and a year of the desk's monthly figures. Target: < 2 s.

    .venv/bin/python benchmarks/inspections_prefill.py

Without DATABASE_URL it builds a throwaway SQLite database under /tmp; with it, an empty
scratch database (PostgreSQL is ANALYZEd after the bulk load), e.g.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_prefill'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_prefill \\
        .venv/bin/python benchmarks/inspections_prefill.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_prefill'

It times `prefill_for` on the 300 inspections the first time (13 × 300 items made) and
again (the items refreshed), and prints the queries it ran. It checks nothing.
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AGENCIES = 300
PROCEDURES = 40
SEED = 2026
RUNS = 5


def _build() -> list[Any]:
    from django.utils import timezone

    from chuan.documents.models import ControlledDocument, ReviewRequest
    from chuan.dossiers.models import MonthlyFigure
    from chuan.improvement.models import ManagementReview
    from chuan.inspections.models import Inspection
    from chuan.legal.models import LegalDocument
    from chuan.organisations.models import AdministrativeUnit, Agency
    from chuan.organisations.tests.factories import UserFactory
    from chuan.procedures.models import Procedure
    from chuan.rollout.models import QmsEvent

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
    Agency.objects.bulk_create(
        Agency(
            name=f"Cơ quan số {n}",
            kind="provincial_department",
            level="province",
            unit=province,
            search_name=f"co quan so {n}",
        )
        for n in range(AGENCIES)
    )
    agencies = list(Agency.objects.order_by("pk"))
    user = UserFactory()
    events = []
    for agency in agencies:
        events.append(
            QmsEvent(
                agency=agency,
                kind="announced",
                occurred_on=datetime.date(2023, 5, 2),
                decision_number=f"{agency.pk}/QĐ",
                scope="Toàn bộ TTHC",
                consultant="Trung tâm TĐC 3",
            )
        )
        events.append(
            QmsEvent(
                agency=agency,
                kind="reannounced",
                occurred_on=datetime.date(2025, 9, 1),
                decision_number="2/QĐ",
            )
        )
    QmsEvent.objects.bulk_create(events)
    law = LegalDocument.objects.create(
        symbol="15/2025/QH15",
        number=15,
        kind="law",
        title="Luật",
        issuer="Quốc hội",
        issue_date=datetime.date(2025, 1, 1),
    )
    ControlledDocument.objects.bulk_create(
        ControlledDocument(agency=a, code=f"QT-{i}", title="Quy trình", kind="quality_policy")
        for a in agencies
        for i in range(5)
    )
    now = timezone.now()
    ReviewRequest.objects.bulk_create(
        ReviewRequest(
            legal_document=law,
            reason="Sửa đổi",
            document=d,
            agency_id=d.agency_id,
            due_at=now + datetime.timedelta(days=rng.randint(-30, 30)),
            status=rng.choice(["open", "revised", "no_change"]),
            closed_at=now,
        )
        for d in ControlledDocument.objects.all()
    )
    ManagementReview.objects.bulk_create(
        ManagementReview(
            agency=a,
            title="Xem xét",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            held_at=now,
            chair=user,
            secretary=user,
            state="approved",
        )
        for a in agencies
    )
    Procedure.objects.bulk_create(
        Procedure(province=province, code=f"1.{n:06d}") for n in range(PROCEDURES)
    )
    procedures = list(Procedure.objects.all())
    year = timezone.localdate().year
    MonthlyFigure.objects.bulk_create(
        MonthlyFigure(
            agency=a,
            procedure=p,
            month=datetime.date(year, m, 1),
            finished_early=rng.randint(0, 20),
            finished_on_time=rng.randint(0, 40),
            finished_late=rng.randint(0, 5),
        )
        for a in agencies
        for p in rng.sample(procedures, 10)
        for m in range(1, 13)
    )
    Inspection.objects.bulk_create(
        Inspection(agency=a, province=province, year=year, form="records") for a in agencies
    )
    return list(Inspection.objects.order_by("pk"))


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

    from chuan.inspections.models import ItemAnswer
    from chuan.inspections.services.records import prefill_for

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        inspections = _build()
        print(f"built {len(inspections)} inspections in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        connection.force_debug_cursor = True
        reset_queries()
        started = time.perf_counter()
        prefill_for(inspections)
        first = time.perf_counter() - started
        print(
            f"first pre-fill of {len(inspections)} agencies: {first * 1000:.0f} ms, "
            f"{len(connection.queries)} queries, {ItemAnswer.objects.count()} items"
        )
        connection.force_debug_cursor = False
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            prefill_for(inspections)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"refresh of {len(inspections)} agencies: median {statistics.median(times):.0f} ms,"
            f" max {max(times):.0f} ms over {RUNS} runs"
        )
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
