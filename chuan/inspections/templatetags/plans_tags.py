"""Template filters of the plans area."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def vnd(value: Any) -> str:
    """A sum in đồng grouped by thousands with dots, as Vietnamese writes money
    (15.000.000): Django's Vietnamese formats group nothing."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return "—"
