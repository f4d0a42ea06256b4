"""The nonconformities card of the cycle's front page reads its own figures."""

from typing import Any

from django import template
from django.utils import timezone

from chuan.improvement.selectors.nonconformities import card_counts

register = template.Library()


@register.simple_tag
def nc_card(agency: Any) -> dict[str, int]:
    """Open requests and overdue actions of `agency` (two counts)."""
    if agency is None:
        return {"open": 0, "overdue": 0}
    return card_counts(agency_id=agency.pk, today=timezone.localdate())
