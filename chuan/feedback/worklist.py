"""The register's line on the desk's worklist (`dossiers.extensions`): the open feedback
waiting on the official, with how many are past their deadline."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from chuan.dossiers.extensions import WorkItem
from chuan.feedback.selectors import pending_for


def feedback_work(user: Any, now: datetime.datetime) -> list[WorkItem]:
    pending = pending_for(user=user, now=now)
    if pending is None or not pending.open:
        return []
    params = {} if user.has_perm("feedback.manage_feedback") else {"mine": "1"}
    if pending.overdue:
        params["overdue"] = "1"
    url = reverse("feedback:list") + (f"?{urlencode(params)}" if params else "")
    return [
        WorkItem(
            label=_("Citizens' feedback"), count=pending.open, url=url, overdue=pending.overdue
        )
    ]
