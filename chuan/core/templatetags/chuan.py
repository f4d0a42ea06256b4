"""Template filters for how Chuẩn shows dates, activity and choices."""

from typing import Any

from django import template

from chuan.core import activity_format

register = template.Library()

# The labels live in core.activity_format, where each app registers its own; these names stay
# importable from here for the apps that registered through this module.
register_verb_labels = activity_format.register_verb_labels
register_value_labels = activity_format.register_value_labels
register_field_labels = activity_format.register_field_labels
VERB_LABELS = activity_format.VERB_LABELS


@register.filter
def verb_label(verb: str) -> str:
    return activity_format.verb_label(verb)


@register.filter
def changes_summary(changes: Any, verb: str = "") -> str:
    """One line per changed field: `field: old → new`, or `field: value` (labelled)."""
    return "\n".join(activity_format.change_lines(verb, changes))


@register.filter
def activity_changes(entry: Any) -> str:
    """An activity entry's changes in words, labelled for its entity."""
    return "\n".join(activity_format.change_lines(entry.verb, entry.changes))
