"""The management-review card's figures: when the agency last held one, when the next is
due, and whether it is more than a year late (QĐ 19/2014/QĐ-TTg Art. 4.4b)."""

from typing import Any

from django import template
from django.utils import timezone

from chuan.improvement.selectors.reviews import last_management_review, next_review_due

register = template.Library()


@register.simple_tag
def review_status(agency: Any) -> dict[str, Any]:
    if agency is None:
        return {}
    last = last_management_review(agency.pk)
    due = next_review_due(last)
    return {"last": last, "next_due": due, "overdue": due is None or due < timezone.localdate()}
