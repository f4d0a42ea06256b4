"""The desk's form sets as data: `data/form_sets.json` holds each set with its forms and the
circular it rests on. Loaded by a migration (with the migration's models) and by the
`form_sets_load` command (with the live ones), the same way: a set already present (by
code) is left as it is, and a circular missing from the library is recorded in it."""

import datetime
import json
from pathlib import Path
from typing import Any

from chuan.core.text import fold

DATA = Path(__file__).resolve().parent / "data" / "form_sets.json"


def read(path: Path = DATA) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _legal_document(legal_model: Any, spec: dict[str, Any]) -> Any:
    issued = _date(spec["issued"])
    found = legal_model.objects.filter(symbol=spec["symbol"], issuer=spec["issuer"]).first()
    if found is not None:
        return found
    number, year = spec["symbol"].split("/")[:2]
    parts = (spec["symbol"], spec["title"], spec["issuer"], "")
    return legal_model.objects.create(
        symbol=spec["symbol"],
        number=int(number),
        year=int(year),
        type_code=spec["symbol"].split("/", 2)[2],
        kind=spec["kind"],
        title=spec["title"],
        issuer=spec["issuer"],
        issue_date=issued,
        effective_date=_date(spec["effective"]),
        end_date=_date(spec["ended"]),
        status=spec["status"],
        search_text=f" {fold(' '.join(parts))} ",
    )


def load(data: dict[str, Any], *, legal_model: Any, set_model: Any, form_model: Any) -> list[Any]:
    """Create the sets of `data` not yet present; return those created."""
    library = {spec["symbol"]: spec for spec in data["legal_documents"]}
    created = []
    for spec in data["form_sets"]:
        if set_model.objects.filter(code=spec["code"]).exists():
            continue
        legal = legal_model.objects.filter(symbol=spec["legal_document"]).first()
        if legal is None:
            legal = _legal_document(legal_model, library[spec["legal_document"]])
        form_set = set_model.objects.create(
            code=spec["code"],
            name=spec["name"],
            legal_document=legal,
            valid_from=_date(spec["valid_from"]),
            valid_to=_date(spec["valid_to"]),
        )
        form_model.objects.bulk_create(
            form_model(
                form_set=form_set,
                number=form["number"],
                title=form["title"],
                title_en=form.get("title_en", ""),
                slip=form["slip"],
            )
            for form in spec["forms"]
        )
        created.append(form_set)
    return created
