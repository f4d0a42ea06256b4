"""Screens of notifications: a person's own list (unread first; read one or all, by HTMX or
a plain form) and the kinds of reminder they receive. Nobody sees another's list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import MAX_ID
from chuan.notifications import selectors
from chuan.notifications.context_processors import remember_unread
from chuan.notifications.registry import KINDS
from chuan.notifications.services import inbox

PER_PAGE = 25


def _list_context(request: HttpRequest) -> dict[str, Any]:
    unread_only = request.GET.get("unread") == "1"
    rows = selectors.notifications_of(request.user, unread_only=unread_only)
    page = paginate(request, rows, per_page=PER_PAGE)
    return {
        "section": "notifications",
        "page": page,
        "query": query_without_page(request),
        "unread_only": unread_only,
        "kind_labels": {code: kind.label for code, kind in KINDS.items()},
    }


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, unread first, a page at a time."""
    return render(request, "notifications/list.html", _list_context(request))


@login_required
@require_POST
def notification_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read: HTMX gets the row back, a plain form the list."""
    notification = selectors.notification_get(user=request.user, pk=pk) if pk <= MAX_ID else None
    if notification is None:
        raise Http404
    try:
        notification = inbox.notification_read(notification=notification, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    unread = selectors.unread_count(request.user)
    remember_unread(request, unread)
    if getattr(request, "htmx", False):
        return render(
            request,
            "notifications/_item.html",
            {
                "n": notification,
                "kind_labels": {code: kind.label for code, kind in KINDS.items()},
                "oob_badge": True,
                "unread_notifications": unread,
            },
        )
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    count = inbox.notifications_read_all(actor=request.user)
    remember_unread(request, 0)
    if getattr(request, "htmx", False):
        context = _list_context(request)
        context.update(oob_badge=True, unread_notifications=0)
        return render(request, "notifications/_list.html", context)
    if count:
        messages.success(
            request,
            ngettext("%(n)d notification marked read.", "%(n)d notifications marked read.", count)
            % {"n": count},
        )
    return redirect("notifications:list")


@login_required
def preferences_view(request: HttpRequest) -> HttpResponse:
    """Each kind of reminder, on or off; saving sets every kind shown."""
    if request.method == "POST":
        inbox.preferences_save(actor=request.user, enabled=set(request.POST.getlist("enabled")))
        messages.success(request, _("Your reminders are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"section": "notifications", "kinds": selectors.preferences_of(request.user)},
    )
