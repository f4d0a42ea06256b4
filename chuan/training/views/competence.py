"""Screens of competence: for DOST, every agency of the province with its trained internal
auditors by department, whether an ISO secretary was trained, and those with nobody trained
flagged; for an agency, its own trained officials (QĐ 19/2014 Art. 12.4b; TT 26/2014 Art. 7.2c)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import id_param
from chuan.core.permissions import require_perm
from chuan.organisations.models import Agency
from chuan.organisations.scoping import active_membership
from chuan.training import selectors
from chuan.training.permissions import can_manage, can_read_agency
from chuan.training.views.common import home_province

PAGE = 50


@login_required
def competence(request: HttpRequest) -> HttpResponse:
    """DOST's page: the province's agencies, a page at a time, flags first if asked."""
    require_perm(request.user, "training.manage_training")
    province = home_province(request)
    if not can_manage(request.user, province.pk):
        raise PermissionDenied
    nobody_only = request.GET.get("nobody") == "1"
    everyone = selectors.agency_competence(province.pk)
    summary = selectors.competence_summary(everyone)
    rows = [c for c in everyone if c.nobody_trained] if nobody_only else everyone
    page = paginate(request, rows, per_page=PAGE)
    return render(
        request,
        "training/competence.html",
        {
            "page": page,
            "query": query_without_page(request),
            "summary": summary,
            "nobody_only": nobody_only,
            "province": province,
            "section": "training",
        },
    )


@login_required
def agency_competence(request: HttpRequest) -> HttpResponse:
    """An agency's own trained officials (DOST may open any agency of its province)."""
    require_perm(request.user, "training.view_training")
    agency_id = id_param(request.GET.get("agency"))
    membership = active_membership(request.user)
    if agency_id is None:
        if membership is None:
            raise Http404
        agency_id = membership.agency_id
    agency = Agency.objects.select_related("unit").filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    province_id = agency.unit.province_id or agency.unit_id
    if not can_read_agency(request.user, agency.pk, province_id):
        raise Http404
    page = paginate(request, selectors.trained_officials(agency))
    row = selectors.agency_competence(province_id, agencies=Agency.objects.filter(pk=agency.pk))[0]
    return render(
        request,
        "training/agency_competence.html",
        {
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "row": row,
            "section": "training",
        },
    )
