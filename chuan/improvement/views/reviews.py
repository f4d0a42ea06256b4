"""Screens of the improvement cycle's reviews."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
