"""Screens of the working calendar: a year at a glance for a province, and the forms that add,
change or remove the days a notice decides and set the province's office hours."""

import calendar as month_calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chuan.calendars import selectors, services
from chuan.calendars.forms import CalendarDayForm, OfficeHoursForm
from chuan.calendars.models import DEFAULT_HOURS, CalendarDay, OfficeHours
from chuan.calendars.permissions import may_edit_calendar
from chuan.core.forms import apply_service_errors
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR, date_param, id_param, int_param
from chuan.core.permissions import require_perm
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit
from chuan.organisations.scoping import active_membership


@dataclass(frozen=True)
class Cell:
    """A day in a month grid of the year screen."""

    date: datetime.date
    css: str
    title: str


def _province_from(request: HttpRequest) -> AdministrativeUnit | None:
    """The province asked for, else the user's own, else None (the nationwide calendar)."""
    if "province" in request.GET:
        pk = id_param(request.GET.get("province"))
        if pk is None:
            return None
        return get_object_or_404(AdministrativeUnit, pk=pk, level=UnitLevel.PROVINCE)
    membership = active_membership(request.user)
    if membership is None:
        return None
    unit = membership.agency.unit
    return unit.province if unit.province_id else unit


def _year_from(request: HttpRequest) -> int:
    year = int_param(request.GET.get("year"), minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)
    return year or timezone.localdate().year


def _months(year: int, days: list[selectors.YearDay], province: Any) -> list[dict[str, Any]]:
    engine = selectors.working_calendar(province)
    decided = {day.date: day for day in days}
    today = timezone.localdate()
    months = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(year, month):
            row: list[Cell | None] = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                info = decided.get(day)
                if info is not None and info.working:
                    css = "cal-extra-working"
                elif info is not None and info.source == selectors.Source.TABLE:
                    css = "cal-day-off"
                elif info is not None:
                    css = "cal-holiday"
                elif not engine.is_working_day(day):
                    css = "cal-weekend"
                else:
                    css = ""
                if day == today:
                    css += " cal-today"
                row.append(Cell(day, css, info.name if info else ""))
            weeks.append(row)
        months.append({"number": month, "weeks": weeks})
    return months


@login_required
def calendar_year_view(request: HttpRequest) -> HttpResponse:
    """A year of a province's working calendar: every non-working day with its source."""
    require_perm(request.user, "calendars.view_calendarday")
    province = _province_from(request)
    year = _year_from(request)
    days = selectors.year_days(province=province, year=year, language=get_language() or "vi")
    engine = selectors.working_calendar(province)
    hours = OfficeHours.objects.filter(province=province).first() if province else None
    working_count = sum(
        engine.is_working_day(datetime.date(year, 1, 1) + datetime.timedelta(n))
        for n in range(366 if month_calendar.isleap(year) else 365)
    )
    return render(
        request,
        "calendars/year.html",
        {
            "province": province,
            "provinces": selectors.province_choices(),
            "year": year,
            "days": days,
            "months": _months(year, days, province),
            "weekday_names": [_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su")],
            "hours": hours or OfficeHours(**DEFAULT_HOURS),
            "hours_are_default": hours is None,
            "working_count": working_count,
            "day_off_count": sum(1 for day in days if not day.working),
            "may_edit": may_edit_calendar(request.user, province),
        },
    )


def _back(province: AdministrativeUnit | None, year: int) -> str:
    query = f"?year={year}" + (f"&province={province.pk}" if province else "")
    return reverse("calendars:year") + query


def _day_form_view(
    request: HttpRequest, province: AdministrativeUnit | None, row: CalendarDay | None
) -> HttpResponse:
    if not may_edit_calendar(request.user, province):
        raise PermissionDenied
    if request.method == "POST":
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            try:
                if row is None:
                    row = services.calendar_day_create(
                        province=province, data=form.data_object(), actor=request.user
                    )
                    messages.success(request, _("The day was added to the calendar."))
                else:
                    services.calendar_day_update(
                        row=row, data=form.data_object(), actor=request.user
                    )
                    messages.success(request, _("The day was changed."))
                return redirect(_back(province, row.date.year))
            except ValidationError as exc:
                apply_service_errors(form, exc)
    elif row is not None:
        form = CalendarDayForm(
            initial={
                "date": row.date,
                "kind": row.kind,
                "name": row.name,
                "legal_basis": row.legal_basis,
            }
        )
    else:
        form = CalendarDayForm(initial={"date": date_param(request.GET.get("date"))})
    year = row.date.year if row else _year_from(request)
    return render(
        request,
        "calendars/day_form.html",
        {"form": form, "province": province, "row": row, "back": _back(province, year)},
    )


@login_required
def calendar_day_create_view(request: HttpRequest) -> HttpResponse:
    province = None
    if request.GET.get("province"):
        pk = id_param(request.GET.get("province"))
        if pk is None:
            raise Http404
        province = get_object_or_404(AdministrativeUnit, pk=pk, level=UnitLevel.PROVINCE)
    return _day_form_view(request, province, None)


def _row(pk: int) -> CalendarDay:
    return get_object_or_404(CalendarDay.objects.select_related("province"), pk=pk)


@login_required
def calendar_day_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    row = _row(pk)
    return _day_form_view(request, row.province, row)


@login_required
@require_POST
def calendar_day_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    row = _row(pk)
    services.calendar_day_delete(row=row, actor=request.user)
    messages.success(request, _("The day was removed from the calendar."))
    return redirect(_back(row.province, row.date.year))


@login_required
def office_hours_edit_view(request: HttpRequest, province_id: int) -> HttpResponse:
    province = get_object_or_404(AdministrativeUnit, pk=province_id, level=UnitLevel.PROVINCE)
    if not may_edit_calendar(request.user, province):
        raise PermissionDenied
    hours = OfficeHours.objects.filter(province=province).first()
    if request.method == "POST":
        form = OfficeHoursForm(request.POST)
        if form.is_valid():
            try:
                services.office_hours_set(
                    province=province, data=form.data_object(), actor=request.user
                )
                messages.success(request, _("The office hours were saved."))
                return redirect(_back(province, timezone.localdate().year))
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        initial = dict(DEFAULT_HOURS)
        if hours is not None:
            initial = {name: getattr(hours, name) for name in [*DEFAULT_HOURS, "legal_basis"]}
        form = OfficeHoursForm(initial=initial)
    return render(
        request,
        "calendars/hours_form.html",
        {"form": form, "province": province, "back": _back(province, timezone.localdate().year)},
    )
