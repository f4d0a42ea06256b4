"""Screens of DOST's year: the province's yearly inspection plan (Mẫu 19, TT 26/2014 Art. 34)
— the list of plans, the proposal, the plan's table with its figures, line edits, submission,
approval by decision, amendments, and the plan as XLSX. Who inspects: `views.plans_units`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param, int_param
from chuan.core.permissions import require_perm
from chuan.inspections import permissions, plan_rules, plan_states
from chuan.inspections.choices import PlanState
from chuan.inspections.exports_plans import plan_xlsx
from chuan.inspections.forms_plans import (
    AddLineForm,
    AmendAddLineForm,
    AmendLineForm,
    DecisionForm,
    LineForm,
    ProposeForm,
    RemoveForm,
    ReturnForm,
)
from chuan.inspections.models import InspectionPlan, PlanLine
from chuan.inspections.selectors import plans as selectors
from chuan.inspections.services import plans as services
from chuan.inspections.services import plans_amend as amend
from chuan.inspections.views import plans_units

_READ = "inspections.view_inspections"


def _province(request: HttpRequest) -> Any:
    """The province asked for (`?province=`) among the user's, else the first of them."""
    provinces = selectors.provinces_for(request.user)
    asked = id_param(request.GET.get("province") or request.POST.get("province"))
    chosen = provinces.filter(pk=asked).first() if asked else None
    return chosen or provinces.first(), provinces


@login_required
def plan_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    province, provinces = _province(request)
    readable = province is not None and permissions.can_read_province(request.user, province.pk)
    plans = selectors.plan_list(user=request.user, province=province if readable else None)
    year = int_param(request.GET.get("year"), minimum=services.FIRST_YEAR, maximum=2100)
    if year:
        plans = plans.filter(year=year)
    manage = readable and permissions.can_manage(request.user, province.pk)
    return render(
        request,
        "inspections/plans/list.html",
        {
            "page": paginate(request, plans),
            "query": query_without_page(request),
            "province": province if readable else None,
            "provinces": list(provinces) if readable else [],
            "year": year,
            "may_manage": manage,
            "propose_form": ProposeForm(initial={"year": timezone.localdate().year + 1}),
            "section": "inspections",
        },
    )


@login_required
@require_POST
def plan_propose_view(request: HttpRequest) -> HttpResponse:
    """Propose (or refresh) a plan; answers HTMX with a redirect to the plan."""
    require_perm(request.user, "inspections.manage_inspections")
    province, _provinces = _province(request)
    if province is None:
        raise Http404
    form = ProposeForm(request.POST)
    plan = None
    if form.is_valid():
        try:
            plan = services.plan_propose(
                province=province, year=form.cleaned_data["year"], actor=request.user
            )
        except (ValidationError, DomainError) as exc:
            message_errors(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    if plan is not None:
        messages.success(
            request, _("Lines proposed: review them, adjust, then submit the plan for approval.")
        )
        target = _url(plan)
    else:
        target = f"{reverse('inspections:plan_list')}?province={province.pk}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _url(plan: InspectionPlan) -> str:
    return reverse("inspections:plan_detail", args=[plan.pk])


def _plan(request: HttpRequest, pk: int) -> InspectionPlan:
    require_perm(request.user, _READ)
    plan = selectors.plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _manager(request: HttpRequest, plan: InspectionPlan) -> None:
    if not permissions.can_manage(request.user, plan.province_id):
        raise PermissionDenied


@login_required
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    lines = selectors.plan_lines(plan=plan, user=request.user)
    if request.GET.get("format") == "xlsx":
        return plan_xlsx(plan, lines)
    page = paginate(request, lines)
    for line in page.object_list:
        line.reason_labels = plan_rules.reason_labels(line.reasons)
    read_all = permissions.can_read_province(request.user, plan.province_id)
    manage = permissions.can_manage(request.user, plan.province_id)
    allowed = set(plan_states.actions_from(plan.state)) if manage else set()
    counts = selectors.plan_counts(plan) if read_all else None
    return render(
        request,
        "inspections/plans/detail.html",
        {
            "plan": plan,
            "page": page,
            "query": query_without_page(request),
            "counts": counts,
            "allowed": allowed,
            "state_label": PlanState(plan.state).label,
            "amendments": list(plan.amendments.select_related("line__agency").order_by("-pk")[:20])
            if read_all
            else [],
            "decision_form": DecisionForm(),
            "return_form": ReturnForm(),
            "section": "inspections",
        },
    )


@login_required
@require_POST
def plan_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit or return the plan; refusals come back as messages."""
    plan = _plan(request, pk)
    _manager(request, plan)
    try:
        if step == "submit":
            services.plan_submit(plan=plan, actor=request.user)
            messages.success(request, _("The plan was submitted for approval."))
        else:
            form = ReturnForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.plan_return(plan=plan, actor=request.user, note=note)
            messages.success(request, _("The plan is back to draft."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(_url(plan))


@login_required
def plan_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _manager(request, plan)
    form = DecisionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_approve(plan=plan, data=form.decision_data(), actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The plan is approved; its inspections are opened."))
            return redirect(_url(plan))
    return render(
        request,
        "inspections/plans/approve.html",
        {"plan": plan, "form": form, "section": "inspections"},
    )


@login_required
def plan_decision_file_view(request: HttpRequest, pk: int) -> Any:
    plan = _plan(request, pk)
    if not permissions.can_read_province(request.user, plan.province_id):
        raise Http404
    return download(plan.decision_file)


def _line(request: HttpRequest, pk: int) -> PlanLine:
    line = PlanLine.objects.select_related("plan", "agency").filter(pk=pk).first()
    if line is None:
        raise Http404
    _plan(request, line.plan_id)
    _manager(request, line.plan)
    return line


def _line_initial(line: PlanLine) -> dict[str, Any]:
    return {
        "form": line.form,
        "planned_month": line.planned_month,
        "planned_quarter": line.planned_quarter,
        "inspecting_unit": line.inspecting_unit,
        "coordinating_unit": line.coordinating_unit,
        "budget": line.budget,
        "note": line.note,
    }


@login_required
def line_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    approved = line.plan.state == PlanState.APPROVED
    form_class = AmendLineForm if approved else LineForm
    form: Any = form_class(request.POST or None, initial=_line_initial(line))
    if request.method == "POST" and form.is_valid():
        try:
            if approved:
                amend.plan_amend_line(
                    line=line,
                    data=form.line_data(),
                    reason=form.cleaned_data["reason"],
                    amended_on=form.cleaned_data["amended_on"],
                    actor=request.user,
                )
            else:
                services.line_update(line=line, data=form.line_data(), actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The line was saved."))
            return redirect(_url(line.plan))
    return render(
        request,
        "inspections/plans/line_form.html",
        {"plan": line.plan, "line": line, "form": form, "approved": approved},
    )


@login_required
def line_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    _manager(request, plan)
    approved = plan.state == PlanState.APPROVED
    form_class = AmendAddLineForm if approved else AddLineForm
    form: Any = form_class(
        request.POST or None,
        agencies=selectors.addable_agencies(plan),
        initial={"form": "records", "budget": 0},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if approved:
                amend.plan_amend_add(
                    plan=plan,
                    agency=data["agency"],
                    data=form.line_data(),
                    reason=data["reason"],
                    amended_on=data["amended_on"],
                    actor=request.user,
                )
            else:
                services.line_add(
                    plan=plan, agency=data["agency"], data=form.line_data(), actor=request.user
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The agency was added to the plan."))
            return redirect(_url(plan))
    return render(
        request,
        "inspections/plans/line_form.html",
        {"plan": plan, "line": None, "form": form, "approved": approved},
    )


@login_required
def line_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    line = _line(request, pk)
    approved = line.plan.state == PlanState.APPROVED
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and (not approved or form.is_valid()):
        try:
            if approved:
                amend.plan_amend_remove(
                    line=line,
                    reason=form.cleaned_data["reason"],
                    amended_on=form.cleaned_data["amended_on"],
                    actor=request.user,
                )
            else:
                services.line_delete(line=line, actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The agency was taken off the plan."))
            return redirect(_url(line.plan))
    return render(
        request,
        "inspections/plans/line_remove.html",
        {"plan": line.plan, "line": line, "form": form, "approved": approved},
    )


urlpatterns: list[URLPattern] = [
    path("inspections/plans/", plan_list_view, name="plan_list"),
    path("inspections/plans/propose/", plan_propose_view, name="plan_propose"),
    path("inspections/plans/<int:pk>/", plan_detail_view, name="plan_detail"),
    path(
        "inspections/plans/<int:pk>/submit/",
        plan_step_view,
        {"step": "submit"},
        name="plan_submit",
    ),
    path(
        "inspections/plans/<int:pk>/return/",
        plan_step_view,
        {"step": "return"},
        name="plan_return",
    ),
    path("inspections/plans/<int:pk>/approve/", plan_approve_view, name="plan_approve"),
    path("inspections/plans/<int:pk>/decision/file/", plan_decision_file_view, name="plan_file"),
    path("inspections/plans/<int:pk>/lines/add/", line_add_view, name="plan_line_add"),
    path("inspections/plan-lines/<int:pk>/edit/", line_edit_view, name="plan_line_edit"),
    path("inspections/plan-lines/<int:pk>/remove/", line_remove_view, name="plan_line_remove"),
    *plans_units.urlpatterns,
]
