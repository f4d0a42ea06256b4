"""How fast the one-stop desk is with a province's year of dossiers.

Run from the project root:

    .venv/bin/python benchmarks/desk.py                 # 200,000 dossiers on scratch SQLite
    DOSSIERS=1000000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_desk \\
        BENCH_HTTP=1 .venv/bin/python benchmarks/desk.py

With DATABASE_URL the database must be an empty scratch one (create and drop it with psql).
The generator writes Gia Lai since 2025 (152 agencies), the demo catalogue and DOSSIERS
dossiers received over the past year, with their daily figures, by bulk_create (the
services would take hours); then it times, over RUNS runs after a warm-up:

* a leader's worklist (the five queue counts and the first page) at the busiest agency;
* the desk dashboard for the whole province (DOST);
* report form 06 for the province over the year;
* receiving a dossier through the service (median, p95 and receipts per second, one
  process); with BENCH_HTTP set, also through the HTTP API: it starts gunicorn on port
  8765 with BENCH_WORKERS workers (4) on the same database, and BENCH_THREADS clients (8)
  send 40 receipts each with the desk officer's token, the first ones included.

It prints figures and checks nothing.
"""

import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS, WARM_UP, SEED = 10, 2, 2026
BATCH = 20_000


def _time(label: str, action: Callable[[], Any], runs: int = RUNS) -> list[float]:
    for _ in range(WARM_UP):
        action()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"{label}: median {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms")
    return samples


def _generate(count: int) -> None:
    from django.db import connection, transaction

    from chuan.calendars.selectors import working_calendar
    from chuan.core.working_time import Unit
    from chuan.dossiers.choices import Channel, Status, Timeliness
    from chuan.dossiers.models import DailyFigure, Dossier, DossierSequence, MonthlyFigure
    from chuan.dossiers.rules import VIETNAM, dossier_code, finish_timeliness
    from chuan.organisations.choices import UnitSet
    from chuan.organisations.models import Agency
    from chuan.procedures.models import ProcedureVersion

    rng = random.Random(SEED)
    agencies = list(Agency.objects.filter(unit__unit_set=UnitSet.REFORM_2025, code__isnull=False))
    versions = list(ProcedureVersion.objects.filter(valid_to__isnull=True))
    calendar = working_calendar(None)
    now = datetime.datetime.now(tz=VIETNAM)
    start = now - datetime.timedelta(days=365)
    numbers: Counter[tuple[int, datetime.date]] = Counter()
    figures: Counter[tuple[int, int, int, datetime.date, str]] = Counter()
    began = time.perf_counter()
    rows: list[Dossier] = []
    weights = [rng.paretovariate(1.5) for _ in agencies]  # a few busy desks, many quiet ones
    for index in range(count):
        agency = rng.choices(agencies, weights)[0]
        version = rng.choice(versions)
        received = start + datetime.timedelta(seconds=rng.randint(0, 365 * 86400))
        received = calendar.opening(received)
        if received > now:
            received = now - datetime.timedelta(hours=1)
        day = received.date()
        if numbers[(agency.pk, day)] >= 9999:  # a desk's day holds 9,999 codes at most
            agency = rng.choice(agencies)
        numbers[(agency.pk, day)] += 1
        due = calendar.due(received, rng.choice((1, 3, 5, 10, 15)), Unit.WORKING_DAYS)
        channel = rng.choices((Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL), (55, 40, 5))[0]
        kind = "received_online" if channel == Channel.ONLINE else "received_direct"
        figures[(agency.pk, version.procedure_id, version.field_id, day, kind)] += 1
        status, ended, timeliness = Status.PROCESSING, None, ""
        if due < now - datetime.timedelta(days=3) or rng.random() < 0.2:
            ended = received + (due - received) * rng.uniform(0.3, 1.3)
            if ended < now:
                status = Status.RETURNED
                timeliness = finish_timeliness(ended, due)
                figures[
                    (
                        agency.pk,
                        version.procedure_id,
                        version.field_id,
                        ended.date(),
                        f"finished_{timeliness}",
                    )
                ] += 1
            else:
                ended = None
        rows.append(
            Dossier(
                code=dossier_code(agency.code or "", day, numbers[(agency.pk, day)]),
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
        by_day: dict[tuple[int, int, int, datetime.date], DailyFigure] = {}
        for (agency_id, procedure_id, field_id, day, column), n in figures.items():
            figure = by_day.setdefault(
                (agency_id, procedure_id, field_id, day),
                DailyFigure(
                    agency_id=agency_id, procedure_id=procedure_id, field_id=field_id, day=day
                ),
            )
            setattr(figure, column, n)
        DailyFigure.objects.bulk_create(by_day.values(), batch_size=BATCH)
        by_month: dict[tuple[int, int, datetime.date], MonthlyFigure] = {}
        for (agency_id, procedure_id, _field, day, column), n in figures.items():
            figure = by_month.setdefault(
                (agency_id, procedure_id, day.replace(day=1)),
                MonthlyFigure(
                    agency_id=agency_id, procedure_id=procedure_id, month=day.replace(day=1)
                ),
            )
            setattr(figure, column, getattr(figure, column) + n)
        MonthlyFigure.objects.bulk_create(by_month.values(), batch_size=BATCH)
        DossierSequence.objects.bulk_create(
            (DossierSequence(agency_id=a, day=d, last=n) for (a, d), n in numbers.items()),
            batch_size=BATCH,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"generated {count:,} dossiers and {len(by_day):,} daily figures "
        f"in {time.perf_counter() - began:.0f} s ({len(agencies)} agencies)"
    )
    _ = Timeliness


def _http_receipts(url: str, token: str, threads: int, per_thread: int) -> None:
    body = json.dumps(
        {
            "procedure": "1.001193",
            "channel": 1,
            "applicant": {
                "name": "Nguyễn Thị Hoa",
                "id_number": "064095000123",
                "phone": "0905123456",
            },
        }
    ).encode()
    samples: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(per_thread):
            request = urllib.request.Request(  # noqa: S310 - the benchmark's own server
                f"{url}/api/v1/dossiers/",
                data=body,
                headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            )
            began = time.perf_counter()
            with urllib.request.urlopen(request) as response:  # noqa: S310
                response.read()
            with lock:
                samples.append((time.perf_counter() - began) * 1000)

    began = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    samples.sort()
    print(
        f"API receipts, {threads} clients: median {statistics.median(samples):.1f} ms, "
        f"p95 {samples[int(len(samples) * 0.95)]:.1f} ms, {len(samples) / elapsed:.0f} per second"
    )


def _through_gunicorn(desk: Any, threads: int) -> None:
    """Start gunicorn on the same database and receive dossiers through the HTTP API."""
    import subprocess

    from rest_framework.authtoken.models import Token

    token, _created = Token.objects.get_or_create(user=desk)
    port = "8765"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "CHUAN_DEBUG": "0",
        "CHUAN_HTTPS": "0",
        "CHUAN_ALLOWED_HOSTS": "127.0.0.1",
    }
    workers = os.environ.get("BENCH_WORKERS", "4")
    server = subprocess.Popen(  # noqa: S603 - the project's own server
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "chuan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        print(f"gunicorn with {workers} workers:")
        _http_receipts(f"http://127.0.0.1:{port}", token.key, threads, 40)
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-desk-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from chuan.accounts.models import User
    from chuan.demo.loader import load_demo
    from chuan.dossiers import selectors, stats
    from chuan.dossiers.models import Dossier
    from chuan.dossiers.services import Applicant, ReceiptData, dossier_receive
    from chuan.organisations.scoping import visible_agencies
    from chuan.procedures.models import ProcedureVersion

    try:
        call_command("migrate", verbosity=0)
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        load_demo(whole_country=False, dossiers=0)
        _generate(int(os.environ.get("DOSSIERS", "200000")))
        busiest = Dossier.objects.values("agency_id").annotate(n=Count("pk")).order_by("-n").first()
        leader = User.objects.get(username="leader")
        dost = User.objects.get(username="dost")
        membership = leader.memberships.first()
        membership.agency_id = busiest["agency_id"]
        membership.save(update_fields=["agency"])
        leader = User.objects.get(username="leader")
        print(f"busiest desk: {busiest['n']:,} dossiers")

        def worklist() -> None:
            work = selectors.worklist(user=leader, whose="agency", queue="overdue")
            list(work.dossiers[:50])

        _time("worklist of the busiest desk (5 counts + first page)", worklist)
        province = visible_agencies(dost)
        _time("desk dashboard for the province", lambda: stats.dashboard(agencies=province))
        today = datetime.date.today()  # noqa: DTZ011
        _time(
            "report form 06, province, past year",
            lambda: stats.form06(
                agencies=province, start=today - datetime.timedelta(days=365), end=today
            ),
        )
        desk = User.objects.get(username="desk")
        agency = desk.memberships.first().agency
        version = ProcedureVersion.objects.get(procedure__code="1.001193", valid_to__isnull=True)
        samples = []
        began = time.perf_counter()
        for _ in range(200):
            start = time.perf_counter()
            dossier_receive(
                agency=agency,
                data=ReceiptData(
                    version=version,
                    channel=1,
                    applicant=Applicant("Nguyễn Thị Hoa", "064095000123", "0905123456"),
                ),
                actor=desk,
            )
            samples.append((time.perf_counter() - start) * 1000)
        elapsed = time.perf_counter() - began
        samples.sort()
        print(
            f"receipt through the service: median {statistics.median(samples):.1f} ms, "
            f"p95 {samples[189]:.1f} ms, {200 / elapsed:.0f} per second (one process)"
        )
        if os.environ.get("BENCH_HTTP"):
            _through_gunicorn(desk, int(os.environ.get("BENCH_THREADS", "8")))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
