"""How an activity entry reads on screen: the verb, each changed field and its values in the
reader's language, times as dd/mm/yyyy HH:MM.

An entry stores codes (`dossier.finished`, `result: approved`, `status: 9`, ISO times), which
are the history's facts and part of its hash; the labels are added only when it is shown.
`core` cannot know the apps' verbs and choices (dependencies point down to core), so each app
registers its own in `AppConfig.ready()`:

    register_verb_labels({"dossier.finished": _("Finished a dossier")})
    register_field_labels({"result": _("Result")}, entity="dossier")
    register_value_labels("result", Result, entity="dossier")

The entity is the verb's first part (`dossier` in `dossier.finished`); labels without one
apply to every entity that has none of its own. A value label may be a mapping (a model's
choices) or a function of the stored value (e.g. "20 working_days" → "20 ngày làm việc").
`unlabelled()` lists what an entry would show raw; the test suite checks every entry the
services record with it.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.translation import gettext_lazy as _

Label = Any  # a str or a lazy translation

VERB_LABELS: dict[str, Label] = {}
FIELD_LABELS: dict[str, dict[str, Label]] = {
    "": {
        "name": _("Name"),
        "short_name": _("Short name"),
        "code": _("Code"),
        "reason": _("Reason"),
        "created": _("Created"),
        "updated": _("Updated"),
        "unchanged": _("Unchanged"),
        "valid_from": _("Valid from"),
        "valid_to": _("Valid to"),
        "legal_basis": _("Legal basis"),
        "province": _("Province"),
        "decision_number": _("Decision number"),
        "edition": _("Edition"),
        "kind": _("Kind"),
        "status": _("Status"),
        "title": _("Title"),
        "level": _("Level"),
        "unit": _("Administrative unit"),
        "parent": _("Parent agency"),
        "user": _("User"),
        "username": _("Username"),
        "department": _("Department"),
        "position": _("Position"),
        "roles": _("Roles"),
        "superuser": _("System administrator"),
        "language": _("Language"),
    }
}
VALUE_LABELS: dict[str, dict[str, Mapping[Any, Label] | Callable[[Any], Any]]] = {"": {}}

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")
# What a stored code looks like (snake_case): shown raw it would be a word of English.
_CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def register_verb_labels(labels: Mapping[str, Label]) -> None:
    """Show these activity verbs (`<entity>.<past participle>`) with these labels."""
    VERB_LABELS.update(labels)


def register_field_labels(labels: Mapping[str, Label], *, entity: str = "") -> None:
    """Show these changed fields of `entity`'s entries (of every entity if none) so."""
    FIELD_LABELS.setdefault(entity, {}).update(labels)


def register_value_labels(
    field: str, labels: Any, *, entity: str = "", entities: Iterable[str] = ()
) -> None:
    """Show `field`'s stored values with these labels: a model's choices, a mapping, or a
    function of the stored value. Without an entity they apply wherever the entity has none
    of its own for the field."""
    if callable(labels) and not hasattr(labels, "choices"):
        resolved: Mapping[Any, Label] | Callable[[Any], Any] = labels
    else:
        resolved = dict(labels.choices) if hasattr(labels, "choices") else dict(labels)
    for name in [entity, *entities] if entities else [entity]:
        current = VALUE_LABELS.setdefault(name, {}).get(field)
        if isinstance(current, dict) and isinstance(resolved, dict):
            current.update(resolved)
        else:
            VALUE_LABELS[name][field] = resolved


def entity_of(verb: str) -> str:
    return verb.split(".", 1)[0]


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def field_label(entity: str, field: str) -> str:
    label = FIELD_LABELS.get(entity, {}).get(field) or FIELD_LABELS[""].get(field)
    return str(label) if label is not None else field


def _labels_for(entity: str, field: str) -> Mapping[Any, Label] | Callable[[Any], Any] | None:
    return VALUE_LABELS.get(entity, {}).get(field) or VALUE_LABELS[""].get(field)


def _moment(value: str) -> str | None:
    """An ISO time, date or time of day as it is printed everywhere in Chuẩn."""
    if _ISO_DATETIME.match(value):
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "d/m/Y H:i")
    if _ISO_DATE.match(value):
        day = parse_date(value)
        if day is not None:
            return formats.date_format(day, "d/m/Y")
    if _ISO_TIME.match(value):
        time = parse_time(value)
        if time is not None:
            return time.strftime("%H:%M")
    return None


def value_text(entity: str, field: str, value: Any) -> str:
    """One stored value in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(value_text(entity, field, item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(entity, str(key))}: {value_text(entity, str(key), item)}"
            for key, item in value.items()
        )
    labels = _labels_for(entity, field)
    if callable(labels):
        return str(labels(value))
    if labels is not None and value in labels:
        return str(labels[value])
    if isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return moment
    return str(value)


def _is_edit(field: str, value: Any) -> bool:
    # Edits are stored as [old, new]; a list of two roles or recipients is not one.
    return isinstance(value, list) and len(value) == 2 and field not in LIST_FIELDS


# Fields whose stored value is a list of items, never an [old, new] pair.
LIST_FIELDS = {"roles", "recipients", "legal_basis", "steps"}


def change_lines(verb: str, changes: Any, *, limit: int = 12) -> list[str]:
    """One line per changed field: `Field: old → new`, or `Field: value`."""
    if not isinstance(changes, dict):
        return []
    entity = entity_of(verb)
    lines = []
    for field, value in list(changes.items())[:limit]:
        label = field_label(entity, field)
        if _is_edit(field, value):
            old, new = (value_text(entity, field, item) for item in value)
            lines.append(f"{label}: {old} → {new}")
        else:
            lines.append(f"{label}: {value_text(entity, field, value)}")
    return lines


def _values(value: Any) -> Iterable[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _values(item)
    elif not isinstance(value, dict):
        yield value


def unlabelled(verb: str, changes: Any) -> list[str]:
    """What an entry would show raw: its verb, fields and coded values without a label."""
    missing = [] if verb in VERB_LABELS else [f"verb {verb}"]
    entity = entity_of(verb)

    def walk(field: str, value: Any) -> None:
        if field not in FIELD_LABELS.get(entity, {}) and field not in FIELD_LABELS[""]:
            missing.append(f"field {entity}.{field}")
        if isinstance(value, dict):
            for key, item in value.items():
                walk(str(key), item)
            return
        labels = _labels_for(entity, field)
        for item in _values(value):
            if isinstance(labels, Mapping):
                if item not in labels and item not in (None, ""):
                    missing.append(f"value {entity}.{field}={item!r}")
            elif labels is None and isinstance(item, str) and _CODE.match(item):
                missing.append(f"value {entity}.{field}={item!r} (a code without labels)")

    if isinstance(changes, dict):
        for field, value in changes.items():
            walk(field, value)
    return missing


def moment_text(value: datetime.datetime) -> str:
    """A stored moment as printed everywhere: dd/mm/yyyy HH:MM, local time."""
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
