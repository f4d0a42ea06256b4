"""Queue a no-op task and wait until a worker has run it: is the background worker alive?

    manage.py worker_ping               # waits up to 30 s; exit status 1 if not run
    manage.py worker_ping --wait 120

For deployment checks (`deploy/smoke.sh`, monitoring): it goes through the configured queue
(`CHUAN_TASKS_BACKEND`) exactly as mail and reminders do.
"""

import secrets
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from django_tasks.base import TaskResultStatus

from chuan.core.tasks import ping


class Command(BaseCommand):
    help = "Queue a no-op task and wait until a background worker has run it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wait", type=int, default=30, help="Seconds to wait (1–600).")

    def handle(self, *args: Any, **options: Any) -> None:
        wait = min(max(options["wait"], 1), 600)
        token = secrets.token_hex(8)
        result = ping.enqueue(token)
        started = time.monotonic()
        while time.monotonic() - started < wait:
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL and result.return_value == token:
                elapsed = time.monotonic() - started
                self.stdout.write(f"Worker ran task {result.id} in {elapsed:.1f} s.")
                return
            if result.status == TaskResultStatus.FAILED:
                raise CommandError(f"Task {result.id} failed in the worker.")
            time.sleep(0.2)
        raise CommandError(f"No worker ran task {result.id} within {wait} s.")
