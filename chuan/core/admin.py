from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chuan.core.models import ActivityEntry


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin[ActivityEntry]):
    """Read-only: activity is written by services and never edited."""

    list_display = ["occurred_at", "actor_name", "verb", "target_repr", "agency_id"]
    list_filter = ["verb"]
    search_fields = ["target_repr", "actor_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
