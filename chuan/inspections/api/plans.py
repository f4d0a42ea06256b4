"""API of DOST's year: plans (under /api/v1/inspections/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
