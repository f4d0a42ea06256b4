"""Screens of the improvement cycle's risks."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
