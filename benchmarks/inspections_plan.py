"""How fast Chuẩn proposes a province's yearly inspection plan (TT 26/2014 Arts. 33–34) for
300 agencies, reading every warning sign. Target: under 2 s.

Run it from the project root:

    .venv/bin/python benchmarks/inspections_plan.py

By default it builds a throwaway SQLite database in a new folder under /tmp and removes it
afterwards. With DATABASE_URL set it uses that database instead, which must be an empty
scratch database (ANALYZE runs after the bulk load), e.g.

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE chuan_bench_plan'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_plan \\
        .venv/bin/python benchmarks/inspections_plan.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE chuan_bench_plan'

The province: 300 agencies, each with three years of inspections (one in three on site,
one in five finding problems, requests for correction), a controlled document with a review
after a change of the law (one in four overdue), an internal audit and a management review
for most, and 24 months of desk figures over 10 procedures each (72,000 rows). Written with
bulk_create, seeded. Then it times `plan_signals` alone and the whole `plan_propose` service
(the first run creates the 300 lines, the others refresh them). It prints figures and checks
nothing.
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
WARM_UP = 1
SEED = 2026
AGENCIES = 300
PROCEDURES = 10
MONTHS = 24
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
    from django.utils import timezone

    from chuan.accounts.roles import Role
    from chuan.documents.models import ControlledDocument, ReviewRequest
    from chuan.dossiers.models import MonthlyFigure
    from chuan.improvement.models import Audit, AuditProgramme, ManagementReview
    from chuan.inspections.choices import Conclusion, InspectionForm, InspectionState
    from chuan.inspections.models import CorrectionRequest, Inspection
    from chuan.legal.models import LegalDocument
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
    Agency.objects.bulk_create(
        Agency(
            name=f"Cơ quan số {n:03}",
            kind="commune_peoples_committee" if n > 30 else "provincial_department",
            level="commune" if n > 30 else "province",
            unit=province,
            search_name=f"co quan so {n:03}",
        )
        for n in range(AGENCIES)
    )
    agencies = list(Agency.objects.order_by("pk"))
    coordinator = member(UserFactory(roles=[Role.DOST_COORDINATOR]), agencies[0])
    Inspection.objects.bulk_create(
        Inspection(
            agency=agency,
            province=province,
            year=year,
            form=InspectionForm.ON_SITE if rng.random() < 1 / 3 else InspectionForm.RECORDS,
            state=InspectionState.CLOSED,
            conclusion=Conclusion.CORRECTIONS_NEEDED if rng.random() < 0.2 else Conclusion.CONFORMS,
            concluded_on=datetime.date(year, 10, 1),
        )
        for agency in agencies
        for year in (2023, 2024, 2025)
    )
    CorrectionRequest.objects.bulk_create(
        CorrectionRequest(inspection=inspection, text="Yêu cầu khắc phục", state="open")
        for inspection in Inspection.objects.filter(conclusion=Conclusion.CORRECTIONS_NEEDED)
    )
    law = LegalDocument.objects.create(
        symbol="01/2025/TT-BKHCN",
        number=1,
        kind="circular",
        title="Thông tư thử",
        issuer="Bộ KH&CN",
        issue_date=datetime.date(2025, 1, 1),
    )
    ControlledDocument.objects.bulk_create(
        ControlledDocument(agency=agency, code="QT-01", title="Quy trình", kind="procedure")
        for agency in agencies
    )
    now = timezone.now()
    ReviewRequest.objects.bulk_create(
        ReviewRequest(
            legal_document=law,
            reason="Sửa đổi",
            document=document,
            agency_id=document.agency_id,
            due_at=now - datetime.timedelta(days=400 if rng.random() < 0.25 else -30),
        )
        for document in ControlledDocument.objects.all()
    )
    AuditProgramme.objects.bulk_create(
        AuditProgramme(agency=agency, year=2025, purpose="Đánh giá", criteria="ISO 9001")
        for agency in agencies
    )
    Audit.objects.bulk_create(
        Audit(
            programme=programme,
            agency_id=programme.agency_id,
            round=1,
            title="Đánh giá nội bộ",
            state="reported",
            report_issued_on=datetime.date(2025, rng.randint(1, 12), 10),
        )
        for programme in AuditProgramme.objects.all()
        if rng.random() < 0.8
    )
    held = datetime.datetime(2025, 6, 1, 8, tzinfo=datetime.UTC)
    ManagementReview.objects.bulk_create(
        ManagementReview(
            agency=agency,
            title="Xem xét của lãnh đạo",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 5, 31),
            held_at=held - datetime.timedelta(days=rng.randint(0, 500)),
            chair=coordinator,
            secretary=coordinator,
            state="held",
        )
        for agency in agencies
        if rng.random() < 0.85
    )
    Procedure.objects.bulk_create(
        Procedure(province=province, code=f"1.{n:06d}") for n in range(PROCEDURES)
    )
    procedures = list(Procedure.objects.order_by("pk"))
    rows = []
    for agency in agencies:
        slide = rng.random() < 0.2  # one in five gets worse in the last months
        for m in range(MONTHS):
            month = datetime.date(2024 + m // 12, m % 12 + 1, 1)
            for procedure in procedures:
                n = rng.randint(5, 40)
                late = rng.randint(0, n // (3 if slide and m >= 18 else 12))
                rows.append(
                    MonthlyFigure(
                        agency=agency,
                        procedure=procedure,
                        month=month,
                        received_direct=n,
                        finished_on_time=n - late,
                        finished_late=late,
                    )
                )
    MonthlyFigure.objects.bulk_create(rows, batch_size=5000)
    print(
        f"province: {len(agencies)} agencies, {Inspection.objects.count()} inspections, "
        f"{ReviewRequest.objects.count()} law reviews, {len(rows):,} monthly figures"
    )
    return province, coordinator


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

    from chuan.inspections.selectors.plans import agencies_in_scope, plan_counts, plan_signals
    from chuan.inspections.services.plans import plan_propose

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        started = time.perf_counter()
        province, coordinator = _build()
        print(f"built in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        as_of = datetime.date(YEAR - 1, 12, 31)
        ids = list(agencies_in_scope(province, YEAR).values_list("pk", flat=True))
        connection.force_debug_cursor = True
        reset_queries()
        plan_signals(ids, year=YEAR, as_of=as_of)
        print(f"plan_signals runs {len(connection.queries)} queries for {len(ids)} agencies")
        reset_queries()
        started = time.perf_counter()
        plan = plan_propose(province=province, year=YEAR, actor=coordinator)
        first = (time.perf_counter() - started) * 1000
        print(f"plan_propose (new plan, 300 lines written) {first:.0f} ms")
        print(f"plan_propose (new plan) runs {len(connection.queries)} queries")
        connection.force_debug_cursor = False
        counts = plan_counts(plan)
        print(f"plan: {counts.total} lines, {counts.on_site} on site ({counts.share} %)")
        _time(
            f"plan_signals ({len(ids)} agencies)",
            lambda: plan_signals(ids, year=YEAR, as_of=as_of),
        )
        _time(
            f"plan_propose ({len(ids)} agencies, refresh)",
            lambda: plan_propose(province=province, year=YEAR, actor=coordinator),
        )
    finally:
        connection.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
