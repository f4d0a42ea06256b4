"""A dossier's screens: the list, one dossier with its steps and history, and the actions
its status allows (each a small form posting to one view)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.core.exceptions import DomainError
from chuan.core.forms import message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.dossiers import rules, selectors, services
from chuan.dossiers.choices import Status
from chuan.dossiers.forms import (
    AcceptForm,
    DossierFileForm,
    ExtendForm,
    FinishForm,
    HandOverForm,
    NoteForm,
    PauseForm,
    ReasonForm,
    ReturnForm,
    SupplementRequestForm,
)
from chuan.dossiers.models import Dossier
from chuan.dossiers.permissions import may_process, may_receive, step_actions_offered
from chuan.dossiers.services.files import RESULT_STATUSES
from chuan.dossiers.transitions import allowed_actions
from chuan.organisations.selectors import agency_officials
from chuan.procedures.route import result_order


def dossier_or_404(request: HttpRequest, pk: int) -> Dossier:
    dossier = selectors.dossier_get(user=request.user, pk=pk)
    if dossier is None:
        raise Http404
    return dossier


@login_required
def dossier_list_view(request: HttpRequest) -> HttpResponse:
    """Every dossier the user may see, searched by code, applicant or procedure."""
    require_perm(request.user, "dossiers.view_dossier")
    query = request.GET.get("q", "")[:100]
    status = int_param(request.GET.get("status"), minimum=1, maximum=max(Status.values))
    status = status if status in Status.values else None
    dossiers = selectors.dossier_list(user=request.user, query=query, status=status)
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "page": paginate(request, dossiers),
            "query": query_without_page(request),
            "q": query,
            "status": status,
            "statuses": Status.choices,
        },
    )


ACTION_FORMS: dict[str, Any] = {
    "accept": AcceptForm,
    "hand_over": HandOverForm,
    "request_supplement": SupplementRequestForm,
    "supplement": NoteForm,
    "pause": PauseForm,
    "resume": NoteForm,
    "extend": ExtendForm,
    "finish": FinishForm,
    "return": ReturnForm,
    "withdraw": ReasonForm,
    "stop": ReasonForm,
}

# Actions bound to where the dossier stands in its process (`step_actions_offered`).
STEP_ACTIONS = {"accept", "hand_over", "finish"}


def _form(action: str, dossier: Dossier, data: Any = None) -> Any:
    form_class = ACTION_FORMS[action]
    if form_class is HandOverForm:
        return HandOverForm(data, officials=agency_officials(dossier.agency_id), prefix=action)
    return form_class(data, prefix=action)


@login_required
def dossier_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A dossier: who, what, when due, the steps with their timeliness, what happened, and
    the actions its status allows to those who may take them."""
    require_perm(request.user, "dossiers.view_dossier")
    dossier = dossier_or_404(request, pk)
    steps = list(dossier.steps.select_related("assignee", "department", "given_by", "accepted_by"))
    actions: list[tuple[str, Any]] = []
    processes = may_process(request.user, dossier.agency_id)
    desk = processes and may_receive(request.user, dossier.agency)
    if processes:
        offered = step_actions_offered(dossier, steps, request.user)
        actions = [
            (name, _form(name, dossier))
            for name in allowed_actions(dossier.status)
            if name in ACTION_FORMS
            and (name != "return" or desk)
            and (name not in STEP_ACTIONS or name in offered)
        ]
    result = next((step for step in steps if step.gives_result), None)
    if result is None and steps:
        result = next(step for step in steps if step.order == result_order(steps))
    return render(
        request,
        "dossiers/dossier_detail.html",
        {
            "dossier": dossier,
            "steps": steps,
            "result_step": result,
            "unpassed": rules.unpassed_steps(steps, dossier.current_step)
            if dossier.status in (Status.RECEIVED, Status.PROCESSING)
            else [],
            "events": list(dossier.events.select_related("actor")),
            "components": list(dossier.components.all()),
            "may_digitise": desk and dossier.status != Status.NOT_RECEIVED,
            "may_attach_result": processes and dossier.status in RESULT_STATUSES,
            "file_form": DossierFileForm(),
            "actions": actions,
            "action_labels": _action_labels(),
        },
    )


def _action_labels() -> dict[str, Any]:
    from chuan.dossiers.transitions import ACTIONS

    return {name: action.label for name, action in ACTIONS.items()}


@login_required
@require_POST
def dossier_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one action on a dossier; refusals come back as messages and change nothing."""
    require_perm(request.user, "dossiers.change_dossier")
    dossier = dossier_or_404(request, pk)
    if action not in ACTION_FORMS:
        raise Http404
    form = _form(action, dossier, request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect(dossier)
    data = form.cleaned_data
    actor = request.user
    try:
        if action == "accept":
            services.dossier_accept(dossier=dossier, actor=actor)
        elif action == "hand_over":
            services.dossier_hand_over(
                dossier=dossier, actor=actor, to_user=data["to_user"], note=data["note"]
            )
        elif action == "request_supplement":
            services.dossier_request_supplement(
                dossier=dossier,
                reason=data["reason"],
                missing=data["missing"].splitlines(),
                actor=actor,
            )
        elif action == "supplement":
            services.dossier_supplement(dossier=dossier, actor=actor, note=data["note"])
        elif action == "pause":
            services.dossier_pause(
                dossier=dossier, reason=data["reason"], amount=data["amount"], actor=actor
            )
        elif action == "resume":
            services.dossier_resume(dossier=dossier, actor=actor, note=data["note"])
        elif action == "extend":
            closing = working_calendar(agency_province_id(dossier.agency)).closing
            services.dossier_extend(
                dossier=dossier,
                new_due_at=form.new_due_at(closing),
                reason=data["reason"],
                actor=actor,
            )
        elif action == "finish":
            services.dossier_finish(
                dossier=dossier, result=data["result"], note=data["note"], actor=actor
            )
        elif action == "return":
            services.dossier_return(dossier=dossier, method=data["method"], actor=actor)
        elif action == "withdraw":
            services.dossier_withdraw(dossier=dossier, reason=data["reason"], actor=actor)
        elif action == "stop":
            services.dossier_stop(dossier=dossier, reason=data["reason"], actor=actor)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(dossier)
    messages.success(request, _("Done: %(action)s.") % {"action": _action_labels()[action]})
    return redirect(dossier)
