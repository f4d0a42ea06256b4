"""Screens of the corrective-action requests (phiếu yêu cầu hành động khắc phục; ISO
9001:2015, 10.2): the register with its XLSX, one request with the steps this user may take,
its DOCX, the forms of each part, and the actions each official owes."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.exports import xlsx_response
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param, int_param
from chuan.core.permissions import require_perm
from chuan.core.word import docx_response
from chuan.improvement import nc_rules
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.forms_nonconformities import (
    ApproveForm,
    NoteForm,
    PlanForm,
    RaiseForm,
    ReasonForm,
    ResultForm,
    VerifyForm,
)
from chuan.improvement.models import Nonconformity
from chuan.improvement.nc_exports import register_workbook, request_document
from chuan.improvement.permissions import can_raise_nonconformity
from chuan.improvement.selectors import nonconformities as selectors
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import nonconformities as services
from chuan.organisations.models import Department
from chuan.organisations.selectors import agency_officials

VIEW = "improvement.view_qms"
EXPORT_LIMIT = 5000


def _filters(request: HttpRequest) -> selectors.RegisterFilters:
    get = request.GET
    state, source, severity = get.get("state", ""), get.get("source", ""), get.get("severity", "")
    return selectors.RegisterFilters(
        state=state if state in NcState.values else "",
        source=source if source in NcSource.values else "",
        severity=severity if severity in Severity.values else "",
        department_id=id_param(get.get("department")),
        year=int_param(get.get("year"), minimum=2000, maximum=2100),
        overdue=get.get("overdue") == "1",
    )


@login_required
def register_view(request: HttpRequest) -> HttpResponse:
    """The agency's register of nonconformities, filtered, with its XLSX."""
    require_perm(request.user, VIEW)
    agency = agency_in_view(request)
    today = timezone.localdate()
    filters = _filters(request)
    requests = selectors.nc_register(
        user=request.user,
        agency_id=agency.pk if agency else None,
        filters=filters,
        today=today,
    )
    if request.GET.get("format") == "xlsx":
        title = _("Register of nonconformities and corrective actions")
        if agency is not None:
            title = f"{title} — {agency.name}"
        content = register_workbook(
            selectors.with_actions(requests)[:EXPORT_LIMIT]
            .select_related(None)
            .select_related("department", "repeats"),
            title=title,
        )
        return xlsx_response(content, "so-theo-doi-khong-phu-hop.xlsx")
    page = paginate(request, requests)
    departments = Department.objects.filter(agency=agency).order_by("name") if agency else []
    return render(
        request,
        "improvement/nonconformities_register.html",
        {
            "section": "improvement",
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "states": NcState.choices,
            "sources": NcSource.choices,
            "severities": Severity.choices,
            "departments": departments,
            "years": range(today.year, today.year - 6, -1),
            "may_raise": agency is not None and can_raise_nonconformity(request.user, agency.pk),
            "today": today,
        },
    )


@login_required
def raise_view(request: HttpRequest) -> HttpResponse:
    """Part 1, by any official of the agency who found something that does not conform."""
    require_perm(request.user, "improvement.raise_nonconformity")
    agency = agency_in_view(request)
    if agency is None or not can_raise_nonconformity(request.user, agency.pk):
        raise PermissionDenied
    departments = Department.objects.filter(agency=agency, is_active=True).order_by("name")
    form = RaiseForm(
        request.POST or None, departments=departments, initial={"found_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            nc = services.nonconformity_raise(
                agency=agency, data=form.data_object(), actor=request.user
            )
            messages.success(request, _("The nonconformity was recorded."))
            return redirect(nc)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "improvement/nonconformities_raise.html",
        {"form": form, "agency": agency, "section": "improvement"},
    )


def _nc(request: HttpRequest, pk: int) -> Nonconformity:
    require_perm(request.user, VIEW)
    nc = selectors.nc_get(user=request.user, pk=pk)
    if nc is None:
        raise Http404
    return nc


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The request's four parts and the steps this user may take now."""
    nc = _nc(request, pk)
    today = timezone.localdate()
    steps = nc_rules.steps_for(nc, request.user, today)
    actions = list(nc.actions.all())
    completable = {
        action.pk
        for action in actions
        if nc.state == NcState.APPROVED
        and action.state == "open"
        and nc_rules.action_refusal(action, request.user) is None
    }
    waiting = ""
    if nc.state == NcState.IMPLEMENTED and "verify" not in steps:
        waiting = nc_rules.refusal("verify", nc, request.user, today) or ""
    return render(
        request,
        "improvement/nonconformities_detail.html",
        {
            "section": "improvement",
            "nc": nc,
            "actions": actions,
            "steps": steps,
            "completable": completable,
            "verify_waiting": waiting,
            "today": today,
            "note_form": NoteForm(),
            "approve_form": ApproveForm(),
            "verify_form": VerifyForm(),
            "reason_form": ReasonForm(),
            "result_form": ResultForm(),
        },
    )


@login_required
def docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    nc = _nc(request, pk)
    content = request_document(nc, today=timezone.localdate())
    return docx_response(content, f"{nc.code}.docx")


@login_required
def plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Part 2: the department proposes the correction, the root cause and the actions."""
    nc = _nc(request, pk)
    if not nc_rules.step_allowed_in("plan", nc.state):
        messages.error(request, _("The request is not waiting for a plan."))
        return redirect(nc)
    reason = nc_rules.refusal("plan", nc, request.user, timezone.localdate())
    if reason:
        raise PermissionDenied(reason)
    officials = agency_officials(nc.agency_id)
    initial: dict[str, Any] = {"correction": nc.correction, "root_cause": nc.root_cause}
    initial.update({f"why_{n}": why for n, why in enumerate(nc.whys, start=1)})
    form = PlanForm(request.POST or None, officials=officials, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.nonconformity_plan(nc=nc, data=form.data_object(), actor=request.user)
            messages.success(request, _("The corrective actions were proposed for approval."))
            return redirect(nc)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(nc)
    return render(
        request,
        "improvement/nonconformities_plan.html",
        {"form": form, "nc": nc, "section": "improvement"},
    )


STEP_FORMS: dict[str, Any] = {
    "confirm": None,
    "send_back": NoteForm,
    "approve": ApproveForm,
    "verify": VerifyForm,
    "cancel": ReasonForm,
}


@login_required
@require_POST
def step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step posted from the detail page; refusals come back as messages."""
    nc = _nc(request, pk)
    if step not in STEP_FORMS:
        raise Http404
    form_class = STEP_FORMS[step]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        message_errors(request, ValidationError(list(form.errors.values())))
        return redirect(nc)
    data = form.cleaned_data if form is not None else {}
    user = request.user
    try:
        if step == "confirm":
            services.nonconformity_confirm(nc=nc, actor=user)
        elif step == "send_back":
            services.nonconformity_send_back(nc=nc, note=data["note"], actor=user)
        elif step == "approve":
            services.nonconformity_approve(nc=nc, check_on=data["check_on"], actor=user)
        elif step == "verify":
            services.nonconformity_verify(
                nc=nc, effective=data["effective"], note=data["note"], actor=user
            )
        else:
            services.nonconformity_cancel(nc=nc, reason=data["reason"], actor=user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
        return redirect(nc)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(nc)
    messages.success(request, _("Done."))
    return redirect(nc)


@login_required
@require_POST
def action_complete_view(request: HttpRequest, action_id: int) -> HttpResponse:
    require_perm(request.user, VIEW)
    action = selectors.action_get(user=request.user, pk=action_id)
    if action is None:
        raise Http404
    back = action.nonconformity or None
    form = ResultForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"result": _("Say what was done.")})
        services.action_complete(
            action=action, result=form.cleaned_data["result"], actor=request.user
        )
        messages.success(request, _("The action was recorded as done."))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    if back is not None:
        return redirect(back)
    return redirect("improvement:my_actions")


@login_required
def my_actions_view(request: HttpRequest) -> HttpResponse:
    """The actions I am responsible for, overdue first."""
    require_perm(request.user, VIEW)
    today = timezone.localdate()
    page = paginate(request, selectors.actions_due(user=request.user, today=today))
    return render(
        request,
        "improvement/nonconformities_my_actions.html",
        {
            "section": "improvement",
            "page": page,
            "query": query_without_page(request),
            "today": today,
            "result_form": ResultForm(),
        },
    )


urlpatterns = [
    path("qms/nonconformities/", register_view, name="nc_register"),
    path("qms/nonconformities/new/", raise_view, name="nc_raise"),
    path("qms/nonconformities/<int:pk>/", detail_view, name="nc_detail"),
    path("qms/nonconformities/<int:pk>/form.docx", docx_view, name="nc_docx"),
    path("qms/nonconformities/<int:pk>/plan/", plan_view, name="nc_plan"),
    path("qms/nonconformities/<int:pk>/<str:step>/", step_view, name="nc_step"),
    path("qms/actions/", my_actions_view, name="my_actions"),
    path("qms/actions/<int:action_id>/complete/", action_complete_view, name="action_complete"),
]
