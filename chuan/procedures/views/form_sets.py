"""The desk's form sets: which forms the slips print on, from which circular, since when."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chuan.core.permissions import require_perm
from chuan.procedures.selectors import form_set_on, form_sets


@login_required
def form_sets_view(request: HttpRequest) -> HttpResponse:
    """Every form set, newest first, the one in force today marked."""
    require_perm(request.user, "procedures.view_procedure")
    return render(
        request,
        "procedures/form_sets.html",
        {"sets": list(reversed(form_sets())), "current": form_set_on(timezone.localdate())},
    )
