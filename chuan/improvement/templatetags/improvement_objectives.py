"""The quality objectives' card on the improvement cycle's front page."""

from typing import Any

from django import template
from django.utils import timezone

from chuan.improvement.selectors.objectives import objectives_of, progress_for

register = template.Library()


@register.inclusion_tag("improvement/_objectives_card_body.html")
def objectives_card(agency: Any) -> dict[str, Any]:
    """This year's objectives of `agency`: how many, how many met, at risk, still drafts."""
    year = timezone.localdate().year
    objectives = list(objectives_of(agency_id=agency.pk, year=year)) if agency else []
    progress = progress_for(objectives)
    counts = {"met": 0, "at_risk": 0, "not_met": 0, "no_data": 0}
    for state in progress.values():
        counts[state.status] += 1
    return {
        "agency": agency,
        "year": year,
        "total": len(objectives),
        "drafts": sum(o.state == "draft" for o in objectives),
        "counts": counts,
        "behind": [
            (o, progress[o.pk])
            for o in objectives
            if progress[o.pk].status in ("at_risk", "not_met")
        ][:3],
    }
