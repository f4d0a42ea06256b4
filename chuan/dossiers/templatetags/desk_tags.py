"""Template helpers of the desk's lists, written in Python because they run once per row."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# The badge's colour by national status code: received and processing; supplement or
# payment requested; finished (result to return); returned; anything else.
_BADGES = {2: "primary", 4: "primary", 5: "warning", 6: "warning", 9: "info", 10: "success"}


@register.filter
def status_badge(dossier: Any) -> SafeString:
    """The dossier's status as a coloured badge (was an included template per row, about a
    tenth of the worklist's time)."""
    colour = _BADGES.get(dossier.status, "secondary")
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', colour, dossier.get_status_display()
    )
