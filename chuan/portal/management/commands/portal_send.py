"""`manage.py portal_send`: drain the outbox of messages to the portal now."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chuan.portal.client import PortalError, portal_enabled


class Command(BaseCommand):
    help = "Send the messages waiting for the national portal."

    def handle(self, *args: Any, **options: Any) -> None:
        from chuan.portal.services import outbox_send

        if not portal_enabled():
            raise CommandError("No portal is configured (CHUAN_PORTAL_URL).")
        try:
            result = outbox_send()
        except PortalError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"sent {result.sent}, to try again {result.retried}, not delivered {result.failed}"
        )
