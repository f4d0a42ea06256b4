"""Template filters for how Chuẩn shows dates, activity and choices."""

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

VERB_LABELS = {
    "agency.created": _("Created agency"),
    "agency.updated": _("Edited agency"),
    "agencies.imported": _("Imported agencies"),
    "department.created": _("Added department"),
    "membership.created": _("Added member"),
    "membership.reactivated": _("Re-added member"),
    "units.imported": _("Imported administrative units"),
    "user.created": _("Created account"),
    "user.deactivated": _("Deactivated account"),
    "user.reactivated": _("Reactivated account"),
    "user.sessions_ended": _("Ended all sessions"),
    "user.language_changed": _("Changed language"),
}


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
        if isinstance(value, list) and len(value) == 2:
            lines.append(f"{key}: {value[0]} → {value[1]}")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
