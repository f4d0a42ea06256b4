"""What a person does with their own notifications: read one, read them all, turn a kind
of reminder off or back on. Nobody acts on another person's list: the services refuse."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.activity import activity_record
from chuan.core.exceptions import DomainError, ForbiddenError
from chuan.notifications.models import Notification, NotificationPreference
from chuan.notifications.registry import KINDS


def _own(notification: Notification, actor: Any) -> None:
    if not (actor.is_authenticated and notification.user_id == actor.pk):
        raise ForbiddenError(_("This notification is not yours."))


@transaction.atomic
def notification_read(*, notification: Notification, actor: Any) -> Notification:
    """Mark one of the actor's notifications read (reading it twice changes nothing)."""
    _own(notification, actor)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        activity_record(actor=actor, verb="notification.read", target=notification)
    return notification


@transaction.atomic
def notifications_read_all(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; how many were."""
    if not actor.is_authenticated:
        raise ForbiddenError(_("Sign in to read your notifications."))
    count = Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        activity_record(actor=actor, verb="notifications.read_all", changes={"count": count})
    return count


@transaction.atomic
def preference_set(*, actor: Any, kind: str, enabled: bool) -> NotificationPreference:
    """Turn one kind of reminder on or off for the actor."""
    if not actor.is_authenticated:
        raise ForbiddenError(_("Sign in to choose your reminders."))
    if kind not in KINDS:
        raise DomainError(_("There is no such kind of reminder."), field="kind")
    preference, created = NotificationPreference.objects.select_for_update().get_or_create(
        user=actor, kind=kind, defaults={"enabled": enabled}
    )
    if not created and preference.enabled == enabled:
        return preference
    if not created:
        preference.enabled = enabled
        preference.save(update_fields=["enabled"])
    activity_record(
        actor=actor, verb="preference.changed", changes={"kind": kind, "enabled": enabled}
    )
    return preference


@transaction.atomic
def preferences_save(*, actor: Any, enabled: set[str]) -> int:
    """Receive exactly the kinds in `enabled` (codes no app registers are ignored); how many
    kinds changed."""
    off = set(
        NotificationPreference.objects.filter(user=actor, enabled=False).values_list(
            "kind", flat=True
        )
    )
    changed = 0
    for kind in KINDS:
        if (kind in off) == (kind in enabled):
            preference_set(actor=actor, kind=kind, enabled=kind in enabled)
            changed += 1
    return changed
