"""API of DOST's year: onsite (under /api/v1/inspections/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
