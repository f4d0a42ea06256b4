"""Screens of the register of risks and opportunities (ISO 9001:2015, 6.1): the register
with its heat map, filters and XLSX; an item with its actions and assessment history; new,
edit, re-assess, add and complete an action, treat / close / reopen."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chuan.core.exceptions import DomainError
from chuan.core.exports import Column, XlsxBook, xlsx_response
from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment
from chuan.improvement.forms_risks import (
    ActionForm,
    DoneForm,
    ReassessForm,
    RiskForm,
    TransitionForm,
    filters_from,
)
from chuan.improvement.models import Risk
from chuan.improvement.permissions import can_manage_qms
from chuan.improvement.selectors import risks as selectors
from chuan.improvement.selectors.common import agency_in_view
from chuan.improvement.services import risks as services
from chuan.organisations.models import Agency, Department
from chuan.organisations.selectors import agency_officials
from chuan.procedures.models import InternalProcess

EXPORT_LIMIT = 5000


@login_required
def risk_list_view(request: HttpRequest) -> HttpResponse:
    """The agency's register, most serious first, with the heat map of what is shown."""
    require_perm(request.user, "improvement.view_qms")
    agency = agency_in_view(request)
    filters = filters_from(request.GET)
    today = timezone.localdate()
    risks = selectors.risk_list(
        user=request.user, agency_id=agency.pk if agency else None, filters=filters, today=today
    )
    if request.GET.get("format") == "xlsx":
        return _xlsx(risks[:EXPORT_LIMIT], today, agency)
    page = paginate(request, risks)
    for risk in page.object_list:
        risk.due = selectors.is_due(risk, today)
    # The heat map of the items shown, whatever cell is picked (so the picked one stays lit).
    cell_free = selectors.RiskFilters(**{**filters.__dict__, "likelihood": None, "impact": None})
    heat = selectors.heat_map(
        selectors.risk_filter(
            user=request.user,
            agency_id=agency.pk if agency else None,
            filters=cell_free,
            today=today,
        )
    )
    base = cell_free.query()
    return render(
        request,
        "improvement/risks_list.html",
        {
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "filters": filters,
            "heat": heat,
            "cell_query": urlencode(base),
            "xlsx_query": urlencode({**filters.query(), "format": "xlsx"}),
            "kinds": RiskKind.choices,
            "levels": RiskLevel.choices,
            "treatments": RiskTreatment.choices,
            "states": RiskState.choices,
            "processes": InternalProcess.objects.filter(agency=agency)
            .select_related("procedure")
            .order_by("code", "-edition")
            if agency
            else [],
            "departments": Department.objects.filter(agency=agency).order_by("name")
            if agency
            else [],
            "may_manage": agency is not None and can_manage_qms(request.user, agency.pk),
            "legend": _legend(),
            "section": "improvement",
        },
    )


def _legend() -> list[tuple[str, str, str]]:
    """The levels with the scores each covers, by the thresholds in force."""
    low, medium, high = rules.thresholds()
    spans = [f"≤ {low}", f"{low + 1}–{medium}", f"{medium + 1}–{high}", f"> {high}"]
    return [
        (value, str(label), span)
        for (value, label), span in zip(RiskLevel.choices, spans, strict=True)
    ]


XLSX_COLUMNS = (
    (gettext_lazy("Code"), 13),
    (gettext_lazy("Kind"), 11),
    (gettext_lazy("Internal process"), 18),
    (gettext_lazy("Department"), 20),
    (gettext_lazy("Context issue or interested party"), 24),
    (gettext_lazy("Description"), 40),
    (gettext_lazy("Cause"), 30),
    (gettext_lazy("Consequence"), 30),
    (gettext_lazy("Likelihood"), 10),
    (gettext_lazy("Impact"), 10),
    (gettext_lazy("Score"), 8),
    (gettext_lazy("Risk level"), 11),
    (gettext_lazy("Treatment"), 11),
    (gettext_lazy("Actions"), 40),
    (gettext_lazy("Owner"), 20),
    (gettext_lazy("Treatment due on"), 12),
    (gettext_lazy("State"), 11),
    (gettext_lazy("Assessed on"), 12),
    (gettext_lazy("Next review on"), 12),
    (gettext_lazy("Due for review"), 10),
    (gettext_lazy("Effectiveness of the actions"), 36),
)


def _xlsx(risks: QuerySet[Risk], today: datetime.date, agency: Agency | None) -> HttpResponse:
    """The register with every column, under its title, the agency and the day."""
    title = _("Register of risks and opportunities")
    book = XlsxBook(title=title)
    columns = [Column(str(header), width, wrap=width >= 24) for header, width in XLSX_COLUMNS]
    book.sheet(
        _("Risks and opportunities"),
        columns,
        selectors.export_rows(risks, today),
        before=[[title], [agency.name if agency else ""], [_("As of"), today]],
        auto_filter=True,
    )
    return xlsx_response(book.to_bytes(), "so-rui-ro-co-hoi.xlsx")


def _risk(request: HttpRequest, pk: int) -> Risk:
    require_perm(request.user, "improvement.view_qms")
    risk = selectors.risk_get(user=request.user, pk=pk)
    if risk is None:
        raise Http404
    return risk


def _manager(request: HttpRequest, risk: Risk) -> None:
    if not can_manage_qms(request.user, risk.agency_id):
        raise PermissionDenied


@login_required
def risk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    return _detail(request, risk)


def _detail(
    request: HttpRequest,
    risk: Risk,
    reassess_form: ReassessForm | None = None,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    officials = agency_officials(risk.agency_id)
    may_manage = can_manage_qms(request.user, risk.agency_id)
    live = risk.state in rules.LIVE_STATES
    return render(
        request,
        "improvement/risks_detail.html",
        {
            "risk": risk,
            "due": selectors.is_due(risk, today),
            "process_label": selectors.process_label(risk),
            "assessments": selectors.assessments_of(risk),
            "actions": list(risk.actions.select_related("owner")),
            "may_manage": may_manage,
            "live": live,
            "transitions": rules.allowed_actions(risk.state) if may_manage else [],
            "reassess_form": reassess_form
            or ReassessForm(
                initial={
                    "likelihood": risk.likelihood,
                    "impact": risk.impact,
                    "assessed_on": today,
                }
            ),
            "action_form": action_form or ActionForm(officials=officials),
            "done_form": DoneForm(initial={"done_on": today}),
            "transition_form": TransitionForm(),
            "section": "improvement",
        },
        status=400 if (reassess_form or action_form) else 200,
    )


@login_required
def risk_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "improvement.manage_qms")
    agency = agency_in_view(request)
    if agency is None:
        raise Http404
    if not can_manage_qms(request.user, agency.pk):
        raise PermissionDenied
    form = RiskForm(
        request.POST or None,
        agency_id=agency.pk,
        officials=agency_officials(agency.pk),
        with_assessment=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(
                agency=agency,
                data=form.data_object(),
                assessment=form.assessment(),
                actor=request.user,
            )
            messages.success(request, _("%(code)s was entered in the register.") % {"code": risk})
            return redirect(risk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    return render(
        request,
        "improvement/risks_form.html",
        {"form": form, "agency": agency, "risk": None, "section": "improvement"},
        status=400 if form.is_bound else 200,
    )


@login_required
def risk_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    _manager(request, risk)
    initial = {
        name: getattr(risk, name)
        for name in (
            "kind",
            "process",
            "department",
            "context",
            "description",
            "cause",
            "consequence",
            "treatment",
            "owner",
            "due_on",
            "next_review_on",
        )
    }
    form = RiskForm(
        request.POST or None,
        initial=initial,
        agency_id=risk.agency_id,
        officials=agency_officials(risk.agency_id),
        with_assessment=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(risk=risk, data=form.data_object(), actor=request.user)
            messages.success(request, _("Saved."))
            return redirect(risk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(risk)
    return render(
        request,
        "improvement/risks_form.html",
        {"form": form, "agency": risk.agency, "risk": risk, "section": "improvement"},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def risk_reassess_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    _manager(request, risk)
    form = ReassessForm(request.POST)
    if form.is_valid():
        try:
            services.risk_reassess(
                risk=risk,
                assessment=form.assessment(),
                next_review_on=form.cleaned_data["next_review_on"],
                actor=request.user,
            )
            messages.success(request, _("The new assessment was recorded."))
            return redirect(risk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(risk)
    return _detail(request, risk, reassess_form=form)


@login_required
@require_POST
def risk_action_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk(request, pk)
    _manager(request, risk)
    form = ActionForm(request.POST, officials=agency_officials(risk.agency_id))
    if form.is_valid():
        try:
            services.risk_action_add(
                risk=risk,
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
                actor=request.user,
            )
            messages.success(request, _("The action was added."))
            return redirect(risk)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            message_errors(request, exc)
            return redirect(risk)
    return _detail(request, risk, action_form=form)


@login_required
@require_POST
def risk_action_done_view(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    risk = _risk(request, pk)
    _manager(request, risk)
    action = risk.actions.filter(pk=action_id).first()
    if action is None:
        raise Http404
    form = DoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"done_on": _("Give the day it was done as dd/mm/yyyy.")})
        services.risk_action_done(
            action=action, done_on=form.cleaned_data["done_on"], actor=request.user
        )
        messages.success(request, _("Done."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(risk)


@login_required
@require_POST
def risk_transition_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    risk = _risk(request, pk)
    if action not in rules.TRANSITIONS:
        raise Http404
    _manager(request, risk)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"note": _("Keep the note shorter.")})
        services.risk_transition(
            risk=risk, action=action, note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(request, _("Done."))
    except (ValidationError, DomainError) as exc:
        message_errors(request, exc)
    return redirect(risk)


urlpatterns = [
    path("qms/risks/", risk_list_view, name="risk_list"),
    path("qms/risks/new/", risk_create_view, name="risk_create"),
    path("qms/risks/<int:pk>/", risk_detail_view, name="risk_detail"),
    path("qms/risks/<int:pk>/edit/", risk_edit_view, name="risk_edit"),
    path("qms/risks/<int:pk>/reassess/", risk_reassess_view, name="risk_reassess"),
    path("qms/risks/<int:pk>/actions/", risk_action_add_view, name="risk_action_add"),
    path(
        "qms/risks/<int:pk>/actions/<int:action_id>/done/",
        risk_action_done_view,
        name="risk_action_done",
    ),
    path("qms/risks/<int:pk>/<str:action>/", risk_transition_view, name="risk_transition"),
]
