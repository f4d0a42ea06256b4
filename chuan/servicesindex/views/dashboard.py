"""The 766 index screens: the month's six groups and their points with a twelve-month trend,
the province's agencies (DOST), the dossiers behind a figure, and the workbook."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.exports import xlsx_response
from chuan.core.pagination import paginate, query_without_page
from chuan.core.params import int_param
from chuan.core.permissions import require_perm
from chuan.servicesindex import selectors
from chuan.servicesindex.exports import index_workbook

DRILL_LABELS = {
    "late": _("Late: finished late, or still running past the due time at the month's end"),
    "online": _("Received online"),
    "not_digitised": _("Received without a digitised paper"),
    "no_result_file": _("Finished without a result file"),
    "dislike": _('With feedback or a "not satisfied" rating'),
}


def _month(request: HttpRequest) -> datetime.date:
    """The month asked for (`year`, `month`), at most the current one; the current by
    default."""
    today = timezone.localdate()
    year = int_param(request.GET.get("year"), minimum=2018, maximum=today.year)
    month = int_param(request.GET.get("month"), minimum=1, maximum=12)
    if year is None or month is None:
        return today.replace(day=1)
    return min(datetime.date(year, month, 1), today.replace(day=1))


def _view(request: HttpRequest) -> selectors.View:
    require_perm(request.user, "dossiers.view_dossier")
    agency_id = int_param(request.GET.get("agency"), minimum=1)
    if request.GET.get("agency") and agency_id is None:
        raise Http404
    view = selectors.index_view(user=request.user, agency_id=agency_id)
    if view is None:
        raise Http404
    return view


def _chart(trend: list[Any]) -> dict[str, Any]:
    return {
        "labels": [f"{one.month:%m/%Y}" for one in trend],
        "totals": [float(round(one.points, 1)) for one in trend],
        "groups": [
            {
                "label": str(result.group.label),
                "points": [
                    float(round(one.groups[i].points, 1))
                    if one.groups[i].points is not None
                    else None
                    for one in trend
                ],
            }
            for i, result in enumerate(trend[-1].groups)
            if result.available
        ],
        "totalLabel": str(_("Total points")),
    }


@login_required
def index_dashboard_view(request: HttpRequest) -> HttpResponse:
    """The month's index for the user's scope, its trend, and DOST's agencies."""
    view = _view(request)
    month = _month(request)
    trend = selectors.trend(view, month)
    index = trend[-1]
    agencies = (
        selectors.agencies_index(view, month)
        if view.agency is None and view.may_drill_agencies
        else []
    )
    title = _("Service index (decision 766/QĐ-TTg)")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            index_workbook(title=title, index=index, trend=trend, agencies=agencies),
            f"chi-so-766-{month:%Y-%m}.xlsx",
        )
    return render(
        request,
        "servicesindex/dashboard.html",
        {
            "view": view,
            "index": index,
            "month": month,
            "month_numbers": range(1, 13),
            "years": list(range(timezone.localdate().year, 2017, -1)),
            "averages": sorted(
                index.averages, key=lambda a: (a.within, -(a.average / (a.statutory or 1)))
            )[:20],
            "agencies": paginate(request, agencies, per_page=50) if agencies else None,
            "chart": _chart(trend),
            "query": query_without_page(request),
        },
    )


@login_required
def index_dossiers_view(request: HttpRequest) -> HttpResponse:
    """The dossiers behind one figure of the month, paginated."""
    view = _view(request)
    drill = request.GET.get("drill") or "late"  # the figure most asked about
    if drill not in selectors.DRILLS:
        raise Http404
    month = _month(request)
    dossiers = selectors.drill_dossiers(view, month, drill)
    return render(
        request,
        "servicesindex/dossiers.html",
        {
            "view": view,
            "month": month,
            "drill": drill,
            "drill_label": DRILL_LABELS[drill],
            "page": paginate(request, dossiers),
            "query": query_without_page(request),
        },
    )
