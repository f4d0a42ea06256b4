"""Screens of the unit and agency registry: thin adapters over selectors and services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.accounts.roles import Role, grantable_roles
from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.permissions import require_perm
from chuan.organisations import selectors, services
from chuan.organisations.choices import AgencyKind, UnitLevel, UnitSet
from chuan.organisations.forms import AgencyForm, AgencyImportForm, DepartmentForm, OfficialForm
from chuan.organisations.imports import ImportFileError, agencies_import, build_preview, read_table
from chuan.organisations.models import Agency
from chuan.organisations.permissions import (
    can_add_department,
    can_change_agency,
    can_place_agency_on_unit,
    can_register_official,
)
from chuan.organisations.scoping import visible_agencies

IMPORT_SESSION_KEY = "chuan_agency_import"


def _unit_set(request: HttpRequest) -> str:
    value = request.GET.get("set", "")
    return value if value in UnitSet.values else UnitSet.REFORM_2025


@login_required
def unit_browser_view(request: HttpRequest) -> HttpResponse:
    """Provinces of a list, or units matching a search, diacritics ignored."""
    require_perm(request.user, "organisations.view_administrativeunit")
    unit_set = _unit_set(request)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        units: Any = selectors.unit_search(query=query, unit_set=unit_set)
    else:
        units = selectors.unit_roots(unit_set=unit_set)
    return render(
        request,
        "organisations/unit_browser.html",
        {
            "page": paginate(request, units),
            "query": query_without_page(request),
            "q": query,
            "unit_set": unit_set,
            "unit_sets": [
                (UnitSet.LEGACY, _("Before 01/07/2025")),
                (UnitSet.REFORM_2025, _("Since 01/07/2025")),
            ],
        },
    )


@login_required
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "organisations.view_administrativeunit")
    unit = selectors.unit_get(pk=pk)
    if unit is None:
        raise Http404
    agencies = selectors.agency_list(user=request.user).filter(unit=unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "breadcrumbs": selectors.unit_breadcrumbs(unit),
            "lineage": selectors.unit_lineage(unit),
            "page": paginate(request, selectors.unit_children(unit=unit, user=request.user)),
            "query": query_without_page(request),
            "agencies": list(agencies[:50]),
        },
    )


@login_required
def unit_pick_view(request: HttpRequest) -> HttpResponse:
    """Search results for the unit picker of the agency form (an HTMX fragment)."""
    require_perm(request.user, "organisations.view_administrativeunit")
    query = request.GET.get("unit_q", "").strip()[:100]
    units = list(selectors.unit_search(query=query)[:12]) if len(query) >= 2 else []
    return render(request, "organisations/_unit_pick_results.html", {"units": units, "q": query})


@login_required
def agency_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "organisations.view_agency")
    kind = request.GET.get("kind", "")
    level = request.GET.get("level", "")
    agencies = selectors.agency_list(
        user=request.user,
        query=request.GET.get("q", "")[:100],
        kind=kind if kind in AgencyKind.values else "",
        level=level if level in UnitLevel.values else "",
    )
    return render(
        request,
        "organisations/agency_list.html",
        {
            "page": paginate(request, agencies),
            "query": query_without_page(request),
            "q": request.GET.get("q", ""),
            "kind": kind,
            "level": level,
            "kinds": AgencyKind.choices,
            "levels": UnitLevel.choices,
        },
    )


def _visible_agency(request: HttpRequest, pk: int) -> Agency:
    agency = selectors.agency_get(user=request.user, pk=pk)
    if agency is None:
        raise Http404
    return agency


@login_required
def agency_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    require_perm(request.user, "organisations.view_agency")
    children = visible_agencies(request.user).filter(parent=agency).order_by("search_name")
    return render(
        request,
        "organisations/agency_detail.html",
        {
            "agency": agency,
            "departments": list(selectors.agency_departments(agency)),
            "members": list(
                agency.memberships.filter(is_active=True).select_related("user", "department")[:50]
            ),
            "children": list(children.select_related("unit")[:50]),
            "child_count": children.count(),
            "can_change": can_change_agency(request.user, agency),
            "can_add_department": can_add_department(request.user, agency),
            "can_register_official": can_register_official(request.user, agency),
            "department_form": DepartmentForm(),
        },
    )


@login_required
def agency_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "organisations.add_agency")
    parents = (
        visible_agencies(request.user).exclude(level=UnitLevel.COMMUNE).order_by("search_name")
    )
    form = AgencyForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        if not can_place_agency_on_unit(request.user, data.unit):
            form.add_error("unit", _("You cannot register agencies on this unit."))
        else:
            try:
                agency = services.agency_create(data=data, actor=request.user)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The agency was registered."))
                return redirect("organisations:agency_detail", pk=agency.pk)
    return render(
        request,
        "organisations/agency_form.html",
        {"form": form, "unit": form.unit_obj, "agency": None},
    )


@login_required
def agency_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    if not can_change_agency(request.user, agency):
        raise PermissionDenied
    # The current parent stays choosable even when it lies outside the editor's reach.
    parents = (
        Agency.objects.filter(
            Q(pk__in=visible_agencies(request.user).exclude(level=UnitLevel.COMMUNE).values("pk"))
            | Q(pk=agency.parent_id)
        )
        .exclude(pk=agency.pk)
        .order_by("search_name")
    )
    form = AgencyForm(
        request.POST or None, initial=AgencyForm.initial_from(agency), parents=parents
    )
    unit = agency.unit
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        unit = data.unit
        if data.unit.pk != agency.unit_id and not can_place_agency_on_unit(request.user, unit):
            form.add_error("unit", _("You cannot move agencies to this unit."))
        else:
            try:
                services.agency_update(agency=agency, data=data, actor=request.user)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("organisations:agency_detail", pk=agency.pk)
    return render(
        request,
        "organisations/agency_form.html",
        {"form": form, "unit": form.unit_obj or unit, "agency": agency},
    )


@login_required
def official_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an account for a new official of the agency, with roles and department."""
    agency = _visible_agency(request, pk)
    if not can_register_official(request.user, agency):
        raise PermissionDenied
    roles = [(role, Role(role).label) for role in grantable_roles(request.user)]
    form = OfficialForm(request.POST or None, agency=agency, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.official_register(
                agency=agency,
                department=data.get("department"),
                position=data.get("position") or "",
                username=data["username"],
                full_name=data["full_name"],
                password=data["password"],
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                roles=list(data["roles"]),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The account %(username)s was opened.") % {"username": data["username"]},
            )
            return redirect("organisations:agency_detail", pk=agency.pk)
    return render(request, "organisations/official_form.html", {"form": form, "agency": agency})


@login_required
@require_POST
def department_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    if not can_add_department(request.user, agency):
        raise PermissionDenied
    form = DepartmentForm(request.POST)
    if form.is_valid():
        try:
            services.department_create(
                agency=agency, name=form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("The department was added."))
    else:
        for message in form.errors.get("name", []):
            messages.error(request, str(message))
    return redirect("organisations:agency_detail", pk=agency.pk)


@login_required
def agency_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → preview of every row → confirm; nothing is written unless all rows are valid."""
    require_perm(request.user, "organisations.import_agencies")
    context: dict[str, Any] = {}
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("organisations:agency_import")
        try:
            preview, created = agencies_import(
                table=stored["table"], unit_set=stored["unit_set"], actor=request.user
            )
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("organisations:agency_import")
        if created:
            del request.session[IMPORT_SESSION_KEY]
            messages.success(request, _("%(n)s agencies were imported.") % {"n": len(created)})
            return redirect("organisations:agency_list")
        context["preview"] = preview
        form = AgencyImportForm()
    else:
        form = AgencyImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            # A new upload replaces whatever an earlier preview left to confirm.
            request.session.pop(IMPORT_SESSION_KEY, None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            unit_set = form.cleaned_data["unit_set"]
            try:
                table = read_table(upload, upload.name)
                preview = build_preview(table, unit_set=unit_set, user=request.user)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                context["preview"] = preview
                if preview.is_valid:
                    request.session[IMPORT_SESSION_KEY] = {"table": table, "unit_set": unit_set}
    context["form"] = form
    return render(request, "organisations/agency_import.html", context)
