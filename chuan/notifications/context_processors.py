"""The unread count on the navigation bar's bell."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from chuan.notifications.selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: the signed-in user's unread count, one indexed COUNT, asked
    only when a template shows it (never for anonymous visitors)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
