"""Reads of notifications: a person's own list (unread first), their unread count for the
bell, and each registered kind with whether they receive it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from chuan.notifications.models import Notification, NotificationPreference
from chuan.notifications.registry import KINDS


def notifications_of(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications: unread first, then overdue, then by due day (the
    nearest first), the newest last raised first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    rows = Notification.objects.filter(user=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by(
        F("read_at").desc(nulls_first=True),
        "-overdue",
        F("due_on").asc(nulls_last=True),
        "-raised_on",
        "-pk",
    )


def notification_get(*, user: Any, pk: int) -> Notification | None:
    """One of the user's own notifications (another's is as good as absent)."""
    if not user.is_authenticated:
        return None
    return Notification.objects.filter(user=user, pk=pk).first()


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class KindChoice:
    code: str
    label: str
    enabled: bool


def preferences_of(user: Any) -> list[KindChoice]:
    """Every registered kind of reminder, by label, with whether the user receives it."""
    off = set(
        NotificationPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", flat=True
        )
    )
    kinds = [KindChoice(k.code, str(k.label), k.code not in off) for k in KINDS.values()]
    return sorted(kinds, key=lambda k: k.label)
