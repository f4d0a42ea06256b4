"""Screens of the improvement cycle's triage."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
