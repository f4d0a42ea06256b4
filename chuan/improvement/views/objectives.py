"""Screens of the improvement cycle's objectives."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
