"""Read-only summaries across apps for dashboards."""

from typing import Any

from django.db.models import Count
from django.utils import timezone

from chuan.core.selectors import activity_list
from chuan.documents.selectors import document_work
from chuan.feedback.selectors import pending_for
from chuan.improvement.selectors.nonconformities import actions_summary
from chuan.organisations.scoping import active_membership, visible_agencies


def home_summary(*, user: Any) -> dict[str, Any]:
    """What an official sees first: their agency, what document control waits on them for,
    the agencies they oversee, recent work."""
    by_level = dict(visible_agencies(user).values_list("level").annotate(n=Count("pk")).order_by())
    recent = list(activity_list(user=user)[:8]) if user.has_perm("core.view_activityentry") else []
    return {
        "membership": active_membership(user),
        "agency_counts": by_level,
        "agency_total": sum(by_level.values()),
        "recent_activity": recent,
        "document_work": document_work(user=user, now=timezone.now())
        if user.has_perm("documents.view_controlleddocument")
        else None,
        "my_actions": actions_summary(user=user, today=timezone.localdate())
        if user.has_perm("improvement.view_qms")
        else None,
        "feedback": pending_for(user=user),
        "now": timezone.now(),
    }
