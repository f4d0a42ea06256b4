"""Screens of training."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
@permission_required("training.view_training", raise_exception=True)
def home(request: HttpRequest) -> HttpResponse:
    # Placeholder until the course list is built (owner: training).
    return render(request, "training/home.html", {"section": "training"})
