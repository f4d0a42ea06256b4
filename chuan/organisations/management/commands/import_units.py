"""`manage.py import_units`: load the official lists of provinces, districts and communes."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chuan.core.exceptions import DomainError
from chuan.organisations.units_import import BOTH, LEGACY, REFORM, UNIT_SET_CHOICES, import_units

# English on purpose: operators read this in a terminal and in deployment logs.
_SET_TITLES = {
    LEGACY: "Before 1 July 2025 (63 provinces)",
    REFORM: "Since 1 July 2025 (34 provinces)",
}


class Command(BaseCommand):
    help = (
        "Import Vietnam's administrative units (the list before 1 July 2025, the 2025 list, "
        "or both) and the lineage between them. Safe to run again: it changes only what differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--set",
            dest="unit_set",
            choices=UNIT_SET_CHOICES,
            default=BOTH,
            help="Which list to import (default: both).",
        )
        parser.add_argument(
            "--province",
            help='Import one province only, e.g. "Gia Lai" or "gia lai" (default: all).',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_units(
                unit_set=options["unit_set"],
                province=options["province"],
                stdout=self.stdout if options["verbosity"] > 1 else None,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for unit_set, counts in report.units.items():
            provinces = report.provinces.get(unit_set)
            scope = f" [{', '.join(provinces)}]" if provinces else ""
            self.stdout.write(
                f"{_SET_TITLES[unit_set]}{scope}: {counts.created:,} created, "
                f"{counts.updated:,} updated, {counts.unchanged:,} unchanged."
            )
        waiting = (
            f", {report.lineage_waiting:,} waiting for the other list"
            if report.lineage_waiting
            else ""
        )
        self.stdout.write(
            f"Lineage links: {report.lineage_created:,} created, "
            f"{report.lineage_updated:,} updated, {report.lineage_unchanged:,} unchanged{waiting}."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Administrative units imported in {report.seconds:.1f} s.")
        )
