"""Reads of the activity log."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from chuan.core.models import ActivityEntry
from chuan.core.scoping import scope_queryset


def activity_list(
    *,
    user: Any,
    agency_id: int | None = None,
    actor_id: int | None = None,
    target_type: ContentType | None = None,
    target_id: str = "",
    verb: str = "",
) -> QuerySet[ActivityEntry]:
    """Activity entries `user` may see, newest first, filtered as asked."""
    entries = scope_queryset(ActivityEntry.objects.all(), user, agency_path="agency_id")
    if agency_id is not None:
        entries = entries.filter(agency_id=agency_id)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if target_type is not None:
        entries = entries.filter(target_type=target_type)
        if target_id:
            entries = entries.filter(target_id=target_id)
    if verb:
        entries = entries.filter(verb=verb)
    return entries.select_related("target_type").order_by("-id")
