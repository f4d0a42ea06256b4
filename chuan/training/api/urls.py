"""/api/v1/training/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
