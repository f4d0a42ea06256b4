"""The desk's statistics: report form 06 for a period (screen and XLSX), the dossier
register, and the dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from chuan.core.db_router import reads_from_replica
from chuan.core.permissions import require_perm
from chuan.dossiers import stats
from chuan.dossiers.exports import form06_workbook, register_workbook
from chuan.dossiers.forms import ReportForm
from chuan.dossiers.selectors import register_dossiers
from chuan.organisations.scoping import visible_agencies
from chuan.procedures.selectors import form_set_on

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGISTER_LIMIT = 20000


def _period(request: HttpRequest) -> ReportForm:
    if request.GET:
        return ReportForm(request.GET)
    # By default the month so far, by field, written as the date boxes show dates.
    today = timezone.localdate()
    return ReportForm(
        {
            "start": today.replace(day=1).strftime("%d/%m/%Y"),
            "end": today.strftime("%d/%m/%Y"),
            "by": "field",
        }
    )


@login_required
@reads_from_replica()
def report_view(request: HttpRequest) -> HttpResponse:
    """Report form 06 for the agencies the user sees, over a period."""
    require_perm(request.user, "dossiers.view_dossier")
    form = _period(request)
    report = None
    if form.is_valid():
        data = form.cleaned_data
        report = stats.form06(
            agencies=visible_agencies(request.user),
            start=data["start"],
            end=data["end"],
            by=data["by"],
        )
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                form06_workbook(report, _("Results of resolving administrative procedures")),
                content_type=XLSX,
            )
            response["Content-Disposition"] = (
                f'attachment; filename="bieu-06-{data["start"]:%Y%m%d}-{data["end"]:%Y%m%d}.xlsx"'
            )
            return response
    return render(request, "dossiers/report.html", {"form": form, "report": report})


@login_required
@reads_from_replica()
def register_view(request: HttpRequest) -> HttpResponse:
    """The dossier register (sổ theo dõi hồ sơ) of a period as XLSX, on the register form
    of the set in force on the period's last day (one book, one form)."""
    require_perm(request.user, "dossiers.view_dossier")
    form = _period(request)
    if not form.is_valid():
        return render(request, "dossiers/report.html", {"form": form, "report": None})
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    dossiers = register_dossiers(user=request.user, start=start, end=end)[:REGISTER_LIMIT]
    response = HttpResponse(
        register_workbook(dossiers.iterator(), form_set_on(end)), content_type=XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-theo-doi-ho-so-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    return response


@login_required
@reads_from_replica()
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """On-time rate by month, overdue now by agency, the procedures most often late."""
    require_perm(request.user, "dossiers.view_dossier")
    board = stats.dashboard(agencies=visible_agencies(request.user))
    chart = {
        "labels": [month.strftime("%m/%Y") for month, _finished, _good in board.months],
        "rates": [
            round(100 * good / finished, 1) if finished else None
            for _month, finished, good in board.months
        ],
        "finished": [finished for _month, finished, _good in board.months],
        "rateLabel": str(_("Early or on time (%)")),
        "finishedLabel": str(_("Finished")),
    }
    total = sum(finished for _m, finished, _g in board.months)
    good = sum(g for _m, _f, g in board.months)
    return render(
        request,
        "dossiers/dashboard.html",
        {
            "board": board,
            "chart": chart,
            "rate": round(100 * good / total, 1) if total else None,
            "finished": total,
            "today": timezone.localdate(),
        },
    )
