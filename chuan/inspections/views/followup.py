"""Screens of what follows an inspection's conclusion (TT 26/2014 Arts. 37.3–37.4, 39):
DOST's follow-up list and the agency's "requests from DOST", one request with its report,
evidence, history and DOST's decision, the agency's report form, and the inspection file
with its close button. Thin: the services decide and refuse."""

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

from chuan.accounts.roles import Scope, user_scope
from chuan.core.exceptions import DomainError
from chuan.core.files import download
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param, int_param
from chuan.core.permissions import require_perm
from chuan.inspections.choices import InspectionState, RequestState
from chuan.inspections.forms_followup import FileItemForm, RefuseForm, ReportForm
from chuan.inspections.models import CorrectionRequest, Inspection
from chuan.inspections.permissions import (
    can_manage,
    can_read_agency_inspections,
    can_read_province,
)
from chuan.inspections.request_states import AWAITING_AGENCY, can
from chuan.inspections.selectors import followup as selectors
from chuan.inspections.services import followup as services
from chuan.inspections.services import followup_file as file_services
from chuan.organisations.scoping import active_membership, visible_agencies

VIEW = "inspections.view_inspections"


def _filters(request: HttpRequest) -> selectors.RequestFilters:
    get = request.GET
    state = get.get("state", "")
    return selectors.RequestFilters(
        state=state if state in RequestState.values else "",
        agency_id=id_param(get.get("agency")),
        year=int_param(get.get("year"), minimum=2000, maximum=2100),
        overdue=get.get("overdue") == "1",
    )


def _years(today: Any) -> range:
    return range(today.year, today.year - 6, -1)


@login_required
def followup_list(request: HttpRequest) -> HttpResponse:
    """DOST's follow-up: reports awaiting acceptance first, then overdue requests."""
    require_perm(request.user, VIEW)
    if user_scope(request.user) not in {Scope.PROVINCE, Scope.ALL}:
        raise PermissionDenied
    today = timezone.localdate()
    filters = _filters(request)
    requests = selectors.followup_list(user=request.user, filters=filters, today=today)
    inspection_id = id_param(request.GET.get("inspection"))
    if inspection_id:
        requests = requests.filter(inspection_id=inspection_id)
    page = paginate(request, requests)
    agencies = (
        visible_agencies(request.user)
        .filter(
            pk__in=CorrectionRequest.objects.exclude(state=RequestState.DRAFT).values(
                "inspection__agency_id"
            )
        )
        .order_by("name")
        .only("pk", "name")
    )
    return render(
        request,
        "inspections/followup/list.html",
        {
            "section": "inspections",
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "states": [c for c in RequestState.choices if c[0] != RequestState.DRAFT],
            "agencies": agencies,
            "years": _years(today),
            "today": today,
            "awaiting": AWAITING_AGENCY,
        },
    )


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    """The agency's requests from DOST: what it still owes first, overdue first."""
    require_perm(request.user, VIEW)
    membership = active_membership(request.user)
    agency_id = id_param(request.GET.get("agency")) or (
        membership.agency_id if membership else None
    )
    if agency_id is None or not can_read_agency_inspections(request.user, agency_id):
        raise PermissionDenied
    today = timezone.localdate()
    filters = _filters(request)
    filters.agency_id = None
    requests = selectors.agency_requests(agency_id=agency_id, filters=filters, today=today)
    page = paginate(request, requests)
    agency = visible_agencies(request.user).filter(pk=agency_id).only("pk", "name").first()
    return render(
        request,
        "inspections/followup/agency_list.html",
        {
            "section": "inspections",
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "states": [c for c in RequestState.choices if c[0] != RequestState.DRAFT],
            "years": _years(today),
            "today": today,
            "awaiting": AWAITING_AGENCY,
        },
    )


def _request(request: HttpRequest, pk: int) -> CorrectionRequest:
    require_perm(request.user, VIEW)
    found = selectors.request_get(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return found


def _detail_url(item: CorrectionRequest) -> str:
    return reverse("inspections:followup_detail", args=[item.pk])


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: the agency's report and evidence, its history, DOST's decision forms."""
    item = _request(request, pk)
    user = request.user
    today = timezone.localdate()
    may_report = selectors.may_report(user, item) and item.state in AWAITING_AGENCY
    may_decide = selectors.may_decide(user, item) and can("accept", item.state)
    return render(
        request,
        "inspections/followup/detail.html",
        {
            "section": "inspections",
            "item": item,
            "inspection": item.inspection,
            "actions": list(item.actions.all()),
            "history": selectors.request_history(item),
            "may_report": may_report,
            "may_decide": may_decide,
            "is_dost": can_read_province(user, item.inspection.province_id),
            "overdue": item.state in AWAITING_AGENCY and item.due_on and item.due_on < today,
            "late": item.reported_at
            and item.due_on
            and timezone.localdate(item.reported_at) > item.due_on,
            "refuse_form": RefuseForm(initial={"notice_date": today}),
            "today": today,
        },
    )


@login_required
def report_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency's corrective-action report, pre-filled from its register."""
    item = _request(request, pk)
    if not selectors.may_report(request.user, item):
        raise PermissionDenied
    if item.state not in AWAITING_AGENCY:
        messages.error(request, _("This request is not waiting for the agency's report."))
        return redirect(_detail_url(item))
    done = selectors.nc_done_actions(item)
    choices = [(a.pk, a.description) for a in done]
    initial = {
        "text": selectors.report_prefill(item),
        "actions": [str(a.pk) for a in done],
    }
    form = ReportForm(
        request.POST or None, request.FILES or None, action_choices=choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        chosen = {str(a.pk): a for a in done}
        try:
            services.correction_report(
                request=item,
                text=form.cleaned_data["text"],
                evidence_file=form.cleaned_data["evidence_file"],
                actions=[chosen[pk] for pk in form.cleaned_data["actions"] if pk in chosen],
                actor=request.user,
            )
            messages.success(request, _("The corrective-action report was sent to DOST."))
            return redirect(_detail_url(item))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(_detail_url(item))
    today = timezone.localdate()
    return render(
        request,
        "inspections/followup/report.html",
        {
            "section": "inspections",
            "item": item,
            "form": form,
            "has_actions": bool(done),
            "late": item.due_on is not None and today > item.due_on,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """DOST accepts the report or refuses it with a notice (posted from the request page)."""
    item = _request(request, pk)
    if step not in ("accept", "refuse"):
        raise Http404
    if not selectors.may_decide(request.user, item):
        raise PermissionDenied
    try:
        if step == "accept":
            services.correction_accept(request=item, actor=request.user)
            messages.success(request, _("The corrective action was accepted."))
        else:
            form = RefuseForm(request.POST)
            if not form.is_valid():
                message_errors(request, ValidationError(list(form.errors.values())))
                return redirect(_detail_url(item))
            services.correction_refuse(
                request=item,
                notice_number=form.cleaned_data["notice_number"],
                notice_date=form.cleaned_data["notice_date"],
                reasons=form.cleaned_data["reasons"],
                actor=request.user,
            )
            messages.success(request, _("The notice of non-acceptance was sent to the agency."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(_detail_url(item))


@login_required
def evidence(request: HttpRequest, pk: int) -> Any:
    return download(_request(request, pk).report_evidence)


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    require_perm(request.user, VIEW)
    inspection = Inspection.objects.select_related("agency", "province").filter(pk=pk).first()
    if inspection is None or not (
        can_read_province(request.user, inspection.province_id)
        or can_read_agency_inspections(request.user, inspection.agency_id)
    ):
        raise Http404
    if not can_read_province(request.user, inspection.province_id):
        raise PermissionDenied  # the file is DOST's (Art. 39)
    return inspection


@login_required
def inspection_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The Article 39 checklist of one inspection, with the close button."""
    inspection = _inspection(request, pk)
    may_manage = can_manage(request.user, inspection.province_id)
    form = FileItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                file_services.file_item_record(
                    inspection=inspection,
                    kind=form.cleaned_data["kind"],
                    file=form.cleaned_data["file"],
                    link=form.cleaned_data["link"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
                messages.success(request, _("The document was recorded in the file."))
                return redirect("inspections:followup_file", pk=inspection.pk)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except DomainError as exc:
                message_errors(request, exc)
    rows = selectors.inspection_file(inspection)
    missing, pending = selectors.close_blockers(inspection)
    return render(
        request,
        "inspections/followup/file.html",
        {
            "section": "inspections",
            "inspection": inspection,
            "rows": rows,
            "form": form,
            "may_manage": may_manage and inspection.state != InspectionState.CLOSED,
            "may_close": may_manage and inspection.state == InspectionState.CONCLUDED,
            "missing": missing,
            "pending": pending,
        },
    )


@login_required
@require_POST
def inspection_close(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    if not can_manage(request.user, inspection.province_id):
        raise PermissionDenied
    try:
        file_services.inspection_close(inspection=inspection, actor=request.user)
        messages.success(request, _("The inspection was closed."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect("inspections:followup_file", pk=inspection.pk)


urlpatterns: list[URLPattern] = [
    path("inspections/followup/", followup_list, name="followup_list"),
    path("inspections/followup/agency/", agency_list, name="followup_agency"),
    path("inspections/followup/<int:pk>/", request_detail, name="followup_detail"),
    path("inspections/followup/<int:pk>/report/", report_form, name="followup_report"),
    path("inspections/followup/<int:pk>/evidence/", evidence, name="followup_evidence"),
    path("inspections/followup/<int:pk>/<str:step>/", decide, name="followup_decide"),
    path("inspections/file/<int:pk>/", inspection_file, name="followup_file"),
    path("inspections/file/<int:pk>/close/", inspection_close, name="followup_close"),
]
