"""Build the day's reminder digest and queue its sending; or start the daily schedule.

    manage.py send_reminders                # today's digest, sending queued for the worker
    manage.py send_reminders --send-now     # … and send here (cron without a worker)
    manage.py send_reminders --date 05/12/2026
    manage.py send_reminders --schedule     # queue the worker's daily run (make run does)

Cron, on a machine without the worker: `0 7 * * * cd /srv/chuan && .venv/bin/python
manage.py send_reminders --send-now`. Running it twice a day sends nothing twice.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from chuan.core.params import date_param
from chuan.notifications.services.digest import digest_build
from chuan.notifications.services.outbox import outbox_send_pending
from chuan.notifications.tasks import next_reminders_at, schedule_daily, schedule_send


class Command(BaseCommand):
    help = "Build today's reminder digest (one e-mail per person) and queue its sending."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day of the digest (dd/mm/yyyy); today if absent.")
        parser.add_argument(
            "--send-now", action="store_true", help="Send the outbox here, not by the worker."
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Only queue the worker's daily digest (unless one is already queued).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            queued = schedule_daily()
            when = next_reminders_at().strftime("%d/%m/%Y %H:%M")
            done = f"Daily reminders queued for {when}."
            self.stdout.write(done if queued else "Daily reminders already queued.")
            return
        on = timezone.localdate()
        if options["date"]:
            parsed = date_param(options["date"])
            if parsed is None:
                raise CommandError("--date must be a day written dd/mm/yyyy.")
            on = parsed
        result = digest_build(on=on)
        self.stdout.write(
            f"{on:%d/%m/%Y}: {result.stored} reminders kept of {result.reminders}, "
            f"{result.mails} e-mails written."
        )
        if options["send_now"]:
            sent = outbox_send_pending()
            self.stdout.write(f"Sent {sent.sent}, to retry {sent.retried}, failed {sent.failed}.")
        else:
            schedule_send()
