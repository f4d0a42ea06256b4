"""The home page: each official's starting point."""

from collections.abc import Collection

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from chuan.accounts.roles import Role, user_roles
from chuan.core.db_router import reads_from_replica
from chuan.reports.selectors import home_summary

# Where each role's work is, most pressing first: the province-wide roles follow the roll-out;
# leaders, ISO secretaries and administrators oversee the whole agency (editions to approve,
# reviews falling due, the desk's figures), which the overview gathers; at the desk a
# citizen's deadline runs by the working hour; a document controller's to-do list (editions
# to review, approve or read, reviews after changes of the law) is the overview's "Document
# control" section. Anyone else starts from the overview.
LANDINGS: list[tuple[frozenset[str], str, str]] = [
    (frozenset({Role.DOST_COORDINATOR, Role.INSPECTOR}), "rollout:dashboard", ""),
    (frozenset({Role.AGENCY_LEADER, Role.ISO_SECRETARY, Role.SYSTEM_ADMIN}), "reports:home", ""),
    (frozenset({Role.DESK_OFFICER, Role.PROCESSING_OFFICIAL}), "dossiers:worklist", ""),
    (frozenset({Role.DOCUMENT_CONTROLLER}), "reports:home", "#document-work-title"),
]


def landing(roles: Collection[str]) -> str:
    """The address an official with these roles starts from after signing in."""
    for wanted, url_name, fragment in LANDINGS:
        if wanted & set(roles):
            return reverse(url_name) + fragment
    return reverse("reports:home")


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where an official lands after signing in (or clicking the brand): where their role's
    work is (`LANDINGS`). A safe `next` given at sign-in is followed instead."""
    return redirect(landing(user_roles(request.user)))


@login_required
@reads_from_replica()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", home_summary(user=request.user))
