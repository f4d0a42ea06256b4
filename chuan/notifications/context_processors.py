"""The unread count on the navigation bar's bell.

Counting on every page would add a query to every screen; the count is kept in the session
instead (saved on every request anyway), taken at sign-in, refreshed when it is older than
`FRESH_SECONDS` and set at once when the person reads their notifications. The digest runs
once a day, so a badge a few minutes late after it says nothing wrong."""

import time
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from chuan.notifications.selectors import unread_count

SESSION_KEY = "chuan_unread_notifications"
FRESH_SECONDS = 300


def remember_unread(request: HttpRequest, count: int) -> None:
    """Keep the user's unread count in their session (after reading, at sign-in)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = [count, time.time()]


def _cached(request: HttpRequest) -> int | None:
    session = getattr(request, "session", None)
    value = session.get(SESSION_KEY) if session is not None else None
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], float | int)
        and 0 <= time.time() - value[1] < FRESH_SECONDS
    ):
        return value[0]
    return None


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: the signed-in user's unread count, from the session when it
    is fresh, else one indexed COUNT; never for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        cached = _cached(request)
        if cached is not None:
            return cached
        value = unread_count(user)
        remember_unread(request, value)
        return value

    return {"unread_notifications": SimpleLazyObject(count)}


def count_at_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: the first page after signing in needs no count of its own."""
    if request is not None:
        remember_unread(request, unread_count(user))
