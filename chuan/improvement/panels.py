"""The improvement cycle's card on an agency's QMS page: when its last internal audit and
management review were held, with a warning when either is missing or more than a year old
(QĐ 19/2014/QĐ-TTg Art. 4.4b: both at least once a year)."""

import datetime
from typing import Any

from chuan.improvement.permissions import can_read_qms
from chuan.improvement.selectors.audits import last_internal_audit
from chuan.improvement.selectors.reviews import last_management_review, next_review_due
from chuan.organisations.models import Agency
from chuan.rollout.panels import Panel


def _line(last: datetime.date | None, today: datetime.date) -> dict[str, Any]:
    due = next_review_due(last)
    return {"last": last, "due": due, "late": due is None or due < today}


def cycle_panel(agency: Agency, user: Any, today: datetime.date) -> Panel | None:
    if not can_read_qms(user, agency.pk):
        return None
    return Panel(
        "improvement/_agency_panel.html",
        {
            "agency": agency,
            "audit": _line(last_internal_audit(agency.pk), today),
            "review": _line(last_management_review(agency.pk), today),
        },
    )
