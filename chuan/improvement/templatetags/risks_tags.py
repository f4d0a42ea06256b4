"""The register of risks and opportunities on the improvement cycle's front page."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from chuan.improvement.selectors import risks as selectors

register = template.Library()


@register.simple_tag
def risks_card(agency: Any) -> dict[str, Any]:
    """Live items of `agency` by level, those due for review, their heat map (whose cells
    link to the register filtered to them)."""
    card = selectors.card(agency=agency, today=timezone.localdate())
    base = (
        reverse("improvement:risk_list") + "?" + urlencode({"agency": agency.pk, "state": "live"})
    )
    return {
        "by_level": card.by_level,
        "due": card.due,
        "live": card.live,
        "heat": card.heat,
        "cell_base": base + "&",
    }
