"""`manage.py verify_activity`: check the activity log's hash chain end to end."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chuan.core.activity import activity_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the activity log and report the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = activity_verify()
        if broken is not None:
            raise CommandError(
                f"Activity chain broken at entry {broken.entry_id}: {broken.reason} "
                f"({checked} entries checked)."
            )
        self.stdout.write(self.style.SUCCESS(f"Activity chain intact: {checked} entries."))
