"""How long the daily digest and the sending of its e-mails take, and how much memory they
hold, for 10,000 reminders.

Run from the project root:

    .venv/bin/python benchmarks/reminders.py                  # scratch SQLite, local SMTP
    USERS=10000 PER_USER=1 .venv/bin/python benchmarks/reminders.py   # 10,000 e-mails
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chuan_bench_reminders \\
        .venv/bin/python benchmarks/reminders.py

With DATABASE_URL the database must be an empty scratch one (create and drop it with psql).
USERS officials (2,000) each get PER_USER reminders (5) from one registered provider, with a
tenth overdue: 10,000 reminders. It times and traces (tracemalloc, peak of the Python heap):

* `digest_build`: the provider streamed in batches into the in-app list, one e-mail per
  person written to the outbox;
* `outbox_send_pending`: every e-mail sent over SMTP to a real local server (aiosmtpd's
  discarding Sink, run in a child process so that its memory is not counted);
* the same digest again (idempotent: no e-mail written).

Bounded memory means the peak does not grow with the number of reminders: run it with
USERS=4000 and compare. Times are taken with tracemalloc on (it slows Python down about
twice); the CPU time of this process is printed beside the wall time, since a loaded
machine stretches the latter. It prints the figures and checks nothing.
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERS = int(os.environ.get("USERS", "2000"))
PER_USER = int(os.environ.get("PER_USER", "5"))
DAY = datetime.date(2026, 12, 7)


def _measure(label: str, action: Callable[[], Any]) -> Any:
    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<38} {elapsed:7.2f} s wall {cpu:7.2f} s CPU"
        f"  peak {peak / 2**20:6.1f} MiB  {result}"
    )
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the local SMTP server did not start")


def main() -> None:
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.mkdtemp(prefix="chuan-bench-reminders-")
        os.environ["CHUAN_DATA_DIR"] = scratch
    os.environ["DJANGO_SETTINGS_MODULE"] = "chuan.test_settings"
    port = _free_port()
    os.environ["CHUAN_EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    os.environ["CHUAN_EMAIL_HOST"] = "127.0.0.1"
    os.environ["CHUAN_EMAIL_PORT"] = str(port)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils.text import format_lazy
    from django.utils.translation import gettext_lazy as _

    from chuan.accounts.models import User
    from chuan.notifications.models import OutgoingMail
    from chuan.notifications.registry import KINDS, Reminder, register_reminders
    from chuan.notifications.services.digest import digest_build
    from chuan.notifications.services.outbox import outbox_send_pending

    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
    )
    try:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        User.objects.bulk_create(
            [
                User(
                    username=f"bench{n}",
                    full_name=f"Cán bộ {n}",
                    email=f"bench{n}@example.gov.vn",
                    language="en" if n % 10 == 0 else "vi",
                )
                for n in range(USERS)
            ],
            batch_size=2000,
        )
        ids = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True))

        def provider(on: datetime.date) -> Iterator[Reminder]:
            for user_id in ids:
                for n in range(PER_USER):
                    yield Reminder(
                        user_id=user_id,
                        kind="bench",
                        key=f"bench:{user_id}:{n}",
                        title=format_lazy(
                            _("Corrective action of {code}: {action}"),
                            code=f"KPH-2026-{n:03d}",
                            action="Sửa quy trình tiếp nhận hồ sơ",
                        ),
                        url=f"/qms/nonconformities/{n + 1}/",
                        due_on=on + datetime.timedelta(days=n),
                        overdue=n == 0 and user_id % 2 == 0,
                    )

        KINDS.clear()
        register_reminders("bench", "Benchmark", provider)
        _wait_for(port)
        print(f"{connection.vendor}: {USERS} officials × {PER_USER} = {USERS * PER_USER} reminders")
        _measure("digest_build (list + outbox)", lambda: digest_build(on=DAY))
        _measure("outbox_send_pending (SMTP, aiosmtpd)", outbox_send_pending)
        _measure("digest_build again (idempotent)", lambda: digest_build(on=DAY))
        print(f"outbox: {OutgoingMail.objects.filter(state='sent').count()} sent")
    finally:
        server.terminate()
        server.wait(timeout=10)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
