"""The home page: each official's starting point."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from chuan.reports.selectors import home_summary


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where an official lands after signing in: DOST on its roll-out dashboard (its home
    page), everyone else on the overview."""
    if request.user.has_perm("rollout.view_coverage"):
        return redirect("rollout:dashboard")
    return redirect("reports:home")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", home_summary(user=request.user))
