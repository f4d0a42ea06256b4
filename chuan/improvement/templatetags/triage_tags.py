"""The triage card's counts on the improvement cycle's front page."""

from typing import Any

from django import template

from chuan.improvement.selectors.triage import state_counts

register = template.Library()


@register.simple_tag
def triage_counts(agency: Any) -> dict[str, int]:
    """The agency's candidates by state (one query)."""
    return state_counts(agency_id=agency.pk) if agency is not None else {}
