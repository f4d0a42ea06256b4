"""API of DOST's year: reports (under /api/v1/inspections/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
