"""Screens of the improvement cycle's audits."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
