"""The home of DOST's year: DOST's dashboard of its province (plan progress against the third
on site of TT 26/2014 Art. 33, reports received, corrective actions awaiting acceptance,
training coverage) with its XLSX, and, for an agency's own officials, their inspections and
requests for correction."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.db_router import reads_from_replica
from chuan.core.exports import Column, XlsxBook, xlsx_response
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.inspections.permissions import can_manage
from chuan.inspections.selectors.dashboard import (
    Dashboard,
    agency_inspections,
    agency_requests,
    dashboard_province,
    dost_dashboard,
)
from chuan.inspections.selectors.reports import report_list
from chuan.organisations.scoping import active_membership


def _year(request: HttpRequest) -> int:
    return int_param(request.GET.get("year"), minimum=2000, maximum=2100) or (
        timezone.localdate().year
    )


def _dashboard(request: HttpRequest) -> Dashboard | None:
    province = dashboard_province(request.user, int_param(request.GET.get("province"), minimum=1))
    if province is None:
        return None
    return dost_dashboard(province=province, year=_year(request), today=timezone.localdate())


@login_required
@permission_required("inspections.view_inspections", raise_exception=True)
@reads_from_replica()
def home(request: HttpRequest) -> HttpResponse:
    dashboard = _dashboard(request)
    if dashboard is not None:
        reports = list(report_list(user=request.user, year=dashboard.year)[:4])
        return render(
            request,
            "inspections/home.html",
            {
                "dashboard": dashboard,
                "reports": reports,
                "may_manage": can_manage(request.user, dashboard.province.pk),
                "years": range(dashboard.today.year + 1, dashboard.today.year - 9, -1),
                "section": "inspections",
            },
        )
    membership = active_membership(request.user)
    agency = membership.agency if membership is not None else None
    page = paginate(request, agency_inspections(agency.pk) if agency else [], per_page=20)
    requests = list(agency_requests(agency.pk)[:50]) if agency else []
    return render(
        request,
        "inspections/home_agency.html",
        {
            "agency": agency,
            "page": page,
            "query": query_without_page(request),
            "requests": requests,
            "today": timezone.localdate(),
            "section": "inspections",
        },
    )


@login_required
@permission_required("inspections.view_inspections", raise_exception=True)
@reads_from_replica()
def home_export(request: HttpRequest) -> HttpResponse:
    dashboard = _dashboard(request)
    if dashboard is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    book = XlsxBook(title=_("DOST's dashboard"))
    plan, reports, training = dashboard.plan, dashboard.reports, dashboard.training
    heading = [[f"{dashboard.province.name} — {_('year')} {dashboard.year}"]]
    figure = [Column(_("Figure"), 50), Column(_("Value"), 14)]
    book.sheet(
        _("Overview"),
        figure,
        [
            [_("Agencies in the plan"), plan.lines],
            [_("Inspections done"), plan.done],
            [_("Inspections due"), plan.due],
            [_("Inspections late"), plan.late],
            [_("On site"), plan.on_site],
            [_("On site needed (one third)"), plan.on_site_needed],
            [_("Reports requested"), reports.requested],
            [_("Reports received"), reports.answered],
            [_("Reports late"), reports.late],
            [_("Corrective actions awaiting acceptance"), dashboard.awaiting_acceptance],
            [_("Requests for correction overdue"), dashboard.requests_overdue],
            [_("Agencies"), training.agencies],
            [_("With a trained internal auditor"), training.auditor],
            [_("With a trained ISO secretary"), training.secretary],
            [_("With nobody trained"), training.nobody],
        ],
        before=heading,
    )
    book.sheet(
        _("Training coverage"),
        [
            Column(_("Agency"), 50),
            Column(_("Internal auditors"), 16),
            Column(_("ISO secretaries"), 16),
            Column(_("Nobody trained"), 16),
        ],
        [
            [name, auditors, secretaries, _("Yes") if nobody else ""]
            for name, auditors, secretaries, nobody in training.rows
        ],
        before=heading,
    )
    return xlsx_response(book.to_bytes(), f"dashboard-dost-{dashboard.year}.xlsx")


urlpatterns = [
    path("inspections/", home, name="home"),
    path("inspections/dashboard.xlsx", home_export, name="home_export"),
]
