"""API of DOST's year: guidance (under /api/v1/inspections/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
