"""`manage.py load_demo`: the Gia Lai demo data and one account per role, loaded idempotently."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chuan.core.exceptions import DomainError
from chuan.demo.loader import DEMO_DOSSIERS, load_demo
from chuan.demo.progress import Progress


class Command(BaseCommand):
    help = (
        "Load the demo province (Gia Lai in 2017 and since 1 July 2025) with its QMS roll-out, "
        "legal library and procedure catalogue, and one demo account per role. Running it "
        "again adds nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--gia-lai-only",
            action="store_true",
            help="Import only the units of Gia Lai (and Bình Định), not the whole country.",
        )
        parser.add_argument(
            "--dossiers",
            type=int,
            default=DEMO_DOSSIERS,
            help="How many dossiers the demo desks receive over the last year (0: none).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Each stage is printed as it starts (stamped with the seconds since the start) unless
        # asked to be quiet (-v 0): the first load takes a while and must not look stuck.
        progress = Progress(self.stdout if options["verbosity"] > 0 else None)
        try:
            summary = load_demo(
                stdout=progress,
                whole_country=not options["gia_lai_only"],
                dossiers=options["dossiers"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        created = (
            f"{summary['units']} units, {summary['agencies']} agencies, "
            f"{summary['departments']} departments, {summary['users']} users, "
            f"{summary['memberships']} memberships, {summary['qms_events']} QMS events, "
            f"{summary['qms_targets']} targets, {summary['legal_documents']} legal documents, "
            f"{summary['procedures']} procedures, {summary['internal_processes']} internal "
            f"processes, {summary['documents']} documents, {summary['dossiers']} dossiers, "
            f"{summary['qms_records']} records of the QMS in use, {summary['dost_year']} records "
            f"of DOST's year, {summary['kit']} models, adoptions and update requests of the "
            "commune kit"
        )
        if any(count for key, count in summary.items() if key != "seconds"):
            message = (
                f"Demo data loaded: {created} created ({summary['seconds']:.1f} s, "
                f"processor {progress.cpu():.1f} s)."
            )
        else:
            message = f"Demo data already loaded, nothing to add ({summary['seconds']:.1f} s)."
        self.stdout.write(message)
