"""Screens of on-site inspections, part two (TT 26/2014/TT-BKHCN Art. 37.2): the list of
decided inspections, the team's page (the thirteen items, each saved on its own by HTMX so
it works on a phone at the agency's office), the requests for correction, the minutes
(Mẫu 21) with their DOCX, and the signing. Everyone who may read the agency's inspections
reads these pages; only the team and DOST's coordinators write (the services check it)."""

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
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.core.word import docx_response
from chuan.inspections import article36, inspection_states
from chuan.inspections.choices import InspectionState, ItemResult
from chuan.inspections.forms_onsite import (
    MinutesForm,
    RequestForm,
    ResultForm,
    SignForm,
    representatives_text,
)
from chuan.inspections.models import Inspection
from chuan.inspections.onsite_minutes import minutes_docx
from chuan.inspections.onsite_permissions import can_read, can_record
from chuan.inspections.selectors import onsite as selectors
from chuan.inspections.services import onsite_results as services

_READ = "inspections.view_inspections"


@login_required
def onsite_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, _READ)
    page = paginate(request, selectors.onsite_list(user=request.user))
    return render(
        request,
        "inspections/onsite/onsite_list.html",
        {"page": page, "query": query_without_page(request)},
    )


def _inspection(request: HttpRequest, pk: int) -> Inspection:
    require_perm(request.user, _READ)
    inspection = selectors.onsite_get(pk=pk)
    if inspection is None or not can_read(request.user, inspection):
        raise Http404
    return inspection


def _editable(request: HttpRequest, inspection: Inspection) -> bool:
    return can_record(request.user, inspection) and inspection_states.can(
        "sign_minutes", inspection.state, inspection.form
    )


@login_required
def onsite_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    editable = _editable(request, inspection)
    groups = selectors.item_rows(inspection)
    answered = sum(1 for _t, rows in groups for row in rows if row.answer and row.answer.result)
    return render(
        request,
        "inspections/onsite/inspection.html",
        {
            "inspection": inspection,
            "visit": inspection.visit,
            "team": inspection.visit.decision.team.all(),
            "groups": groups,
            "answered": answered,
            "total": len(article36.ITEMS),
            "editable": editable,
            "results": ItemResult.choices,
            "request_form": RequestForm(),
            "requests": inspection.requests.all(),
            "minutes": getattr(inspection, "minutes", None),
            "state_label": InspectionState(inspection.state).label,
        },
    )


@login_required
@require_POST
def item_save_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Save one item's result; by HTMX the item's card comes back, else the page."""
    inspection = _inspection(request, pk)
    if code not in article36.CODES:
        raise Http404
    if not can_record(request.user, inspection):
        raise PermissionDenied
    form = ResultForm(request.POST)
    saved = False
    error = ""
    if form.is_valid():
        try:
            services.result_record(
                inspection=inspection, code=code, actor=request.user, **form.cleaned_data
            )
            saved = True
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except DomainError as exc:
            error = exc.message
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            messages.error(request, error)
        return redirect("inspections:onsite_detail", pk=pk)
    fresh = selectors.onsite_get(pk=pk)
    assert fresh is not None
    row = next(r for _t, rows in selectors.item_rows(fresh) for r in rows if r.item.code == code)
    if error:  # what was typed stays on the card with the reason
        row.answer = None
    return render(
        request,
        "inspections/onsite/_item.html",
        {
            "inspection": fresh,
            "row": row,
            "editable": True,
            "results": ItemResult.choices,
            "saved": saved,
            "error": error,
            "typed": request.POST if error else None,
        },
    )


@login_required
@require_POST
def request_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    if not can_record(request.user, inspection):
        raise PermissionDenied
    form = RequestForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        services.request_draft(
            inspection=inspection,
            code=form.cleaned_data["code"],
            text=form.cleaned_data["text"],
            actor=request.user,
        )
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    else:
        messages.success(request, _("The request was added to the minutes."))
    return redirect("inspections:onsite_detail", pk=pk)


@login_required
@require_POST
def request_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    if not can_record(request.user, inspection):
        raise PermissionDenied
    request_id = id_param(request.POST.get("request"))
    target = inspection.requests.filter(pk=request_id).first() if request_id else None
    if target is None:
        raise Http404
    try:
        services.request_remove(request=target, actor=request.user)
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect("inspections:onsite_detail", pk=pk)


@login_required
def minutes_form_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    if not can_record(request.user, inspection):
        raise PermissionDenied
    minutes = getattr(inspection, "minutes", None)
    initial: dict[str, Any] = {"place": inspection.visit.place}
    held = inspection.visit.scheduled_at
    if minutes is not None:
        initial = {
            "place": minutes.place,
            "representatives": representatives_text(minutes.representatives),
            "findings": minutes.findings,
            "conclusion": minutes.conclusion,
            "conclusion_text": minutes.conclusion_text,
            "agency_opinion": minutes.agency_opinion,
        }
        held = minutes.held_at or held
    local = timezone.localtime(held)
    initial.update({"day": local.date(), "time": local.time()})
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_save(
                inspection=inspection,
                data=services.MinutesData(
                    held_at=form.held_at(),
                    place=data["place"],
                    representatives=form.people(),
                    findings=data["findings"],
                    conclusion=data["conclusion"],
                    conclusion_text=data["conclusion_text"],
                    agency_opinion=data["agency_opinion"],
                ),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("inspections:onsite_detail", pk=pk)
    return render(
        request, "inspections/onsite/minutes_form.html", {"form": form, "inspection": inspection}
    )


@login_required
def minutes_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    return docx_response(minutes_docx(inspection), f"bien-ban-kiem-tra-{inspection.pk}.docx")


@login_required
def sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    if not can_record(request.user, inspection):
        raise PermissionDenied
    minutes = getattr(inspection, "minutes", None)
    if minutes is None:
        messages.error(request, _("Write the minutes first."))
        return redirect("inspections:onsite_detail", pk=pk)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_sign(
                minutes=minutes,
                team_head_signed_on=form.cleaned_data["team_head_signed_on"],
                agency_signed_on=form.cleaned_data["agency_signed_on"],
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The minutes are signed; the inspection is concluded."))
            return redirect("inspections:onsite_detail", pk=pk)
    return render(
        request,
        "inspections/onsite/sign_form.html",
        {"form": form, "inspection": inspection, "minutes": minutes},
    )


urlpatterns = [
    path("inspections/onsite/", onsite_list_view, name="onsite_list"),
    path("inspections/onsite/<int:pk>/", onsite_detail_view, name="onsite_detail"),
    path("inspections/onsite/<int:pk>/items/<slug:code>/", item_save_view, name="onsite_item"),
    path("inspections/onsite/<int:pk>/requests/", request_add_view, name="onsite_request_add"),
    path(
        "inspections/onsite/<int:pk>/requests/remove/",
        request_remove_view,
        name="onsite_request_remove",
    ),
    path("inspections/onsite/<int:pk>/minutes/", minutes_form_view, name="onsite_minutes"),
    path("inspections/onsite/<int:pk>/minutes.docx", minutes_docx_view, name="onsite_minutes_docx"),
    path("inspections/onsite/<int:pk>/sign/", sign_view, name="onsite_sign"),
]
