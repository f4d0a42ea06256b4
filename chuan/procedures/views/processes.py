"""Screens of an agency's internal process for a procedure: its steps against the
statutory time, drafting, approving by decision, and starting the next edition."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.organisations.models import Agency, Department
from chuan.organisations.scoping import active_membership, visible_agencies
from chuan.procedures import route, selectors, services
from chuan.procedures.choices import ProcessStatus
from chuan.procedures.forms import ApproveForm, ProcessForm, StepFormSet, steps_of
from chuan.procedures.models import InternalProcess, Procedure
from chuan.procedures.permissions import may_approve_process, may_edit_process
from chuan.procedures.views.catalogue import procedure_or_404


def _process(request: HttpRequest, pk: int) -> InternalProcess:
    process = selectors.process_get(user=request.user, pk=pk)
    if process is None:
        raise Http404
    return process


@login_required
def process_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A process's steps, their total against the statutory time, and its approval."""
    require_perm(request.user, "procedures.view_procedure")
    process = _process(request, pk)
    today = timezone.localdate()
    version = (
        selectors.version_in_force(process.procedure, process.valid_from or today)
        or process.procedure.versions.first()
    )
    steps = process.step_list  # type: ignore[attr-defined]
    return render(
        request,
        "procedures/process_detail.html",
        {
            "process": process,
            "version": version,
            "steps": steps,
            "fit": selectors.process_time_fit(process, version, steps) if version else None,
            "result_order": route.result_order(steps) if steps else None,
            "current": selectors.process_is_current(process, today),
            "is_draft": process.status == ProcessStatus.DRAFT,
            "may_edit": may_edit_process(request.user, process.agency),
            "may_approve": may_approve_process(request.user, process.agency),
            "approve_form": ApproveForm(initial={"decision_date": today, "valid_from": today}),
            "has_draft": InternalProcess.objects.filter(
                agency=process.agency_id,
                procedure=process.procedure_id,
                status=ProcessStatus.DRAFT,
            ).exists(),
        },
    )


def _departments(agency: Agency) -> Any:
    return Department.objects.filter(agency=agency).order_by("name")


def _process_form_view(
    request: HttpRequest, agency: Agency, procedure: Procedure, process: InternalProcess | None
) -> HttpResponse:
    if not may_edit_process(request.user, agency):
        raise PermissionDenied
    departments = _departments(agency)
    kwargs: dict[str, Any] = {"prefix": "steps", "form_kwargs": {"departments": departments}}
    if request.method == "POST":
        form = ProcessForm(request.POST)
        formset = StepFormSet(request.POST, **kwargs)
        if form.is_valid() and formset.is_valid():
            try:
                if process is None:
                    process = services.process_draft_create(
                        agency=agency,
                        procedure=procedure,
                        code=form.cleaned_data["code"],
                        steps=steps_of(formset),
                        actor=request.user,
                    )
                else:
                    services.process_draft_update(
                        process=process,
                        code=form.cleaned_data["code"],
                        steps=steps_of(formset),
                        actor=request.user,
                    )
                messages.success(request, _("The draft process was saved."))
                return redirect(process)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        initial_steps: list[dict[str, Any]] = []
        code = ""
        if process is not None:
            code = process.code
            initial_steps = [
                {
                    "name": step.name,
                    "responsible": step.responsible,
                    "department": step.department_id,
                    "time_amount": step.time_amount,
                    "time_unit": step.time_unit,
                    "output": step.output,
                    "forms": step.forms,
                    "signs": step.signs,
                    "gives_result": step.gives_result,
                }
                for step in process.steps.all()
            ]
        form = ProcessForm(initial={"code": code})
        formset = StepFormSet(initial=initial_steps, **kwargs)
    return render(
        request,
        "procedures/process_form.html",
        {
            "form": form,
            "formset": formset,
            "agency": agency,
            "procedure": procedure,
            "version": procedure.versions.first(),
            "process": process,
        },
    )


@login_required
def process_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft an internal process of the user's agency (or of `?agency=` in their scope)."""
    require_perm(request.user, "procedures.change_internalprocess")
    procedure = procedure_or_404(request, pk)
    agency_id = id_param(request.GET.get("agency"))
    if agency_id is not None:
        agency = visible_agencies(request.user).filter(pk=agency_id).first()
    else:
        membership = active_membership(request.user)
        agency = membership.agency if membership else None
    if agency is None:
        raise Http404
    return _process_form_view(request, agency, procedure, None)


@login_required
def process_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "procedures.change_internalprocess")
    process = _process(request, pk)
    if process.status != ProcessStatus.DRAFT:
        messages.error(request, _("An approved process cannot change; start a new edition."))
        return redirect(process)
    return _process_form_view(request, process.agency, process.procedure, process)


@login_required
@require_POST
def process_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "procedures.approve_internalprocess")
    process = _process(request, pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.process_approve(process=process, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The process was approved."))
            return redirect(process)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    message_errors(request, ValidationError(list(form.errors.values())))
    return redirect(process)


@login_required
@require_POST
def process_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "procedures.change_internalprocess")
    process = _process(request, pk)
    try:
        draft = services.process_revise(process=process, actor=request.user)
    except ValidationError as exc:
        message_errors(request, exc)
        return redirect(process)
    messages.success(request, _("A new edition was started as a draft."))
    return redirect("procedures:process_edit", pk=draft.pk)
