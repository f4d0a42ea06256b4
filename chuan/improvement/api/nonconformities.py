"""/api/v1/qms/: the improvement cycle's nonconformities."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
