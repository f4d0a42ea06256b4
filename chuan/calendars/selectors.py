"""Reads of the working calendar: the engine for a province, built from the table and cached
per process, and a year at a glance."""

import datetime
import threading
import time
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

import holidays

from chuan.calendars.choices import DayKind
from chuan.calendars.models import DEFAULT_HOURS, CalendarDay, OfficeHours
from chuan.core.working_time import WorkingCalendar
from chuan.organisations.choices import UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency

# A calendar changes a few times a year; one process checks the table at most this often,
# and a write in the same process clears the cache at once.
STAMP_TTL_SECONDS = 1.0

_lock = threading.Lock()
_cache: dict[int | None, tuple[tuple[object, ...], WorkingCalendar]] = {}
_stamp: dict[str, object] = {"checked": 0.0, "value": None}


def calendar_cache_clear() -> None:
    """Forget every built calendar (called by the services after a write)."""
    with _lock:
        _cache.clear()
        _stamp.update(checked=0.0, value=None)


def _table_stamp() -> tuple[object, ...]:
    now = time.monotonic()
    if _stamp["value"] is None or now - float(_stamp["checked"]) > STAMP_TTL_SECONDS:  # type: ignore[arg-type]
        days, hours = CalendarDay._meta.db_table, OfficeHours._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM {days}), (SELECT MAX(updated_at) FROM {days}),"  # noqa: S608
                f" (SELECT COUNT(*) FROM {hours}), (SELECT MAX(updated_at) FROM {hours})"
            )
            _stamp.update(checked=now, value=tuple(cursor.fetchone() or ()))
    return _stamp["value"]  # type: ignore[return-value]


def _build(province_id: int | None) -> WorkingCalendar:
    rows = CalendarDay.objects.filter(Q(province__isnull=True) | Q(province_id=province_id))
    decided: dict[datetime.date, bool] = {}
    for day, kind, row_province in rows.values_list("date", "kind", "province_id"):
        if row_province is None and day in decided:
            continue  # the province's own row for the day wins over the nationwide one
        decided[day] = kind == DayKind.WORKING_DAY
    hours = dict(DEFAULT_HOURS)
    if province_id is not None:
        row = OfficeHours.objects.filter(province_id=province_id).values(*DEFAULT_HOURS).first()
        hours.update(row or {})
    return WorkingCalendar(
        intervals=(
            (hours["morning_start"], hours["morning_end"]),
            (hours["afternoon_start"], hours["afternoon_end"]),
        ),
        same_day_cutoff=hours["same_day_cutoff"],
        days_off=frozenset(day for day, working in decided.items() if not working),
        working_days=frozenset(day for day, working in decided.items() if working),
    )


def working_calendar(province: AdministrativeUnit | int | None = None) -> WorkingCalendar:
    """The working calendar of `province` (an id or a unit; None: the nationwide calendar)."""
    province_id = province.pk if isinstance(province, AdministrativeUnit) else province
    stamp = _table_stamp()
    with _lock:
        cached = _cache.get(province_id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    calendar = _build(province_id)
    with _lock:
        _cache[province_id] = (stamp, calendar)
    return calendar


def agency_province_id(agency: Agency) -> int:
    """The province whose calendar an agency works by."""
    unit = agency.unit
    return unit.province_id or unit.pk


def province_by_code(code: str) -> AdministrativeUnit | None:
    """A province by its unit code, in the list in force today first (52 is Gia Lai since
    1 July 2025), then in the list before the reform (64 was Gia Lai)."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code=code.strip())
    by_set = {unit.unit_set: unit for unit in provinces}
    return by_set.get(UnitSet.REFORM_2025) or by_set.get(UnitSet.LEGACY)


def province_choices() -> list[AdministrativeUnit]:
    """Provinces of the list in force, for the calendar's province picker."""
    return list(
        AdministrativeUnit.objects.filter(
            level=UnitLevel.PROVINCE, unit_set=UnitSet.REFORM_2025
        ).order_by("name")
    )


class Source:
    """Where a non-working (or extra working) day comes from: computed from the law (the
    Labour Code's holidays with lunar Tết, their make-up days, Culture Day, the swaps the
    holidays package knows) or a row of the calendar table."""

    COMPUTED = "computed"
    TABLE = "table"


@dataclass(frozen=True)
class YearDay:
    """A day of the year screen that is not an ordinary weekday or weekend."""

    date: datetime.date
    working: bool
    name: str
    source: str
    legal_basis: str = ""
    row: CalendarDay | None = None


def year_days(
    *, province: AdministrativeUnit | None, year: int, language: str = "vi"
) -> list[YearDay]:
    """The days of `year` the calendar decides: public holidays and their make-up days from
    the Labour Code 2019 (Art. 111–112, computed), the Saturdays swapped for working days the
    holidays package knows, and the table's rows with their legal basis (which win)."""
    calendar = working_calendar(province)
    computed = holidays.country_holidays(
        "VN", years=year, language="vi" if language == "vi" else "en_US"
    )
    days: dict[datetime.date, YearDay] = {}
    for day, name in computed.items():
        days[day] = YearDay(day, False, str(name), Source.COMPUTED)
    for day in getattr(computed, "weekend_workdays", set()):
        if day.year == year:
            days[day] = YearDay(day, True, "", Source.COMPUTED)
    rows = CalendarDay.objects.filter(
        Q(province__isnull=True) | Q(province=province), date__year=year
    ).select_related("province")
    for row in sorted(rows, key=lambda row: row.province_id is not None):
        days[row.date] = YearDay(
            row.date,
            row.kind == DayKind.WORKING_DAY,
            row.name,
            Source.TABLE,
            row.legal_basis,
            row,
        )
    return [
        day
        for day in sorted(days.values(), key=lambda day: day.date)
        if calendar.is_working_day(day.date) == day.working
    ]
