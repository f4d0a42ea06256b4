"""Screens of DOST's year: followup."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
