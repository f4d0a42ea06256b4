"""The home page: each official's starting point."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chuan.reports.selectors import home_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", home_summary(user=request.user))
