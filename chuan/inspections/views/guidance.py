"""Screens of DOST's year: guidance."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
