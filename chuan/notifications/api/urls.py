"""/api/v1/notifications/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
