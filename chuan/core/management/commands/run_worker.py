"""Run the background worker of the queue `CHUAN_TASKS_BACKEND` names.

    manage.py run_worker            # until stopped (systemd: deploy/chuan-worker.service)
    manage.py run_worker --burst    # what is queued now, then exit

The database queue: django-tasks-db's `db_worker` (polls the table every `--interval`
seconds; any number of workers, each task claimed by one). Redis: RQ's worker with
django-tasks-rq's job class and RQ's scheduler (tasks queued for later: mail retries, the
daily reminders; one scheduler per queue holds a lock in Redis, however many nodes run it).
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the background worker of the configured queue (database or Redis)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst", action="store_true", help="Run what is queued now, then exit."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=2,
            help="Seconds between polls of an empty database queue (1–60).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        if settings.CHUAN_TASKS_BACKEND == "redis":
            call_command(
                "rqworker",
                "default",
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=options["burst"],
                verbosity=verbosity,
            )
            return
        call_command(
            "db_worker",
            interval=min(max(options["interval"], 1), 60),
            batch=options["burst"],
            reload=False,
            startup_delay=not options["burst"],
            verbosity=verbosity,
        )
