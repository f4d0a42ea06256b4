"""Screens of DOST's year: onsite."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
