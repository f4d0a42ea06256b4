"""Record the desk's form sets from a data file (the format of `procedures/data/form_sets.json`):
how a new circular's forms arrive. A set already recorded (by code) is left as it is; a set
naming the one it `replaces` ends it and answers the reviews opened on it."""

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chuan.legal.models import LegalDocument
from chuan.procedures import form_sets
from chuan.procedures.models import FormSet
from chuan.procedures.services import FormData, form_set_replace


class Command(BaseCommand):
    help = "Record the one-stop desk's form sets from a JSON data file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default=str(form_sets.DATA))

    def handle(self, *args: Any, **options: Any) -> None:
        data = form_sets.read(Path(options["path"]))
        for spec in data["form_sets"]:
            if FormSet.objects.filter(code=spec["code"]).exists():
                continue
            legal = LegalDocument.objects.filter(symbol=spec["legal_document"]).first()
            if legal is None:
                raise CommandError(f"Record {spec['legal_document']} in the legal library first.")
            old = FormSet.objects.filter(code=spec.get("replaces", "")).first()
            try:
                new = form_set_replace(
                    old=old,
                    code=spec["code"],
                    name=spec["name"],
                    legal_document=legal,
                    valid_from=datetime.date.fromisoformat(spec["valid_from"]),
                    forms=[FormData(**form) for form in spec["forms"]],
                    actor=None,
                )
            except ValidationError as exc:
                raise CommandError(f"{spec['code']}: {exc.message_dict}") from exc
            self.stdout.write(f"{new.code}: {new.forms.count()} forms from {new.valid_from}.")
