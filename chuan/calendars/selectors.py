"""Reads of the working calendar: the engine for a province, built from the table and cached
per process, and a year at a glance."""

import datetime
import re
import threading
import time
from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import Q

import holidays

from chuan.calendars.bases import computed_basis
from chuan.calendars.choices import DayKind
from chuan.calendars.models import DEFAULT_HOURS, CalendarDay, OfficeHours
from chuan.core.text import fold
from chuan.core.working_time import WorkingCalendar
from chuan.legal.models import LegalDocument
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


def province_choices() -> list[AdministrativeUnit]:
    """Provinces of the list in force, for the calendar's province picker, in Vietnamese
    alphabetical order of their names without "Tỉnh"/"Thành phố" (folded: Đà Nẵng among
    the D's, where byte order put every Đ last)."""
    provinces = AdministrativeUnit.objects.filter(
        level=UnitLevel.PROVINCE, unit_set=UnitSet.REFORM_2025
    )
    return sorted(provinces, key=lambda unit: (fold(unit.short_name or unit.name), unit.name))


class Source:
    """Where a non-working (or extra working) day comes from: computed from the law (the
    Labour Code's holidays with lunar Tết, their make-up days, Culture Day, the swaps the
    holidays package knows) or a row of the calendar table."""

    COMPUTED = "computed"
    TABLE = "table"


# A legal document's symbol inside a typed basis ("Thông báo 9441/TB-BNV ngày …").
_SYMBOL = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ][\w-]*[\w]", re.UNICODE)


@dataclass(frozen=True)
class YearDay:
    """A day of the year screen that is not an ordinary weekday or weekend."""

    date: datetime.date
    working: bool
    name: str
    source: str
    legal_basis: str = ""
    row: CalendarDay | None = None
    # The legal document the basis names, when the library holds it (linked on the screen).
    basis_document: LegalDocument | None = None
    basis_symbol: str = ""


def year_days(
    *, province: AdministrativeUnit | None, year: int, language: str = "vi"
) -> list[YearDay]:
    """The days of `year` the calendar decides: public holidays and their make-up days from
    the Labour Code 2019 (Art. 111–112, computed), the Saturdays swapped for working days the
    holidays package knows, and the table's rows with their legal basis (which win). Each
    computed day says what decides it (`chuan.calendars.bases`), linked to the library's
    document when it holds it."""
    calendar = working_calendar(province)
    vi_names = holidays.country_holidays("VN", years=year, language="vi")
    computed = (
        vi_names
        if language == "vi"
        else holidays.country_holidays("VN", years=year, language="en_US")
    )
    days: dict[datetime.date, YearDay] = {}

    def basis_of(day: datetime.date, working: bool) -> tuple[str, str]:
        basis = computed_basis(day, str(vi_names.get(day, "")), working=working)
        return basis.label, basis.symbol

    for day, name in computed.items():
        label, symbol = basis_of(day, False)
        days[day] = YearDay(day, False, str(name), Source.COMPUTED, label, basis_symbol=symbol)
    for day in getattr(computed, "weekend_workdays", set()):
        if day.year == year:
            label, symbol = basis_of(day, True)
            days[day] = YearDay(day, True, "", Source.COMPUTED, label, basis_symbol=symbol)
    rows = CalendarDay.objects.filter(
        Q(province__isnull=True) | Q(province=province), date__year=year
    ).select_related("province")
    for row in sorted(rows, key=lambda row: row.province_id is not None):
        found = _SYMBOL.search(row.legal_basis)
        days[row.date] = YearDay(
            row.date,
            row.kind == DayKind.WORKING_DAY,
            row.name,
            Source.TABLE,
            row.legal_basis,
            row,
            basis_symbol=found.group(0) if found else "",
        )
    shown = [
        day
        for day in sorted(days.values(), key=lambda day: day.date)
        if calendar.is_working_day(day.date) == day.working
    ]
    symbols = {day.basis_symbol for day in shown if day.basis_symbol}
    if not symbols:
        return shown
    held = {
        document.symbol: document
        for document in LegalDocument.objects.filter(symbol__in=symbols).order_by("issue_date")
    }
    return [
        replace(day, basis_document=held[day.basis_symbol]) if day.basis_symbol in held else day
        for day in shown
    ]
