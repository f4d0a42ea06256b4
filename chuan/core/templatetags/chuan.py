"""Template filters for how Chuẩn shows dates, activity and choices."""

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Each app registers the labels of its activity verbs (`<entity>.<past participle>`) in its
# AppConfig.ready(), so core needs no knowledge of them.
VERB_LABELS: dict[str, Any] = {}


def register_verb_labels(labels: dict[str, Any]) -> None:
    """Show these activity verbs with these (lazy, translatable) labels."""
    VERB_LABELS.update(labels)


FIELD_LABELS = {
    "name": _("Name"),
    "short_name": _("Short name"),
    "kind": _("Kind"),
    "level": _("Level"),
    "unit": _("Administrative unit"),
    "parent": _("Parent agency"),
    "code": _("Code"),
    "valid_from": _("Valid from"),
    "valid_to": _("Valid to"),
    "user": _("User"),
    "username": _("Username"),
    "department": _("Department"),
    "position": _("Position"),
    "roles": _("Roles"),
    "superuser": _("System administrator"),
    "language": _("Language"),
    "created": _("Created"),
}


# Apps register how to show the codes their activity entries store (a kind, a role…), so
# that core needs no knowledge of their choices: field name → {code: label}.
VALUE_LABELS: dict[str, Any] = {}


def register_value_labels(field: str, choices: Any) -> None:
    """Show `field`'s stored codes in activity with the labels of these choices (several apps
    may register the same field name; their codes do not overlap)."""
    labels = dict(choices.choices) if hasattr(choices, "choices") else dict(choices)
    VALUE_LABELS.setdefault(field, {}).update(labels)


def _label(key: str, value: Any) -> Any:
    labels = VALUE_LABELS.get(key)
    if labels is None or not isinstance(value, str):
        return value
    return labels.get(value, value)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


@register.filter
def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


@register.filter
def changes_summary(changes: Any) -> str:
    """One line per changed field: `field: old → new`, or `field: value`."""
    if not isinstance(changes, dict):
        return ""
    lines = []
    for key, value in list(changes.items())[:12]:
        label = str(FIELD_LABELS.get(key, key))
        # Edits are stored as [old, new]; creations as plain values.
        if isinstance(value, list) and len(value) == 2 and key != "roles":
            old, new = (_label(key, v) for v in value)
            lines.append(f"{label}: {_value(old)} → {_value(new)}")
        elif isinstance(value, list):
            lines.append(f"{label}: {_value([_label(key, v) for v in value])}")
        else:
            lines.append(f"{label}: {_value(_label(key, value))}")
    return "\n".join(lines)
