"""Screens of the agency's quality objectives (ISO 9001:2015, 6.2): the year's list with
each objective's value against its target, an objective with its progress chart, plan and
measurements, and the forms that draft, plan, measure, approve and evaluate them."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.exports import xlsx_response
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.improvement import objectives_rules as rules
from chuan.improvement.exports_objectives import objectives_xlsx
from chuan.improvement.forms_objectives import (
    EvaluateForm,
    MeasurementForm,
    ObjectiveForm,
    PlanLineForm,
)
from chuan.improvement.models import Objective, ObjectivePlanLine
from chuan.improvement.permissions import can_approve_qms, can_manage_qms, can_read_qms
from chuan.improvement.selectors import objectives as selectors
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import objectives as services
from chuan.organisations.models import Agency


def _year(request: HttpRequest) -> int:
    return int_param(request.GET.get("year"), minimum=2000, maximum=2100) or (
        timezone.localdate().year
    )


def _agency(request: HttpRequest) -> Agency | None:
    require_perm(request.user, "improvement.view_qms")
    agency = agency_in_view(request)
    if agency is not None and not can_read_qms(request.user, agency.pk):
        raise Http404
    return agency


def _objective(request: HttpRequest, pk: int) -> Objective:
    require_perm(request.user, "improvement.view_qms")
    objective = selectors.objective_get(user=request.user, pk=pk)
    if objective is None:
        raise Http404
    return objective


@login_required
def objective_list(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    year = _year(request)
    page = None
    rows: list[Any] = []
    if agency is not None:
        page = paginate(request, selectors.objectives_of(agency_id=agency.pk, year=year))
        progress = selectors.progress_for(page.object_list)
        rows = [(o, progress[o.pk], selectors.target_text(o)) for o in page.object_list]
    return render(
        request,
        "improvement/objectives_list.html",
        {
            "agency": agency,
            "year": year,
            "years": [year - 1, year, year + 1],
            "page": page,
            "rows": rows,
            "query": query_without_page(request),
            "may_manage": agency is not None and can_manage_qms(request.user, agency.pk),
            "section": "improvement",
        },
    )


@login_required
def objective_export(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        raise Http404
    year = _year(request)
    content = objectives_xlsx(agency=agency, year=year)
    return xlsx_response(content, f"muc-tieu-chat-luong-{year}.xlsx")


@login_required
def objective_create(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    if agency is None:
        raise Http404
    if not can_manage_qms(request.user, agency.pk):
        raise PermissionDenied
    year = _year(request)
    form = ObjectiveForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            objective = services.objective_create(
                agency=agency, year=year, data=form.data_object(), actor=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The objective was drafted; plan how to reach it."))
            return redirect(objective)
    return render(
        request,
        "improvement/objectives_form.html",
        {"form": form, "agency": agency, "year": year, "objective": None},
    )


@login_required
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    if not can_manage_qms(request.user, objective.agency_id):
        raise PermissionDenied
    form = ObjectiveForm(
        request.POST or None,
        agency=objective.agency,
        initial=ObjectiveForm.initial_of(objective),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.objective_update(
                objective=objective, data=form.data_object(), actor=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
        else:
            return redirect(objective)
    return render(
        request,
        "improvement/objectives_form.html",
        {"form": form, "agency": objective.agency, "year": objective.year, "objective": objective},
    )


@login_required
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    progress = selectors.progress_for([objective])[objective.pk]
    user = request.user
    is_open = objective.state in rules.OPEN_STATES
    may_manage = can_manage_qms(user, objective.agency_id) and is_open
    manual = objective.measure in rules.MANUAL_MEASURES
    return render(
        request,
        "improvement/objectives_detail.html",
        {
            "objective": objective,
            "progress": progress,
            "chart": progress.chart,
            "month_labels": rules.month_labels(objective.year),
            "target_text": selectors.target_text(objective),
            "plan": objective.plan.all(),
            "measurements": objective.measurements.select_related("recorded_by"),
            "manual": manual,
            "may_manage": may_manage,
            "may_approve": objective.state == "draft"
            and can_approve_qms(user, objective.agency_id),
            "may_evaluate": may_manage
            and objective.state == "approved"
            and timezone.localdate() >= datetime.date(objective.year, 12, 1),
            "plan_form": PlanLineForm(),
            "measure_form": MeasurementForm(objective=objective) if manual else None,
            "evaluate_form": EvaluateForm(),
            "section": "improvement",
        },
    )


ACTIONS = ("approve", "evaluate", "plan", "measure")


@login_required
@require_POST
def objective_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    objective = _objective(request, pk)
    if action not in ACTIONS:
        raise Http404
    user = request.user
    if action == "approve":
        if not can_approve_qms(user, objective.agency_id):
            raise PermissionDenied
    elif not can_manage_qms(user, objective.agency_id):
        raise PermissionDenied
    try:
        if action == "approve":
            services.objective_approve(objective=objective, actor=user)
            messages.success(request, _("The objective was approved."))
        elif action == "evaluate":
            form: Any = EvaluateForm(request.POST)
            if form.is_valid():
                services.objective_evaluate(
                    objective=objective, reason=form.cleaned_data["evaluation"], actor=user
                )
                messages.success(request, _("The year's result was recorded."))
            else:
                messages.error(request, _("Say why it was met or not."))
        elif action == "plan":
            form = PlanLineForm(request.POST)
            if form.is_valid():
                services.plan_line_add(objective=objective, actor=user, **form.cleaned_data)
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
        else:
            form = MeasurementForm(request.POST, objective=objective)
            if form.is_valid():
                services.measurement_record(
                    objective=objective,
                    day=form.period_day(),
                    value=form.cleaned_data["value"],
                    note=form.cleaned_data["note"],
                    actor=user,
                )
                messages.success(request, _("The value was recorded."))
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
    except (DomainError, ValidationError) as exc:
        message_errors(request, exc)
    return redirect(objective)


@login_required
@require_POST
def plan_line_remove(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    objective = _objective(request, pk)
    if not can_manage_qms(request.user, objective.agency_id):
        raise PermissionDenied
    line = get_object_or_404(ObjectivePlanLine, pk=line_id, objective=objective)
    try:
        services.plan_line_remove(line=line, actor=request.user)
    except DomainError as exc:
        message_errors(request, exc)
    return redirect(reverse("improvement:objective_detail", args=[objective.pk]))


urlpatterns = [
    path("qms/objectives/", objective_list, name="objective_list"),
    path("qms/objectives/new/", objective_create, name="objective_create"),
    path("qms/objectives/export.xlsx", objective_export, name="objective_export"),
    path("qms/objectives/<int:pk>/", objective_detail, name="objective_detail"),
    path("qms/objectives/<int:pk>/edit/", objective_edit, name="objective_edit"),
    path(
        "qms/objectives/<int:pk>/plan/<int:line_id>/remove/",
        plan_line_remove,
        name="objective_plan_remove",
    ),
    path("qms/objectives/<int:pk>/<str:action>/", objective_action, name="objective_action"),
]
