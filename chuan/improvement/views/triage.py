"""Screens of the triage list: what the desk proposes to the QMS, the button that looks for
new candidates, and the ISO secretary's accept and dismiss forms (ISO 9001:2015, 10.2)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.forms_triage import AcceptForm, DismissForm
from chuan.improvement.models import TriageCandidate
from chuan.improvement.permissions import can_manage_qms, can_read_qms
from chuan.improvement.selectors import triage as selectors
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import triage as services


def _list_url(agency_id: int) -> str:
    return f"{reverse('improvement:triage_list')}?agency={agency_id}"


@login_required
def triage_list_view(request: HttpRequest) -> HttpResponse:
    """The agency's candidates, filtered by kind and state, newest first."""
    require_perm(request.user, "improvement.view_qms")
    agency = agency_in_view(request)
    if agency is not None and not can_read_qms(request.user, agency.pk):
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    kind = kind if kind in TriageKind.values else ""
    state = request.GET.get("state", CandidateState.PROPOSED)
    state = state if state in CandidateState.values or state == "all" else CandidateState.PROPOSED
    context: dict[str, Any] = {
        "agency": agency,
        "section": "improvement",
        "kinds": TriageKind.choices,
        "states": [*CandidateState.choices, ("all", _("All"))],
        "kind": kind,
        "state": state,
    }
    if agency is not None:
        rows = selectors.candidates(
            agency_id=agency.pk, kind=kind, state="" if state == "all" else state
        )
        context.update(
            page=paginate(request, rows),
            query=query_without_page(request),
            counts=selectors.state_counts(agency_id=agency.pk),
            manages=can_manage_qms(request.user, agency.pk),
            cursor=selectors.last_run(),
            overdue_days=services.overdue_days(),
        )
    return render(request, "improvement/triage_list.html", context)


@login_required
@require_POST
def triage_run_view(request: HttpRequest) -> HttpResponse:
    """Look for new candidates now (the same run as the schedule's) and say how many the
    agency got."""
    agency = agency_in_view(request)
    if agency is None:
        raise Http404
    if not can_manage_qms(request.user, agency.pk):
        raise PermissionDenied
    result = services.triage_run(actor=request.user, agency_id=agency.pk)
    found = result.by_agency.get(agency.pk, 0)
    if found:
        messages.success(
            request,
            ngettext("%(n)d new candidate found.", "%(n)d new candidates found.", found)
            % {"n": found},
        )
    else:
        messages.info(request, _("No new candidates: nothing new since the last run."))
    return redirect(_list_url(agency.pk))


def _candidate(request: HttpRequest, pk: int) -> TriageCandidate:
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    if candidate is None:
        raise Http404
    if not can_manage_qms(request.user, candidate.agency_id):
        raise PermissionDenied
    return candidate


@login_required
def candidate_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept a candidate as a nonconformity, possibly with others of the same procedure."""
    candidate = _candidate(request, pk)
    others = selectors.same_procedure(candidate)
    if candidate.state != CandidateState.PROPOSED:
        messages.error(request, _("This candidate was already decided."))
        return redirect(_list_url(candidate.agency_id))
    if request.method == "POST":
        form = AcceptForm(request.POST, others=others)
        if form.is_valid():
            try:
                nc = services.candidate_accept(
                    candidate=candidate,
                    actor=request.user,
                    also=list(form.cleaned_data.get("also") or []),
                    description=form.cleaned_data["description"],
                    severity=form.cleaned_data["severity"],
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except DomainError as exc:
                message_errors(request, exc)
                return redirect(_list_url(candidate.agency_id))
            else:
                messages.success(request, _("Nonconformity %(code)s recorded.") % {"code": nc.code})
                return redirect(_list_url(candidate.agency_id))
    else:
        form = AcceptForm(
            initial={"description": services.default_description([candidate])}, others=others
        )
    return render(
        request,
        "improvement/triage_accept.html",
        {"candidate": candidate, "form": form, "section": "improvement"},
    )


@login_required
def candidate_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss a candidate; the reason is kept and it is never proposed again."""
    candidate = _candidate(request, pk)
    if candidate.state != CandidateState.PROPOSED:
        messages.error(request, _("This candidate was already decided."))
        return redirect(_list_url(candidate.agency_id))
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_dismiss(
                candidate=candidate, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(_list_url(candidate.agency_id))
        else:
            messages.success(request, _("Candidate dismissed."))
            return redirect(_list_url(candidate.agency_id))
    return render(
        request,
        "improvement/triage_dismiss.html",
        {"candidate": candidate, "form": form, "section": "improvement"},
    )


urlpatterns = [
    path("qms/triage/", triage_list_view, name="triage_list"),
    path("qms/triage/run/", triage_run_view, name="triage_run"),
    path("qms/triage/<int:pk>/accept/", candidate_accept_view, name="triage_accept"),
    path("qms/triage/<int:pk>/dismiss/", candidate_dismiss_view, name="triage_dismiss"),
]
