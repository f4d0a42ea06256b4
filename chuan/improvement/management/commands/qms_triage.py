"""`manage.py qms_triage`: look for new candidate nonconformities at the desk, for every
agency (what is new since the last run only). Schedule it, e.g. every hour on working days:

    0 7-17 * * 1-6  cd /srv/chuan && .venv/bin/python manage.py qms_triage --quiet
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chuan.improvement.choices import TriageKind
from chuan.improvement.services.triage import overdue_days, triage_run


class Command(BaseCommand):
    help = "Find new candidate nonconformities at the desk (late, overdue, not satisfied…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = triage_run()
        if options["quiet"]:
            return
        self.stdout.write(
            f"{result.found} new candidate(s) in {len(result.by_agency)} agency(ies); "
            f"overdue means more than {overdue_days()} working days."
        )
        for kind, n in sorted(result.by_kind.items()):
            self.stdout.write(f"  {TriageKind(kind).label}: {n}")
