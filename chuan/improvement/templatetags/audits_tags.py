"""Template tags of the internal audit's screens and card."""

import datetime
from typing import Any

from django import template

from chuan.improvement.selectors import audits as selectors

register = template.Library()


@register.simple_tag
def audits_card(agency: Any) -> selectors.AuditsCard | None:
    """The figures of the improvement cycle's card for `agency` (None without one)."""
    return selectors.card(agency.pk) if agency is not None else None


@register.filter
def clause_title(clause: str, titles: dict[str, str]) -> str:
    return titles.get(clause, "")


@register.filter
def iso_date(value: str) -> str:
    """An ISO date kept as text ("2026-05-12") printed dd/mm/yyyy; other text as it is."""
    try:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)
