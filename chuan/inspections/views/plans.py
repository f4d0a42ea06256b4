"""Screens of DOST's year: plans."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
