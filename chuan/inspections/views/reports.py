"""Screens of DOST's year: the province's reports (the list, compiling, the report's page with
its figures by block, the narrative written in place with HTMX, corrections, issuing, and the
DOCX narrative and XLSX annex), and the home page of the year (`reports_home`).

Legal basis: TT 26/2014 Art. 38.1 (November report), QĐ 19/2014 Art. 12.6 and Appendix II
(December report)."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.exports import xlsx_response
from chuan.core.forms import message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.core.word import docx_response
from chuan.inspections.choices import Conclusion, InspectionForm
from chuan.inspections.forms_reports import CompileForm, CorrectForm, IssueForm, SectionForm
from chuan.inspections.models import ProvinceReport
from chuan.inspections.permissions import can_manage
from chuan.inspections.report_states import ReportKind, ReportState, actions_from
from chuan.inspections.report_template import label, template
from chuan.inspections.reports_export import report_docx, report_xlsx
from chuan.inspections.selectors.dashboard import dashboard_province
from chuan.inspections.selectors.reports import (
    report_get,
    report_list,
    report_provinces,
    shown_figures,
)
from chuan.inspections.services import reports as services
from chuan.inspections.views import reports_home

_READ = "inspections.view_inspections"


def _reader(request: HttpRequest) -> None:
    """Reports are the province's: an agency's own officials read none of them."""
    require_perm(request.user, _READ)
    if report_provinces(request.user) == set():
        raise PermissionDenied


@login_required
def report_list_view(request: HttpRequest) -> HttpResponse:
    _reader(request)
    year = int_param(request.GET.get("year"), minimum=2000, maximum=2100)
    page = paginate(request, report_list(user=request.user, year=year))
    province = dashboard_province(request.user, None)
    may_compile = province is not None and can_manage(request.user, province.pk)
    return render(
        request,
        "inspections/reports/list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "province": province,
            "may_compile": may_compile,
            "compile_form": CompileForm(
                initial={"kind": ReportKind.DECEMBER, "year": _this_year()}
            ),
            "section": "inspections",
        },
    )


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


@login_required
@require_POST
def report_compile_view(request: HttpRequest) -> HttpResponse:
    _reader(request)
    province = dashboard_province(request.user, int_param(request.POST.get("province"), minimum=1))
    if province is None or not can_manage(request.user, province.pk):
        raise PermissionDenied
    form = CompileForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("inspections:report_list")
    try:
        report = services.report_compile(
            province=province,
            year=form.cleaned_data["year"],
            kind=form.cleaned_data["kind"],
            actor=request.user,
        )
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect("inspections:report_list")
    messages.success(request, _("The report was compiled from Chuẩn's data."))
    return redirect(report)


def _report(request: HttpRequest, pk: int) -> ProvinceReport:
    _reader(request)
    report = report_get(user=request.user, pk=pk)
    if report is None:
        raise Http404
    return report


def _sections(report: ProvinceReport) -> list[dict[str, Any]]:
    texts = report.sections or {}
    return [
        {"key": s["key"], "label": label(s["label"]), "text": texts.get(s["key"], "")}
        for s in template(report.kind).sections
    ]


@login_required
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    manage = can_manage(request.user, report.province_id)
    allowed = set(actions_from(report.state)) if manage else set()
    shape = template(report.kind)
    figures = shown_figures(report)
    columns = dict(zip(figures["keys"], figures["columns"], strict=True))
    blocks = {b.key: b.label for b in figures["blocks"]}
    corrections = [
        {
            **c,
            "block_label": blocks.get(c["block"], ""),
            "column_label": columns.get(c["column"], ""),
        }
        for c in report.corrections or []
    ]
    inspection_rows = [
        {
            "agency": row["agency"],
            "form": _choice(InspectionForm, row["form"]),
            "concluded_on": datetime.date.fromisoformat(row["concluded_on"])
            if row["concluded_on"]
            else None,
            "conclusion": _choice(Conclusion, row["conclusion"]),
            "requests": row["requests"],
        }
        for row in figures["inspections"]
    ]
    return render(
        request,
        "inspections/reports/detail.html",
        {
            "report": report,
            "shape_title": label(shape.title),
            "confirmed": shape.confirmed,
            "legal_basis": shape.legal_basis,
            "recipient": shape.recipient,
            "figures": figures,
            "on_date": datetime.date.fromisoformat(figures["on"]) if figures["on"] else None,
            "column_choices": list(columns.items()),
            "inspection_rows": inspection_rows,
            "sections": _sections(report),
            "corrections": corrections,
            "allowed": allowed,
            "issue_form": IssueForm(),
            "correct_form": CorrectForm(),
            "frozen": report.state == ReportState.ISSUED,
            "section": "inspections",
        },
    )


@login_required
@require_POST
def report_section_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one narrative section; with HTMX only the section comes back."""
    report = _report(request, pk)
    if not can_manage(request.user, report.province_id):
        raise PermissionDenied
    form = SectionForm(request.POST)
    error = ""
    key = request.POST.get("section", "")[:40]
    if form.is_valid():
        try:
            report = services.report_edit(
                report=report,
                section=form.cleaned_data["section"],
                text=form.cleaned_data["text"],
                actor=request.user,
            )
        except (ValidationError, DomainError) as exc:
            error = exc.message if isinstance(exc, DomainError) else " ".join(exc.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect(report)
    shown = next((s for s in _sections(report) if s["key"] == key), None)
    if shown is None:
        raise Http404
    allowed = set(actions_from(report.state))
    if error and "edit" in allowed:  # typed text is kept for another try
        shown["text"] = request.POST.get("text", "")[:20_000]
    return render(
        request,
        "inspections/reports/_section.html",
        {
            "report": report,
            "s": shown,
            "error": error,
            "saved": not error,
            "allowed": allowed,
        },
        status=200,
    )


@login_required
@require_POST
def report_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    report = _report(request, pk)
    if step not in ("compile", "correct", "issue"):
        raise Http404
    if not can_manage(request.user, report.province_id):
        raise PermissionDenied
    try:
        if step == "compile":
            services.report_compile(
                province=report.province, year=report.year, kind=report.kind, actor=request.user
            )
        elif step == "correct":
            form: Any = CorrectForm(request.POST)
            _valid(form)
            data = form.cleaned_data
            services.report_correct(
                report=report,
                block=data["block"],
                column=data["column"],
                value=data["value"],
                note=data["note"],
                actor=request.user,
            )
        else:
            form = IssueForm(request.POST)
            _valid(form)
            data = form.cleaned_data
            services.report_issue(
                report=report,
                data=services.IssueData(
                    number=data["number"],
                    issued_on=data["issued_on"],
                    signer=data["signer"],
                    signer_title=data["signer_title"],
                ),
                actor=request.user,
            )
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
        return redirect(report)
    messages.success(request, _("Done."))
    return redirect(report)


def _choice(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _valid(form: Any) -> None:
    if not form.is_valid():
        raise ValidationError([str(error) for errors in form.errors.values() for error in errors])


def _filename(report: ProvinceReport, extension: str) -> str:
    stem = "bao-cao-ket-qua-kiem-tra" if report.kind == ReportKind.NOVEMBER else "bao-cao-iso"
    return f"{stem}-{report.year}-{report.pk}.{extension}"


@login_required
def report_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return docx_response(report_docx(report), _filename(report, "docx"))


@login_required
def report_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return xlsx_response(report_xlsx(report), _filename(report, "xlsx"))


urlpatterns = [
    *reports_home.urlpatterns,
    path("inspections/reports/", report_list_view, name="report_list"),
    path("inspections/reports/compile/", report_compile_view, name="report_compile"),
    path("inspections/reports/<int:pk>/", report_detail_view, name="report_detail"),
    path("inspections/reports/<int:pk>/section/", report_section_view, name="report_section"),
    path("inspections/reports/<int:pk>/report.docx", report_docx_view, name="report_docx"),
    path("inspections/reports/<int:pk>/annex.xlsx", report_xlsx_view, name="report_xlsx"),
    path("inspections/reports/<int:pk>/<slug:step>/", report_step_view, name="report_step"),
]
