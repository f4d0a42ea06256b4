"""Soak: receipts through the API at a steady rate for a long time while a gunicorn worker
is killed (SIGKILL) every minute. A benchmark, not a CI test: it prints figures and the
verdict of three checks.

    createdb, migrate and load the demo once:
      psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE chuan_soak"
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_soak CHUAN_DEBUG=1 \\
        sh -c '.venv/bin/python manage.py migrate && .venv/bin/python manage.py \\
        createcachetable && .venv/bin/python manage.py load_demo'
    then:
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_soak \\
        .venv/bin/python benchmarks/soak.py --minutes 30 --rate 100

gunicorn runs with deploy/gunicorn.conf.py (WEB workers, recycling off so that memory
growth shows); the load is open-loop (`--rate` receipts a second whatever the answers'
speed, `--clients` connections at most), spread over the demo's desk officers, each
receipt with its own Idempotency-Key and retried with the same key after a connection
error or a 502/503, for up to a minute, as a real client should.

Checks at the end, on the database:
* nothing acknowledged is lost: every 201/200 answer's dossier is there with its code;
* no code is duplicated or skipped: per agency and day, the numbers taken during the soak
  run without a gap, and each key made at most one dossier;
* memory per worker stays flat: RSS of each worker is printed every `--sample` seconds;
  the longest-lived worker's growth is reported.
"""

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from queue import Full, Queue
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROCEDURE = "1.001193"  # birth registration, in the demo's catalogue


@dataclass
class Outcome:
    key: str
    desk: int
    status: int = 0
    code: str = ""
    dossier_id: int = 0
    attempts: int = 0
    latency_ms: float = 0.0
    finished_at: float = 0.0


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    outcomes: list[Outcome] = field(default_factory=list)
    retries: int = 0
    kills: list[tuple[float, int]] = field(default_factory=list)
    rss: dict[int, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))
    dropped: int = 0  # tickets no client could take in time (the server could not keep up)


def _setup(desks_wanted: int) -> list[tuple[int, str, int]]:
    """(desk user id, token, agency id) of desk officers able to receive PROCEDURE."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chuan.settings")
    os.environ.setdefault("CHUAN_SECRET_KEY", "soak-only-secret-key-" + "x" * 40)
    import django

    django.setup()
    from rest_framework.authtoken.models import Token

    from chuan.accounts.models import User
    from chuan.accounts.roles import Role

    desks = []
    users = (
        User.objects.filter(
            groups__name=Role.DESK_OFFICER,
            memberships__is_active=True,
            active_membership__isnull=False,
            is_active=True,
        )
        .select_related("active_membership")
        .distinct()
        .order_by("pk")
    )
    for user in users:
        token, _created = Token.objects.get_or_create(user=user)
        desks.append((user.pk, token.key, user.active_membership.agency_id))
        if len(desks) >= desks_wanted:
            break
    return desks


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _children(pid: int) -> list[int]:
    out = subprocess.run(  # noqa: S603
        ["/usr/bin/pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in out.stdout.split()]


def _body(index: int) -> bytes:
    return json.dumps(
        {
            "procedure": PROCEDURE,
            "channel": 1,
            "applicant": {
                "name": f"Nguyễn Thị Hoa {index}",
                "id_number": "064095000123",
                "phone": "0905123456",
            },
        }
    ).encode()


def _receive(url: str, token: str, outcome: Outcome, stats: Stats, give_up: float) -> None:
    began = time.perf_counter()
    body = _body(random.randrange(10**6))
    while True:
        outcome.attempts += 1
        request = urllib.request.Request(  # noqa: S310 - the soak's own server
            f"{url}/api/v1/dossiers/",
            data=body,
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": outcome.key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                payload = json.loads(response.read())
                outcome.status = response.status
                outcome.code = payload.get("code", "")
                outcome.dossier_id = int(payload.get("id", 0))
                break
        except urllib.error.HTTPError as error:
            if error.code in (502, 503, 504) and time.perf_counter() - began < give_up:
                pass
            else:
                outcome.status = error.code
                break
        except (OSError, HTTPException):
            # Refused, reset or cut short by a killed worker: the same key again.
            if time.perf_counter() - began >= give_up:
                outcome.status = -1
                break
        with stats.lock:
            stats.retries += 1
        time.sleep(0.2)
    outcome.latency_ms = (time.perf_counter() - began) * 1000
    outcome.finished_at = time.monotonic()


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=100, help="receipts per second")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--kill-every", type=float, default=60, help="seconds; 0: never")
    parser.add_argument("--sample", type=float, default=30, help="seconds between prints")
    parser.add_argument("--desks", type=int, default=40)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("soak: set DATABASE_URL to a PostgreSQL database holding the demo")

    desks = _setup(args.desks)
    if not desks:
        sys.exit("soak: no desk officer in this database: run load_demo first")
    from django.db import connection

    from chuan.dossiers.models import Dossier

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.settings",
        "CHUAN_DEBUG": "0",
        "CHUAN_HTTPS": "0",
        "CHUAN_ALLOWED_HOSTS": "127.0.0.1",
        "CHUAN_BIND": f"127.0.0.1:{args.port}",
        "WEB_CONCURRENCY": str(args.web_workers),
        "CHUAN_WEB_MAX_REQUESTS": "0",  # no recycling: a leak must show
        "CHUAN_ACCESS_LOG": "/dev/null",
        "CHUAN_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(  # noqa: S603 - the project's own server
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{args.port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2).read()  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    # Only the desks whose agency can receive the procedure (one receipt each, kept).
    able = []
    for desk in desks:
        probe = Outcome(key=uuid.uuid4().hex, desk=0)
        _receive(url, desk[1], probe, Stats(), give_up=30)
        if probe.status == 201:
            able.append(desk)
    if not able:
        server.send_signal(signal.SIGQUIT)
        sys.exit(f"soak: no desk officer can receive {PROCEDURE} (answer {probe.status})")
    desks[:] = able
    print(
        f"soak: {args.minutes:g} min at {args.rate:g} receipts/s, {args.clients} clients, "
        f"gunicorn {args.web_workers} workers, one killed every {args.kill_every:g} s, "
        f"{len(desks)} desks",
        flush=True,
    )

    start_id = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    connection.close()
    stats = Stats()
    tickets: Queue[Outcome | None] = Queue(maxsize=args.clients * 4)
    duration = args.minutes * 60
    began = time.monotonic()
    stop = threading.Event()

    def client() -> None:
        while True:
            outcome = tickets.get()
            if outcome is None:
                return
            _receive(url, desks[outcome.desk][1], outcome, stats, give_up=60)
            with stats.lock:
                stats.outcomes.append(outcome)

    def dispatcher() -> None:
        index = 0
        while not stop.is_set():
            due = began + index / args.rate
            # Open loop: the soak ends on the clock, however far the server fell behind.
            if due > began + duration or time.monotonic() > began + duration:
                break
            time.sleep(max(0.0, due - time.monotonic()))
            outcome = Outcome(key=uuid.uuid4().hex, desk=index % len(desks))
            try:
                tickets.put(outcome, timeout=1)
            except Full:  # the server is behind
                with stats.lock:
                    stats.dropped += 1
            index += 1

    def killer() -> None:
        if args.kill_every <= 0:
            return
        while not stop.wait(args.kill_every):
            workers = _children(server.pid)
            if workers:
                victim = random.choice(workers)
                os.kill(victim, signal.SIGKILL)
                with stats.lock:
                    stats.kills.append((time.monotonic() - began, victim))

    def sampler() -> None:
        done_before = 0
        while not stop.wait(args.sample):
            now = time.monotonic() - began
            workers = _children(server.pid)
            sizes = []
            for pid in workers:
                kb = _rss_kb(pid)
                stats.rss[pid].append((now, kb))
                sizes.append(kb // 1024)
            with stats.lock:
                recent = list(stats.outcomes[done_before:])
                done_before = len(stats.outcomes)
                kills, retries = len(stats.kills), stats.retries
            ok = [o.latency_ms for o in recent if o.status in (200, 201)]
            bad = sum(1 for o in recent if o.status not in (200, 201))
            print(
                f"t={now:5.0f}s  {len(recent) / args.sample:5.1f}/s  "
                f"p50 {statistics.median(ok) if ok else 0:6.0f} ms  "
                f"p95 {_percentile(ok, 0.95):6.0f} ms  failed {bad}  retries {retries}  "
                f"kills {kills}  worker RSS MB {sorted(sizes)}",
                flush=True,
            )

    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    helpers = [threading.Thread(target=f, daemon=True) for f in (killer, sampler)]
    for thread in helpers:
        thread.start()
    dispatcher()
    for _ in threads:
        tickets.put(None)
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - began
    stop.set()
    server.send_signal(signal.SIGQUIT)
    server.wait(timeout=60)

    _report(stats, start_id, elapsed, desks)


def _report(stats: Stats, start_id: int, elapsed: float, desks: list[Any]) -> None:
    from django.db import connection

    from chuan.dossiers.models import Dossier

    connection.close()
    outcomes = stats.outcomes
    acked = [o for o in outcomes if o.status in (200, 201)]
    latencies = [o.latency_ms for o in acked]
    statuses = Counter(o.status for o in outcomes)
    print()
    print(f"sent {len(outcomes):,} receipts in {elapsed:.0f} s: {len(outcomes) / elapsed:.1f}/s")
    print(f"answers: {dict(statuses)}; retried attempts {stats.retries}; dropped {stats.dropped}")
    if latencies:
        print(
            f"acknowledged {len(acked):,}: p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {_percentile(latencies, 0.95):.0f} ms, p99 {_percentile(latencies, 0.99):.0f} ms"
        )
    print(f"workers killed: {len(stats.kills)}")

    made = list(Dossier.objects.filter(pk__gt=start_id).values_list("pk", "code", "agency_id"))
    by_id = {pk: code for pk, code, _agency in made}
    lost = [o for o in acked if by_id.get(o.dossier_id) != o.code]
    ids = Counter(o.dossier_id for o in acked)
    shared = {pk: n for pk, n in ids.items() if n > 1}
    unanswered = [o for o in outcomes if o.status not in (200, 201)]
    print(
        f"dossiers made during the soak: {len(made):,}; acknowledged {len(acked):,}; "
        f"keys unanswered {len(unanswered)}"
    )
    print(f"CHECK nothing acknowledged is lost: {'ok' if not lost else f'{len(lost)} LOST'}")
    extra = len(made) - len(acked)
    print(
        "CHECK each key made at most one dossier: "
        + (
            "ok"
            if not shared and extra <= len(unanswered)
            else f"{len(shared)} shared, {extra} extra"
        )
    )
    numbers: dict[tuple[int, str], list[int]] = defaultdict(list)
    for _pk, code, agency in made:
        prefix, number = code.rsplit("-", 1)
        numbers[(agency, prefix)].append(int(number))
    gaps = dupes = 0
    for values in numbers.values():
        ordered = sorted(values)
        dupes += len(ordered) - len(set(ordered))
        gaps += (ordered[-1] - ordered[0] + 1) - len(set(ordered))
    print(
        f"CHECK no code duplicated or skipped ({len(numbers)} agency-days): "
        + ("ok" if not gaps and not dupes else f"{dupes} duplicated, {gaps} skipped")
    )
    print("worker RSS (MB) at each sample of its life, workers seen at 2+ samples:")
    growth = []
    for pid, samples in sorted(stats.rss.items(), key=lambda kv: kv[1][0][0]):
        if len(samples) < 2:
            continue
        # From the second sample: the first may catch the worker still importing.
        warm = samples[1:] if len(samples) >= 3 else samples
        first, last = warm[0][1] / 1024, warm[-1][1] / 1024
        growth.append((warm[-1][0] - warm[0][0], pid, first, last))
        trail = " ".join(f"{kb / 1024:.0f}" for _t, kb in samples)
        print(f"  pid {pid}: {trail}")
    if growth:
        span, pid, first, last = max(growth)
        print(
            f"longest-lived worker {pid}: {first:.0f} → {last:.0f} MB over {span:.0f} s "
            f"({(last - first) / max(span / 60, 1):+.2f} MB/min)"
        )
    _ = desks


if __name__ == "__main__":
    main()
