"""Screens of who inspects in a province (TT 26/2014 Art. 34; since 2025 a Sub-Department,
a division of DOST or DOST itself): the arrangements by date, a new one, ending one."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.core.forms import apply_service_errors, message_errors
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.inspections import permissions
from chuan.inspections.forms_plans import ArrangementForm, EndForm
from chuan.inspections.models import InspectingArrangement
from chuan.inspections.selectors import plans as selectors
from chuan.inspections.services import plans_units as services


def _province(request: HttpRequest) -> Any:
    provinces = selectors.provinces_for(request.user)
    asked = id_param(request.GET.get("province"))
    chosen = provinces.filter(pk=asked).first() if asked else None
    province = chosen or provinces.first()
    if province is None or not permissions.can_read_province(request.user, province.pk):
        raise Http404
    return province, provinces


def _list_url(province_id: int) -> str:
    return f"{reverse('inspections:arrangement_list')}?province={province_id}"


@login_required
def arrangement_list_view(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "inspections.view_inspections")
    province, provinces = _province(request)
    manage = permissions.can_manage(request.user, province.pk)
    form = ArrangementForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.arrangement_create(
                    province=province, data=form.arrangement_data(), actor=request.user
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Who inspects was recorded."))
                return redirect(_list_url(province.pk))
    return render(
        request,
        "inspections/plans/arrangements.html",
        {
            "province": province,
            "provinces": provinces,
            "page": paginate(request, selectors.arrangement_list(province)),
            "query": query_without_page(request),
            "form": form,
            "end_form": EndForm(),
            "may_manage": manage,
            "section": "inspections",
        },
    )


@login_required
@require_POST
def arrangement_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "inspections.manage_inspections")
    arrangement = InspectingArrangement.objects.filter(pk=pk).first()
    if arrangement is None or not permissions.can_read_province(
        request.user, arrangement.province_id
    ):
        raise Http404
    if not permissions.can_manage(request.user, arrangement.province_id):
        raise PermissionDenied
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.arrangement_end(
                arrangement=arrangement, valid_to=form.cleaned_data["valid_to"], actor=request.user
            )
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("The arrangement was ended."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(_list_url(arrangement.province_id))


urlpatterns: list[URLPattern] = [
    path("inspections/who-inspects/", arrangement_list_view, name="arrangement_list"),
    path("inspections/who-inspects/<int:pk>/end/", arrangement_end_view, name="arrangement_end"),
]
