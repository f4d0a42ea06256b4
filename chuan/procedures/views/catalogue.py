"""Screens of the procedure catalogue: search and browse, a procedure with its versions and
the internal processes of the agencies the user sees, and adding or revising a procedure."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.accounts.roles import Scope, user_scope
from chuan.core.forms import apply_service_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.organisations.choices import UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import active_membership, user_province_ids
from chuan.procedures import selectors, services
from chuan.procedures.forms import ComponentFormSet, ProcedureForm, components_of
from chuan.procedures.models import Field, Procedure, ProcedureVersion
from chuan.procedures.permissions import may_edit_catalogue, may_edit_process


def catalogue_province(user: Any) -> AdministrativeUnit | None:
    """The province whose catalogue the user keeps: their agency's, in the list in force."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    if user_scope(user) == Scope.ALL:
        membership = active_membership(user)
        if membership is None:
            return None
        unit = membership.agency.unit
        return provinces.filter(pk=unit.province_id or unit.pk).first()
    return (
        provinces.filter(pk__in=user_province_ids(user), unit_set=UnitSet.REFORM_2025).first()
        or provinces.filter(pk__in=user_province_ids(user)).first()
    )


@login_required
def catalogue_view(request: HttpRequest) -> HttpResponse:
    """The procedures in force today, searched without diacritics and filtered."""
    require_perm(request.user, "procedures.view_procedure")
    query = request.GET.get("q", "")[:100]
    field_id = id_param(request.GET.get("field"))
    level = request.GET.get("level", "")
    level = level if level in UnitLevel.values else ""
    today = timezone.localdate()
    versions = selectors.catalogue_versions(
        user=request.user, on=today, query=query, field_id=field_id, level=level
    )
    province = catalogue_province(request.user)
    return render(
        request,
        "procedures/catalogue.html",
        {
            "page": paginate(request, versions),
            "query": query_without_page(request),
            "q": query,
            "field_id": field_id,
            "level": level,
            "fields": Field.objects.order_by("name"),
            "levels": UnitLevel.choices,
            "may_edit": province is not None and may_edit_catalogue(request.user, province),
        },
    )


def procedure_or_404(request: HttpRequest, pk: int) -> Procedure:
    procedure = selectors.procedure_get(user=request.user, pk=pk)
    if procedure is None:
        raise Http404
    return procedure


@login_required
def procedure_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A procedure as in force today (or the version asked for), its history, and the
    internal processes of the agencies the user sees with their time against the law."""
    require_perm(request.user, "procedures.view_procedure")
    procedure = procedure_or_404(request, pk)
    today = timezone.localdate()
    versions = selectors.procedure_versions(procedure)
    asked = id_param(request.GET.get("version"))
    current = next((v for v in versions if selectors.in_force(v, today)), versions[0])
    shown = next((v for v in versions if v.number == asked), current) if asked else current
    processes: list[dict[str, Any]] = []
    for process in selectors.procedure_processes(user=request.user, procedure=procedure):
        steps = list(process.steps.all())
        processes.append(
            {
                "process": process,
                "steps": steps,
                "fit": selectors.process_time_fit(process, current, steps),
                "current": selectors.process_is_current(process, today),
            }
        )
    membership = active_membership(request.user)
    return render(
        request,
        "procedures/procedure_detail.html",
        {
            "procedure": procedure,
            "version": shown,
            "current": current,
            "versions": versions,
            "processes": processes,
            "may_edit": may_edit_catalogue(request.user, procedure.province_id),
            "may_add_process": membership is not None
            and membership.agency.level in current.level_list
            and may_edit_process(request.user, membership.agency)
            and not any(p["process"].agency_id == membership.agency_id for p in processes),
            "agency": membership.agency if membership else None,
        },
    )


def _procedure_form_view(
    request: HttpRequest, procedure: Procedure | None, base: ProcedureVersion | None
) -> HttpResponse:
    province = catalogue_province(request.user) if procedure is None else procedure.province
    if province is None or not may_edit_catalogue(request.user, province):
        raise PermissionDenied
    if request.method == "POST":
        form = ProcedureForm(request.POST, with_code=procedure is None)
        formset = ComponentFormSet(request.POST, prefix="components")
        if form.is_valid() and formset.is_valid():
            data = form.data_object(components_of(formset))
            try:
                if procedure is None:
                    version = services.procedure_create(
                        province=province,
                        code=form.cleaned_data["code"],
                        data=data,
                        actor=request.user,
                    )
                    messages.success(request, _("The procedure was added to the catalogue."))
                else:
                    version = services.procedure_revise(
                        procedure=procedure, data=data, actor=request.user
                    )
                    messages.success(request, _("A new version of the procedure was made."))
                return redirect(version.procedure)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        initial: dict[str, Any] = {"levels": [], "time_unit": "working_days"}
        components: list[dict[str, Any]] = []
        if base is not None:
            initial = {
                name: getattr(base, name)
                for name in (
                    "name",
                    "time_amount",
                    "time_unit",
                    "time_note",
                    "fee",
                    "fee_amount",
                    "result",
                    "online_level",
                    "cross_boundary",
                )
            }
            initial |= {
                "field_name": base.field.name,
                "levels": base.level_list,
                "legal_basis": "\n".join(d.symbol for d in base.legal_basis.all()),
            }
            components = [
                {
                    "name": c.name,
                    "originals": c.originals,
                    "certified_copies": c.certified_copies,
                    "photocopies": c.photocopies,
                    "required": c.required,
                }
                for c in base.components.all()
            ]
        form = ProcedureForm(initial=initial, with_code=procedure is None)
        formset = ComponentFormSet(initial=components, prefix="components")
    return render(
        request,
        "procedures/procedure_form.html",
        {
            "form": form,
            "formset": formset,
            "procedure": procedure,
            "province": province,
            "field_names": Field.objects.values_list("name", flat=True),
        },
    )


@login_required
def procedure_create_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "procedures.change_procedure")
    return _procedure_form_view(request, None, None)


@login_required
def procedure_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "procedures.change_procedure")
    procedure = procedure_or_404(request, pk)
    return _procedure_form_view(request, procedure, procedure.versions.first())
