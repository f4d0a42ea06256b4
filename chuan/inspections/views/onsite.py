"""Screens of on-site inspections, part one (TT 26/2014/TT-BKHCN Arts. 35, 40): DOST's
inspector registry and the inspection decisions (Mẫu 20). The team's page, the minutes and
the signing are in `onsite_team`, whose routes are included here."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.accounts.roles import Role, Scope, user_scope
from chuan.core.exceptions import DomainError
from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.inspections.forms_onsite import ROLE_CHOICES, DecisionForm, InspectorForm
from chuan.inspections.forms_onsite import team_rows as read_team
from chuan.inspections.forms_onsite import visit_rows as read_visits
from chuan.inspections.permissions import can_manage
from chuan.inspections.qualification import missing_qualifications, reasons_text
from chuan.inspections.selectors import onsite as selectors
from chuan.inspections.services import onsite as services
from chuan.inspections.views import onsite_team
from chuan.organisations.scoping import province_family_ids
from chuan.training.choices import AUDITOR_KINDS

_READ = "inspections.view_inspections"


def _dost(request: HttpRequest) -> int:
    """The province of the DOST reader (403 for an agency's official)."""
    require_perm(request.user, _READ)
    if user_scope(request.user) not in {Scope.PROVINCE, Scope.ALL}:
        raise PermissionDenied
    province_id = selectors.user_province_id(request.user)
    if province_id is None:
        raise Http404
    return province_id


def _manager(request: HttpRequest) -> int:
    province_id = _dost(request)
    if not can_manage(request.user, province_id):
        raise PermissionDenied
    return province_id


# --- the registry -------------------------------------------------------------------------


@login_required
def inspector_list_view(request: HttpRequest) -> HttpResponse:
    province_id = _dost(request)
    query = request.GET.get("q", "")[:100]
    page = paginate(request, selectors.inspector_list(user=request.user, query=query))
    today = timezone.localdate()
    rows = [(person, missing_qualifications(person, today)) for person in page.object_list]
    return render(
        request,
        "inspections/onsite/inspector_list.html",
        {
            "page": page,
            "rows": rows,
            "q": query,
            "query": query_without_page(request),
            "may_manage": can_manage(request.user, province_id),
            "today": today,
        },
    )


def _form_choices(province_id: int) -> dict[str, Any]:
    from chuan.accounts.models import User
    from chuan.training.models import Certificate

    family = province_family_ids(province_id)
    accounts = (
        User.objects.filter(
            is_active=True,
            groups__name__in=[Role.INSPECTOR, Role.DOST_COORDINATOR],
            memberships__is_active=True,
        )
        .filter(
            Q(memberships__agency__unit__province_id__in=family)
            | Q(memberships__agency__unit_id__in=family)
        )
        .distinct()
        .order_by("full_name")
    )
    certificates = Certificate.objects.filter(
        course__province_id__in=family, course__kind__in=AUDITOR_KINDS
    ).order_by("holder_name")
    return {"accounts": accounts, "certificates": certificates}


def _inspector_data(form: InspectorForm) -> services.InspectorData:
    return services.InspectorData(**form.cleaned_data)


@login_required
def inspector_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    province_id = _manager(request)
    inspector = None
    initial: dict[str, Any] = {"is_active": True}
    if pk is not None:
        inspector = selectors.inspector_get(user=request.user, pk=pk)
        if inspector is None:
            raise Http404
        initial = {name: getattr(inspector, name) for name in services._INSPECTOR_FIELDS}
    form = InspectorForm(
        request.POST or None,
        initial=initial,
        **_form_choices(inspector.province_id if inspector else province_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if inspector is None:
                from chuan.organisations.models import AdministrativeUnit

                services.inspector_create(
                    province=AdministrativeUnit.objects.get(pk=province_id),
                    data=_inspector_data(form),
                    actor=request.user,
                )
            else:
                services.inspector_update(
                    inspector=inspector, data=_inspector_data(form), actor=request.user
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The registry was saved."))
            return redirect("inspections:inspector_list")
    return render(
        request, "inspections/onsite/inspector_form.html", {"form": form, "inspector": inspector}
    )


# --- decisions ----------------------------------------------------------------------------


@login_required
def decision_list_view(request: HttpRequest) -> HttpResponse:
    province_id = _dost(request)
    page = paginate(request, selectors.decision_list(user=request.user))
    return render(
        request,
        "inspections/onsite/decision_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "may_manage": can_manage(request.user, province_id),
        },
    )


def _registry_rows(province_id: int, data: Any) -> list[dict[str, Any]]:
    today = timezone.localdate()
    rows = []
    for person in selectors.registry_for(province_id)[:300]:
        missing = missing_qualifications(person, today)
        rows.append(
            {
                "inspector": person,
                "missing": reasons_text(missing),
                "role": str(data.get(f"role_{person.pk}", "")) if data else "",
                "unit": str(data.get(f"unit_{person.pk}", person.unit)) if data else person.unit,
            }
        )
    return rows


def _visit_rows(province_id: int, data: Any) -> list[dict[str, Any]]:
    return [
        {
            "inspection": inspection,
            "ticked": bool(data and data.get(f"visit_{inspection.pk}")),
            "day": str(data.get(f"day_{inspection.pk}", ""))[:10] if data else "",
            "time": str(data.get(f"time_{inspection.pk}", "08:00"))[:5] if data else "08:00",
            "place": str(data.get(f"place_{inspection.pk}", ""))[:255] if data else "",
        }
        for inspection in selectors.decidable_inspections(province_id)[:300]
    ]


@login_required
def decision_create_view(request: HttpRequest) -> HttpResponse:
    province_id = _manager(request)
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data)
    registry = _registry_rows(province_id, data)
    visits = _visit_rows(province_id, data)
    refusals: list[str] = []
    if data is not None and form.is_valid():
        team = read_team(data, [row["inspector"] for row in registry])
        schedule, unreadable = read_visits(data, [row["inspection"] for row in visits])
        if unreadable:
            refusals.append(
                _("Write the day (dd/mm/yyyy) and time (hh:mm) of: %(agencies)s.")
                % {"agencies": ", ".join(unreadable)}
            )
        else:
            from chuan.organisations.models import AdministrativeUnit

            try:
                decision = services.decision_issue(
                    province=AdministrativeUnit.objects.get(pk=province_id),
                    data=services.DecisionData(
                        **form.cleaned_data,
                        team=[services.TeamEntry(p, role, unit) for p, role, unit in team],
                        visits=[services.Visit(i, at, place) for i, at, place in schedule],
                    ),
                    actor=request.user,
                )
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    if name in form.fields:
                        for error in errors:
                            form.add_error(name, error)
                    else:
                        refusals.extend(errors)
            except DomainError as exc:
                refusals.append(exc.message)
            else:
                messages.success(request, _("The decision was recorded; the team may start."))
                return redirect("inspections:decision_detail", pk=decision.pk)
    return render(
        request,
        "inspections/onsite/decision_form.html",
        {
            "form": form,
            "registry": registry,
            "visits": visits,
            "refusals": refusals,
            "role_choices": ROLE_CHOICES,
        },
    )


@login_required
def decision_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _dost(request)
    decision = selectors.decision_get(user=request.user, pk=pk)
    if decision is None:
        raise Http404
    return render(request, "inspections/onsite/decision_detail.html", {"decision": decision})


urlpatterns = [
    path("inspections/inspectors/", inspector_list_view, name="inspector_list"),
    path("inspections/inspectors/new/", inspector_form_view, name="inspector_create"),
    path("inspections/inspectors/<int:pk>/", inspector_form_view, name="inspector_edit"),
    path("inspections/decisions/", decision_list_view, name="decision_list"),
    path("inspections/decisions/new/", decision_create_view, name="decision_create"),
    path("inspections/decisions/<int:pk>/", decision_detail_view, name="decision_detail"),
    *onsite_team.urlpatterns,
]
