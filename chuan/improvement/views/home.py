"""The improvement cycle's front page: one card per concern for the agency in view."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from chuan.core.permissions import require_perm
from chuan.improvement.selectors.common import agency_in_view


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "improvement.view_qms")
    agency = agency_in_view(request)
    return render(request, "improvement/home.html", {"agency": agency, "section": "improvement"})


urlpatterns = [path("qms/", home_view, name="home")]
