"""Screens of notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    # Placeholder until the in-app list is built (owner: notifications).
    return render(request, "notifications/list.html", {"section": "notifications"})
