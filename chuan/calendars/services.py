"""Writes of the working calendar: the days a notice decides and a province's office hours.
Each write clears the cached calendars and leaves an activity entry."""

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chuan.calendars.choices import DayKind
from chuan.calendars.models import CalendarDay, OfficeHours
from chuan.calendars.permissions import may_edit_calendar
from chuan.calendars.selectors import calendar_cache_clear, working_calendar
from chuan.core.activity import activity_record
from chuan.core.params import EARLIEST_YEAR, LATEST_YEAR
from chuan.core.working_time import WorkingCalendar
from chuan.organisations.choices import UnitLevel
from chuan.organisations.models import AdministrativeUnit


@dataclass
class CalendarDayData:
    """A day as the screen or an import supplies it."""

    date: datetime.date
    kind: str
    name: str
    legal_basis: str


def _require(actor: Any, province: AdministrativeUnit | None) -> None:
    if not may_edit_calendar(actor, province):
        raise PermissionDenied(_("You may not change this calendar."))


def _day_check(
    data: CalendarDayData, province: AdministrativeUnit | None, row: CalendarDay | None
) -> None:
    errors: dict[str, str] = {}
    if province is not None and province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if not EARLIEST_YEAR <= data.date.year <= LATEST_YEAR:
        errors["date"] = _("Choose a date between %(first)s and %(last)s.") % {
            "first": EARLIEST_YEAR,
            "last": LATEST_YEAR,
        }
    if data.kind not in DayKind.values:
        errors["kind"] = _("Choose a day off or a working day.")
    if not data.name.strip():
        errors["name"] = _("Name the day, e.g. the holiday it belongs to.")
    if not data.legal_basis.strip():
        errors["legal_basis"] = _("Give the notice or decision that decides this day.")
    if not errors:
        # Judged against the calendar without this row: a row must change something.
        base = working_calendar(province)
        if row is not None and row.date == data.date:
            base = WorkingCalendar(
                intervals=base.intervals,
                same_day_cutoff=base.same_day_cutoff,
                days_off=base.days_off - {data.date},
                working_days=base.working_days - {data.date},
            )
        working = base.is_working_day(data.date)
        if data.kind == DayKind.DAY_OFF and not working:
            errors["kind"] = _("That day is already a day off.")
        elif data.kind == DayKind.WORKING_DAY and working:
            errors["kind"] = _("That day is already a working day.")
        duplicate = CalendarDay.objects.filter(date=data.date, province=province)
        if row is not None:
            duplicate = duplicate.exclude(pk=row.pk)
        if duplicate.exists():
            errors["date"] = _("This calendar already has a row for that day; change it instead.")
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})


def _saved(row: CalendarDay) -> CalendarDay:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # a concurrent writer took the day first
        raise ValidationError(
            {"date": [_("This calendar already has a row for that day; change it instead.")]}
        ) from exc
    return row


def calendar_day_create(
    *, province: AdministrativeUnit | None, data: CalendarDayData, actor: Any
) -> CalendarDay:
    """Add a day decided by a notice to `province`'s calendar (None: the whole country)."""
    _require(actor, province)
    data.name, data.legal_basis = data.name.strip(), data.legal_basis.strip()
    _day_check(data, province, None)
    with transaction.atomic():
        row = _saved(CalendarDay(province=province, **asdict(data)))
        activity_record(actor=actor, verb="calendar_day.created", target=row, changes=_changes(row))
    calendar_cache_clear()
    return row


def calendar_day_update(*, row: CalendarDay, data: CalendarDayData, actor: Any) -> CalendarDay:
    """Change a row of the calendar table."""
    _require(actor, row.province)
    data.name, data.legal_basis = data.name.strip(), data.legal_basis.strip()
    _day_check(data, row.province, row)
    before = _changes(row)
    with transaction.atomic():
        for name, value in asdict(data).items():
            setattr(row, name, value)
        _saved(row)
        after = _changes(row)
        activity_record(
            actor=actor,
            verb="calendar_day.changed",
            target=row,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    calendar_cache_clear()
    return row


def calendar_day_delete(*, row: CalendarDay, actor: Any) -> None:
    """Remove a row: the day goes back to what the Labour Code and weekends make it."""
    _require(actor, row.province)
    with transaction.atomic():
        activity_record(actor=actor, verb="calendar_day.deleted", target=row, changes=_changes(row))
        row.delete()
    calendar_cache_clear()


def _changes(row: CalendarDay) -> dict[str, Any]:
    return {
        "date": row.date.isoformat(),
        "kind": row.kind,
        "name": row.name,
        "legal_basis": row.legal_basis,
        "province": row.province.name if row.province else "",
    }


@dataclass
class OfficeHoursData:
    morning_start: datetime.time
    morning_end: datetime.time
    afternoon_start: datetime.time
    afternoon_end: datetime.time
    same_day_cutoff: datetime.time
    legal_basis: str = ""


def office_hours_set(
    *, province: AdministrativeUnit, data: OfficeHoursData, actor: Any
) -> OfficeHours:
    """Set the office hours a province's agencies keep, as its People's Committee decided
    them (the civil-service week is five eight-hour days, QĐ 188/1999/QĐ-TTg)."""
    _require(actor, province)
    errors: dict[str, str] = {}
    if province.level != UnitLevel.PROVINCE:
        errors["province"] = _("Choose a province.")
    if not data.morning_start < data.morning_end:
        errors["morning_end"] = _("The morning must end after it starts.")
    elif not data.morning_end <= data.afternoon_start:
        errors["afternoon_start"] = _("The afternoon must start after the morning ends.")
    elif not data.afternoon_start < data.afternoon_end:
        errors["afternoon_end"] = _("The afternoon must end after it starts.")
    elif not data.morning_start < data.same_day_cutoff <= data.afternoon_end:
        errors["same_day_cutoff"] = _("The cut-off must fall within office hours.")
    if errors:
        raise ValidationError({field: [message] for field, message in errors.items()})
    with transaction.atomic():
        hours, _created = OfficeHours.objects.select_for_update().get_or_create(province=province)
        before = {k: str(v) for k, v in asdict(_data_of(hours)).items()}
        for name, value in asdict(data).items():
            setattr(hours, name, value)
        hours.legal_basis = data.legal_basis.strip()
        hours.save()
        after = {k: str(v) for k, v in asdict(data).items()}
        activity_record(
            actor=actor,
            verb="office_hours.changed",
            target=hours,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    calendar_cache_clear()
    return hours


def _data_of(hours: OfficeHours) -> OfficeHoursData:
    return OfficeHoursData(
        hours.morning_start,
        hours.morning_end,
        hours.afternoon_start,
        hours.afternoon_end,
        hours.same_day_cutoff,
        hours.legal_basis,
    )
