"""Screens of records-based inspections (kiểm tra qua hồ sơ, báo cáo; TT 26/2014/TT-BKHCN
Arts. 35–36): the inspections a user sees, one inspection with its letter, deadline and
items, DOST's request letter (one agency or the whole planned list, with progress), the
agency's answer form, and DOST's assessment and conclusion."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.inspections import article36, prefill
from chuan.inspections.choices import InspectionForm, InspectionState, RequestState
from chuan.inspections.forms_records import (
    AnswerForm,
    AssessForm,
    ConcludeForm,
    CorrectionForm,
    LetterForm,
)
from chuan.inspections.models import CorrectionRequest, Inspection, ItemAnswer
from chuan.inspections.permissions import can_answer, can_manage
from chuan.inspections.selectors import records as selectors
from chuan.inspections.services import records as services
from chuan.inspections.services import records_answers as answers
from chuan.inspections.services import records_assess as assess
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import active_membership

VIEW = "inspections.view_inspections"


def _grouped(rows: list[dict[str, Any]]) -> list[tuple[int, Any, list[dict[str, Any]]]]:
    """The items under the article's two groups."""
    return [
        (number, title, [row for row in rows if row["item"].group == number])
        for number, title in article36.GROUPS.items()
    ]


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    require_perm(request.user, VIEW)
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if inspection is None:
        raise Http404
    return inspection


@login_required
def list_view(request: HttpRequest) -> HttpResponse:
    """DOST: its province's inspections; an agency: its own."""
    require_perm(request.user, VIEW)
    get = request.GET
    state, form = get.get("state", ""), get.get("form", "")
    filters = selectors.InspectionFilters(
        year=int_param(get.get("year"), minimum=2000, maximum=2100),
        state=state if state in InspectionState.values else "",
        form=form if form in InspectionForm.values else "",
    )
    page = paginate(request, selectors.inspection_list(user=request.user, filters=filters))
    today = timezone.localdate()
    for inspection in page.object_list:
        inspection.late = selectors.is_late(inspection)
    membership = active_membership(request.user)
    province_id = (
        membership.agency.unit.province_id or membership.agency.unit_id if membership else None
    )
    return render(
        request,
        "inspections/records/list.html",
        {
            "section": "inspections",
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "states": InspectionState.choices,
            "forms": InspectionForm.choices,
            "years": range(today.year + 1, today.year - 8, -1),
            "may_request_all": province_id is not None
            and can_manage(request.user, province_id)
            and request.user.has_perm("inspections.manage_inspections"),
            "today": today,
        },
    )


def _deadline(inspection: Inspection) -> dict[str, Any]:
    """Working days left before the reply deadline, or late by, while it is awaited."""
    if inspection.state not in answers.OPEN_FOR_ANSWER:
        return {"days_left": None, "days_late": 0}
    left = selectors.working_days_left(inspection, timezone.localdate())
    return {"days_left": left, "days_late": -left if left is not None and left < 0 else 0}


def _detail_context(request: HttpRequest, inspection: Inspection) -> dict[str, Any]:
    today = timezone.localdate()
    items = selectors.inspection_items(inspection)
    rows: list[dict[str, Any]] = [
        {"row": row, "item": article36.item(row.code), "facts": prefill.summaries(row.prefill)}
        for row in items
    ]
    return {
        "section": "inspections",
        "inspection": inspection,
        "groups": _grouped(rows),
        **_deadline(inspection),
        "late": selectors.is_late(inspection),
        "requests": list(CorrectionRequest.objects.filter(inspection=inspection)),
        "may_manage": can_manage(request.user, inspection.province_id)
        and request.user.has_perm("inspections.manage_inspections"),
        "may_answer": can_answer(request.user, inspection.agency_id)
        and request.user.has_perm("inspections.answer_inspection"),
        "letter_form": LetterForm(initial={"letter_date": today}),
        "today": today,
        "draft": RequestState.DRAFT,
    }


@login_required
def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    return render(request, "inspections/records/detail.html", _detail_context(request, inspection))


@login_required
@require_POST
def request_view(request: HttpRequest, pk: int) -> HttpResponse:
    """DOST's request letter to one agency."""
    inspection = _inspection(request, pk)
    form = LetterForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_request_report(
                inspection=inspection, **form.cleaned_data, actor=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except (DomainError, PermissionDenied) as exc:
            message_errors(request, exc)
            return redirect("inspections:records_detail", pk=pk)
        else:
            messages.success(request, _("The request letter was recorded."))
            return redirect("inspections:records_detail", pk=pk)
    context = _detail_context(request, inspection)
    context["letter_form"] = form
    return render(request, "inspections/records/detail.html", context, status=400)


@login_required
def request_all_view(request: HttpRequest) -> HttpResponse:
    """One letter to every planned inspection of the province-year; each POST handles a
    batch and the screen posts the next until none remain, showing the progress."""
    require_perm(request.user, "inspections.manage_inspections")
    membership = active_membership(request.user)
    if membership is None:
        raise PermissionDenied
    unit = membership.agency.unit
    province = get_object_or_404(AdministrativeUnit, pk=unit.province_id or unit.pk)
    today = timezone.localdate()
    year = (
        int_param(request.POST.get("year") or request.GET.get("year"), minimum=2000, maximum=2100)
        or today.year
    )
    form = LetterForm(request.POST or None, initial={"letter_date": today})
    total = selectors.planned_records(province_id=province.pk, year=year).count()
    context = {
        "section": "inspections",
        "form": form,
        "province": province,
        "year": year,
        "planned": total,
        "years": range(today.year + 1, today.year - 3, -1),
    }
    if request.method == "POST" and form.is_valid():
        try:
            done = services.inspections_request_reports(
                province=province, year=year, **form.cleaned_data, actor=request.user
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            sent = int_param(request.POST.get("sent"), minimum=0, maximum=100000) or 0
            sent += done["requested"]
            progress = {
                "sent": sent,
                "remaining": done["remaining"],
                "percent": round(100 * sent / max(1, sent + done["remaining"])),
            }
            context.update(progress=progress, data=request.POST)
            template = "inspections/records/_progress.html"
            if request.headers.get("HX-Request"):
                return render(request, template, context)
            return render(request, "inspections/records/request_all.html", context)
    return render(
        request,
        "inspections/records/request_all.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
def answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency's report: the thirteen items with Chuẩn's facts, confirmed or corrected."""
    inspection = _inspection(request, pk)
    if not can_answer(request.user, inspection.agency_id) or not request.user.has_perm(
        "inspections.answer_inspection"
    ):
        raise PermissionDenied
    items = selectors.inspection_items(inspection)
    form = AnswerForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = {
            row.code: answers.ItemData(
                answer=form.cleaned_data[f"{row.code}-answer"],
                evidence=form.cleaned_data[f"{row.code}-evidence"],
                confirmed=form.cleaned_data[f"{row.code}-confirmed"],
                evidence_file=form.cleaned_data[f"{row.code}-evidence_file"] or None,
            )
            for row in items
        }
        try:
            answers.inspection_answer_save(inspection=inspection, items=data, actor=request.user)
            if "submit" in request.POST:
                answers.inspection_answer_submit(inspection=inspection, actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect("inspections:records_detail", pk=pk)
        else:
            if "submit" in request.POST:
                messages.success(request, _("The report was sent to DOST."))
                return redirect("inspections:records_detail", pk=pk)
            messages.success(request, _("The draft was saved."))
            return redirect("inspections:records_answer", pk=pk)
    facts = {row.code: prefill.summaries(row.prefill) for row in items}
    rows = form.rows(items)
    for entry in rows:
        entry["facts"] = facts[entry["row"].code]
    return render(
        request,
        "inspections/records/answer.html",
        {
            "section": "inspections",
            "inspection": inspection,
            "form": form,
            "groups": _grouped(rows),
            **_deadline(inspection),
            "late": selectors.is_late(inspection),
            "open": inspection.state in answers.OPEN_FOR_ANSWER,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def assess_view(request: HttpRequest, pk: int) -> HttpResponse:
    """DOST's result on each item, the drafted requests and the conclusion."""
    inspection = _inspection(request, pk)
    require_perm(request.user, "inspections.manage_inspections")
    if not can_manage(request.user, inspection.province_id):
        raise PermissionDenied
    items = selectors.inspection_items(inspection)
    form = AssessForm(request.POST if "assess" in request.POST else None, items=items)
    correction = CorrectionForm(request.POST if "correction" in request.POST else None)
    conclude = ConcludeForm(
        request.POST if "conclude" in request.POST else None,
        initial={"concluded_on": timezone.localdate()},
    )
    status = 200
    try:
        if "assess" in request.POST and form.is_valid():
            results = {
                row.code: assess.ItemResultData(
                    result=form.cleaned_data[f"{row.code}-result"],
                    finding=form.cleaned_data[f"{row.code}-finding"],
                )
                for row in items
            }
            assess.inspection_assess(inspection=inspection, results=results, actor=request.user)
            messages.success(request, _("The results were saved."))
            return redirect("inspections:records_assess", pk=pk)
        if "correction" in request.POST and correction.is_valid():
            assess.correction_request_draft(
                inspection=inspection, **correction.cleaned_data, actor=request.user
            )
            messages.success(request, _("The request for correction was drafted."))
            return redirect("inspections:records_assess", pk=pk)
        if "withdraw" in request.POST:
            draft = get_object_or_404(
                CorrectionRequest,
                pk=int_param(request.POST.get("withdraw"), minimum=1) or 0,
                inspection=inspection,
            )
            assess.correction_request_withdraw(request=draft, actor=request.user)
            return redirect("inspections:records_assess", pk=pk)
        if "conclude" in request.POST and conclude.is_valid():
            assess.inspection_conclude(
                inspection=inspection,
                conclusion=conclude.cleaned_data["conclusion"],
                text=conclude.cleaned_data["text"],
                concluded_on=conclude.cleaned_data["concluded_on"],
                actor=request.user,
            )
            messages.success(request, _("The inspection was concluded."))
            return redirect("inspections:records_detail", pk=pk)
    except ValidationError as exc:
        target = (
            form
            if "assess" in request.POST
            else correction
            if "correction" in request.POST
            else conclude
        )
        apply_service_errors(target, exc)
    except DomainError as exc:
        message_errors(request, exc)
        return redirect("inspections:records_detail", pk=pk)
    if request.method == "POST":
        status = 400
    rows: list[dict[str, Any]] = [
        {
            "row": row,
            "item": article36.item(row.code),
            "facts": prefill.summaries(row.prefill),
            "result": form[f"{row.code}-result"],
            "finding": form[f"{row.code}-finding"],
        }
        for row in items
    ]
    return render(
        request,
        "inspections/records/assess.html",
        {
            "section": "inspections",
            "inspection": inspection,
            "form": form,
            "correction": correction,
            "conclude": conclude,
            "groups": _grouped(rows),
            "requests": list(CorrectionRequest.objects.filter(inspection=inspection)),
            "late": selectors.is_late(inspection),
            "open": inspection.state == InspectionState.ANSWERED,
            "draft": RequestState.DRAFT,
        },
        status=status,
    )


@login_required
def evidence_view(request: HttpRequest, pk: int) -> FileResponse:
    require_perm(request.user, VIEW)
    item = get_object_or_404(ItemAnswer, pk=pk)
    _inspection(request, item.inspection_id)
    return download(item.evidence_file)


urlpatterns: list[URLPattern] = [
    path("inspections/records/", list_view, name="records_list"),
    path("inspections/records/request-all/", request_all_view, name="records_request_all"),
    path("inspections/records/<int:pk>/", detail_view, name="records_detail"),
    path("inspections/records/<int:pk>/request/", request_view, name="records_request"),
    path("inspections/records/<int:pk>/answer/", answer_view, name="records_answer"),
    path("inspections/records/<int:pk>/assess/", assess_view, name="records_assess"),
    path("inspections/records/items/<int:pk>/evidence/", evidence_view, name="records_evidence"),
]
