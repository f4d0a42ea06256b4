"""Screens of DOST's year: reports, and the home page of the year (DOST's dashboard)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path


@login_required
@permission_required("inspections.view_inspections", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    # Placeholder until the dashboard is built (owner: reports area).
    return render(request, "inspections/home.html", {"section": "inspections"})


urlpatterns: list[URLPattern] = [path("inspections/", home, name="home")]
