"""Screens of DOST's year: records."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
