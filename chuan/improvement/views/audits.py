"""Screens of the agency's internal audit (ISO 9001:2015, 9.2; QĐ 19/2014/QĐ-TTg Art. 4.4b):
the programmes by year, a programme with its audits and coverage matrix, an audit with its
team, schedule, checklist, findings and report (on screen and as DOCX), and the registry of
qualified internal auditors. Refusals of the services come back as messages or form errors
and change nothing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.core.word import docx_response
from chuan.improvement import audits_rules as rules
from chuan.improvement.audits_word import report_docx
from chuan.improvement.choices import AuditState, ProgrammeState
from chuan.improvement.forms_audits import (
    AuditForm,
    FindingForm,
    ProgrammeForm,
    QualificationForm,
    ReportForm,
    ScheduleForm,
)
from chuan.improvement.models import Audit, AuditProgramme
from chuan.improvement.permissions import can_approve_qms, can_manage_qms
from chuan.improvement.selectors import audits as selectors
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import audits as services
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.views import audits_templates
from chuan.organisations.models import Department
from chuan.organisations.selectors import agency_officials
from chuan.procedures.models import InternalProcess

VIEW = "improvement.view_qms"


def _may_manage(request: HttpRequest, agency_id: int) -> None:
    if not can_manage_qms(request.user, agency_id):
        raise PermissionDenied


def _programme(request: HttpRequest, pk: int) -> AuditProgramme:
    require_perm(request.user, VIEW)
    programme = selectors.programme_get(request.user, pk)
    if programme is None:
        raise Http404
    return programme


def _audit(request: HttpRequest, pk: int) -> Audit:
    require_perm(request.user, VIEW)
    audit = selectors.audit_get(request.user, pk)
    if audit is None:
        raise Http404
    return audit


@login_required
def programme_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, VIEW)
    agency = agency_in_view(request)
    page = paginate(request, selectors.programmes(request.user, agency.pk) if agency else [])
    may_manage = agency is not None and can_manage_qms(request.user, agency.pk)
    form = None
    if may_manage and agency is not None:
        year = timezone.localdate().year
        # The next year without a programme is the one to draw up.
        taken = set(AuditProgramme.objects.filter(agency=agency).values_list("year", flat=True))
        while year in taken:
            year += 1
        form = ProgrammeForm(
            request.POST or None,
            initial={"year": year, "criteria": _("TCVN ISO 9001:2015; the agency's QMS documents")},
        )
        if request.method == "POST" and form.is_valid():
            try:
                programme = services.programme_create(
                    agency=agency,
                    year=form.cleaned_data["year"],
                    purpose=form.cleaned_data["purpose"],
                    criteria=form.cleaned_data["criteria"],
                    actor=request.user,
                )
                messages.success(request, _("The programme was drawn up; plan its audits."))
                return redirect(programme)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "improvement/audits_programme_list.html",
        {
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "form": form,
            "last": selectors.last_internal_audit(agency.pk) if agency else None,
            "section": "improvement",
        },
    )


@login_required
def programme_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    may_manage = can_manage_qms(request.user, programme.agency_id)
    form = None
    if may_manage:
        form = ProgrammeForm(
            request.POST or None,
            initial={
                "year": programme.year,
                "purpose": programme.purpose,
                "criteria": programme.criteria,
            },
        )
        form.fields["year"].disabled = True
        if request.method == "POST" and form.is_valid():
            try:
                services.programme_update(
                    programme=programme,
                    purpose=form.cleaned_data["purpose"],
                    criteria=form.cleaned_data["criteria"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
                messages.success(request, _("Saved."))
                return redirect(programme)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    elif request.method == "POST":
        raise PermissionDenied
    coverage = selectors.coverage_for(programme)
    return render(
        request,
        "improvement/audits_programme_detail.html",
        {
            "programme": programme,
            "audits": selectors.programme_audits(programme),
            "coverage": coverage,
            "clause_titles": rules.clause_titles(),
            "form": form,
            "may_manage": may_manage,
            "may_approve": programme.state == ProgrammeState.DRAFT
            and can_approve_qms(request.user, programme.agency_id),
            "section": "improvement",
        },
    )


@login_required
@require_POST
def programme_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    try:
        services.programme_approve(programme=programme, actor=request.user)
        messages.success(request, _("The programme is approved."))
    except DomainError as exc:
        if exc.status_code == 403:
            raise PermissionDenied(exc.message) from exc
        message_errors(request, exc)
    return redirect(programme)


def _audit_form(request: HttpRequest, agency_id: int, **kw: Any) -> AuditForm:
    return AuditForm(
        request.POST or None,
        officials=agency_officials(agency_id),
        departments=Department.objects.filter(agency_id=agency_id, is_active=True),
        processes=InternalProcess.objects.filter(agency_id=agency_id).select_related("procedure"),
        **kw,
    )


@login_required
def audit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    _may_manage(request, programme.agency_id)
    form = _audit_form(request, programme.agency_id, initial={"criteria": programme.criteria})
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_create(
                programme=programme, data=form.data_object(), actor=request.user
            )
            messages.success(request, _("The audit is planned."))
            return redirect(audit)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "improvement/audits_audit_form.html",
        {"form": form, "programme": programme, "audit": None, "section": "improvement"},
    )


@login_required
def audit_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    _may_manage(request, audit.agency_id)
    initial = {
        "title": audit.title,
        "departments": list(audit.departments.all()),
        "processes": list(audit.processes.all()),
        "clauses": audit.clauses,
        "criteria": audit.criteria,
        "lead": audit.lead,
        "auditors": list(audit.auditors.all()),
        "opening_at": audit.opening_at and timezone.localtime(audit.opening_at),
        "closing_at": audit.closing_at and timezone.localtime(audit.closing_at),
    }
    form = _audit_form(request, audit.agency_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_update(audit=audit, data=form.data_object(), actor=request.user)
            messages.success(request, _("Saved."))
            return redirect(audit)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(audit)
    return render(
        request,
        "improvement/audits_audit_form.html",
        {"form": form, "programme": audit.programme, "audit": audit, "section": "improvement"},
    )


def _team_queryset(audit: Audit) -> Any:
    from chuan.accounts.models import User

    ids = [u.pk for u in services._team(audit)]
    return User.objects.filter(pk__in=ids).order_by("full_name")


def _schedule_form(audit: Audit, data: Any = None) -> ScheduleForm:
    return ScheduleForm(
        data,
        team=_team_queryset(audit),
        departments=Department.objects.filter(agency_id=audit.agency_id, is_active=True),
        processes=InternalProcess.objects.filter(agency_id=audit.agency_id).select_related(
            "procedure"
        ),
    )


@login_required
def audit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    return _detail(request, audit)


def _detail(
    request: HttpRequest,
    audit: Audit,
    schedule_form: ScheduleForm | None = None,
    report_form: ReportForm | None = None,
) -> HttpResponse:
    may_manage = can_manage_qms(request.user, audit.agency_id)
    lines = paginate(request, selectors.checklist(audit), per_page=100)
    running = audit.state in (AuditState.PLANNED, AuditState.IN_PROGRESS)
    return render(
        request,
        "improvement/audits_audit_detail.html",
        {
            "audit": audit,
            "schedule": audit.schedule.select_related("department", "process", "auditor"),
            "page": lines,
            "query": query_without_page(request),
            "findings": selectors.findings_table(audit),
            "may_manage": may_manage,
            "may_record": audit.state == AuditState.IN_PROGRESS
            and (may_manage or request.user in services._team(audit)),
            "running": running,
            "actions": [a for a in rules.ACTIONS if rules.next_state(audit.state, a)]
            if may_manage
            else [],
            "schedule_form": schedule_form or (_schedule_form(audit) if may_manage else None),
            "report_form": report_form or ReportForm(),
            "clause_titles": rules.clause_titles(),
            "section": "improvement",
        },
    )


@login_required
@require_POST
def audit_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    audit = _audit(request, pk)
    if action not in (*rules.ACTIONS, "prepare_checklist"):
        raise Http404
    _may_manage(request, audit.agency_id)
    report = None
    if action == "issue_report":
        form = ReportForm(request.POST)
        if not form.is_valid():
            return _detail(request, audit, report_form=form)
        report = checklist.ReportData(**form.cleaned_data)
    try:
        if action == "prepare_checklist":
            count = checklist.checklist_prepare(audit=audit, actor=request.user)
            messages.success(request, _("%(count)s questions prepared.") % {"count": count})
        else:
            checklist.audit_transition(
                audit=audit, action=action, actor=request.user, report=report
            )
            messages.success(request, _("Done."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(audit)


@login_required
@require_POST
def schedule_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    _may_manage(request, audit.agency_id)
    form = _schedule_form(audit, request.POST)
    if form.is_valid():
        try:
            services.schedule_line_add(audit=audit, data=form.data_object(), actor=request.user)
            messages.success(request, _("Added to the audit plan."))
            return redirect(audit)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(audit)
    return _detail(request, audit, schedule_form=form)


@login_required
@require_POST
def schedule_remove_view(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    audit = _audit(request, pk)
    _may_manage(request, audit.agency_id)
    line = get_object_or_404(audit.schedule.select_related("department"), pk=line_id)
    try:
        services.schedule_line_remove(line=line, actor=request.user)
    except DomainError as exc:
        message_errors(request, exc)
    return redirect(audit)


@login_required
def line_record_view(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    audit = _audit(request, pk)
    line = get_object_or_404(selectors.checklist(audit), pk=line_id)
    team = _team_queryset(audit)
    if not (can_manage_qms(request.user, audit.agency_id) or request.user in team):
        raise PermissionDenied
    initial = {
        "result": line.result or "conforming",
        "evidence": line.evidence,
        "note": line.note,
        "auditor": line.auditor or (request.user if request.user in team else audit.lead),
    }
    form = FindingForm(request.POST or None, request.FILES or None, team=team, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checklist.checklist_line_record(
                line=line,
                data=checklist.FindingData(
                    evidence=data["evidence"],
                    result=data["result"],
                    note=data["note"],
                    auditor=data["auditor"],
                ),
                actor=request.user,
                attachment=data["attachment"],
            )
            messages.success(request, _("Saved."))
            return redirect(f"{audit.get_absolute_url()}#line-{line.pk}")
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(audit)
    return render(
        request,
        "improvement/audits_line_form.html",
        {"form": form, "audit": audit, "line": line, "section": "improvement"},
    )


@login_required
def line_file_view(request: HttpRequest, pk: int, line_id: int) -> FileResponse:
    audit = _audit(request, pk)
    line = get_object_or_404(audit.checklist, pk=line_id)
    return download(line.attachment)


@login_required
def report_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    if audit.state not in rules.DONE_STATES:
        raise Http404
    return docx_response(report_docx(audit), f"bao-cao-danh-gia-noi-bo-{audit.pk}.docx")


@login_required
def qualification_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, VIEW)
    agency = agency_in_view(request)
    may_manage = agency is not None and can_manage_qms(request.user, agency.pk)
    form = None
    if may_manage and agency is not None:
        form = QualificationForm(request.POST or None, officials=agency_officials(agency.pk))
        if request.method == "POST" and form.is_valid():
            try:
                services.qualification_record(
                    agency=agency, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("The qualification is recorded."))
                return redirect("improvement:audit_qualifications")
            except ValidationError as exc:
                apply_service_errors(form, exc)
    elif request.method == "POST":
        raise PermissionDenied
    rows = selectors.qualifications(agency.pk) if agency else []
    return render(
        request,
        "improvement/audits_qualifications.html",
        {
            "agency": agency,
            "page": paginate(request, rows),
            "query": query_without_page(request),
            "form": form,
            "today": timezone.localdate(),
            "section": "improvement",
        },
    )


urlpatterns = [
    *audits_templates.urlpatterns,
    path("qms/audits/", programme_list_view, name="audit_programme_list"),
    path("qms/audits/auditors/", qualification_list_view, name="audit_qualifications"),
    path(
        "qms/audits/programmes/<int:pk>/",
        programme_detail_view,
        name="audit_programme_detail",
    ),
    path(
        "qms/audits/programmes/<int:pk>/approve/",
        programme_approve_view,
        name="audit_programme_approve",
    ),
    path("qms/audits/programmes/<int:pk>/new/", audit_create_view, name="audit_create"),
    path("qms/audits/<int:pk>/", audit_detail_view, name="audit_detail"),
    path("qms/audits/<int:pk>/edit/", audit_edit_view, name="audit_edit"),
    path("qms/audits/<int:pk>/report.docx", report_docx_view, name="audit_report_docx"),
    path("qms/audits/<int:pk>/schedule/", schedule_add_view, name="audit_schedule_add"),
    path(
        "qms/audits/<int:pk>/schedule/<int:line_id>/remove/",
        schedule_remove_view,
        name="audit_schedule_remove",
    ),
    path("qms/audits/<int:pk>/lines/<int:line_id>/", line_record_view, name="audit_line"),
    path("qms/audits/<int:pk>/lines/<int:line_id>/file/", line_file_view, name="audit_line_file"),
    path("qms/audits/<int:pk>/<str:action>/", audit_action_view, name="audit_action"),
]
