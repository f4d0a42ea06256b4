"""`manage.py portal_pull`: read the portal's feed of online submissions into the desk's queue
now; `--schedule` starts the worker's chain (every CHUAN_PORTAL_PULL_MINUTES)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chuan.portal.client import PortalError, portal_enabled


class Command(BaseCommand):
    help = "Pull online submissions from the national portal into the desk's queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true", help="Start the worker's chain.")

    def handle(self, *args: Any, **options: Any) -> None:
        from chuan.portal.services import submissions_pull
        from chuan.portal.tasks import schedule_pull

        if not portal_enabled():
            raise CommandError("No portal is configured (CHUAN_PORTAL_URL).")
        if options["schedule"]:
            schedule_pull()
            self.stdout.write("The pull is scheduled.")
            return
        try:
            result = submissions_pull()
        except PortalError as error:
            raise CommandError(f"The portal cannot be reached: {error}") from error
        self.stdout.write(
            f"new {result.new}, duplicates {result.duplicates}, revised {result.revised}, "
            f"malformed {result.malformed}; feed position {result.position}"
        )
