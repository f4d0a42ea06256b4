"""The working calendar as data: table rows win over the computed holidays, office hours per
province, the cache follows every write, and each write is refused or recorded."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.calendars import selectors, services
from chuan.calendars.choices import DayKind
from chuan.calendars.models import CalendarDay
from chuan.calendars.services import CalendarDayData, OfficeHoursData
from chuan.core.models import ActivityEntry
from chuan.core.working_time import VIETNAM, Unit

pytestmark = pytest.mark.django_db

NOTICE = "9441/TB-BNV"


def _day(date: dt.date, kind: str = DayKind.DAY_OFF, name: str = "Nghỉ") -> CalendarDayData:
    return CalendarDayData(date=date, kind=kind, name=name, legal_basis=NOTICE)


def test_a_province_day_off_moves_its_due_dates_only(world):
    # Thu 31/12/2026 received 09:00, 1 working day: normally due Mon 4/1/2027 (1/1 is a
    # holiday); with 4/1 a provincial day off it is due Tue 5/1.
    received = dt.datetime(2026, 12, 31, 9, 0, tzinfo=VIETNAM)
    services.calendar_day_create(
        province=world.gia_lai_2025, data=_day(dt.date(2027, 1, 4)), actor=world.coordinator
    )
    province = selectors.working_calendar(world.gia_lai_2025)
    nation = selectors.working_calendar(None)
    assert province.due(received, 1, Unit.WORKING_DAYS).date() == dt.date(2027, 1, 5)
    assert nation.due(received, 1, Unit.WORKING_DAYS).date() == dt.date(2027, 1, 4)


def test_a_province_row_wins_over_a_nationwide_row(world):
    saturday = dt.date(2026, 12, 5)
    services.calendar_day_create(
        province=None, data=_day(saturday, DayKind.WORKING_DAY, "Làm bù"), actor=world.admin
    )
    assert selectors.working_calendar(None).is_working_day(saturday)
    assert selectors.working_calendar(world.gia_lai_2025).is_working_day(saturday)
    friday = dt.date(2026, 12, 4)
    services.calendar_day_create(
        province=world.gia_lai_2025, data=_day(friday), actor=world.coordinator
    )
    services.calendar_day_create(
        province=None, data=_day(friday, name="Ngày nghỉ toàn quốc"), actor=world.admin
    )
    row = CalendarDay.objects.get(province=world.gia_lai_2025, date=friday)
    services.calendar_day_delete(row=row, actor=world.coordinator)
    assert not selectors.working_calendar(world.gia_lai_2025).is_working_day(friday)


def test_office_hours_shape_working_hours(world):
    services.office_hours_set(
        province=world.gia_lai_2025,
        data=OfficeHoursData(
            dt.time(7, 0), dt.time(11, 0), dt.time(13, 30), dt.time(17, 30), dt.time(16, 0)
        ),
        actor=world.coordinator,
    )
    calendar = selectors.working_calendar(world.gia_lai_2025)
    # Mon 7/12/2026 10:00 + 2 working hours: 1 h before 11:00, then 13:30 + 1 h.
    received = dt.datetime(2026, 12, 7, 10, 0, tzinfo=VIETNAM)
    assert calendar.due(received, 2, Unit.WORKING_HOURS) == dt.datetime(
        2026, 12, 7, 14, 30, tzinfo=VIETNAM
    )
    # Received 15:30: before this province's 16:00 cut-off, so due the same day at 17:30.
    late = dt.datetime(2026, 12, 7, 15, 30, tzinfo=VIETNAM)
    assert calendar.due(late, 0, Unit.SAME_DAY) == dt.datetime(2026, 12, 7, 17, 30, tzinfo=VIETNAM)
    entry = ActivityEntry.objects.get(verb="office_hours.changed")
    assert entry.actor == world.coordinator
    assert entry.changes["morning_start"] == ["07:30:00", "07:00:00"]


@pytest.mark.parametrize(
    ("date", "kind", "field"),
    [
        (dt.date(2026, 2, 17), DayKind.DAY_OFF, "kind"),  # Tết is already off
        (dt.date(2026, 12, 6), DayKind.DAY_OFF, "kind"),  # a Sunday
        (dt.date(2026, 12, 7), DayKind.WORKING_DAY, "kind"),  # a Monday already works
        (dt.date(1999, 12, 31), DayKind.DAY_OFF, "date"),
    ],
)
def test_a_row_that_changes_nothing_is_refused(world, date, kind, field):
    with pytest.raises(ValidationError) as caught:
        services.calendar_day_create(province=None, data=_day(date, kind), actor=world.admin)
    assert field in caught.value.message_dict
    assert not CalendarDay.objects.exists()
    assert not ActivityEntry.objects.filter(verb__startswith="calendar_day").exists()


def test_a_day_needs_a_name_and_a_legal_basis_and_is_unique(world):
    data = CalendarDayData(
        date=dt.date(2026, 12, 4), kind=DayKind.DAY_OFF, name=" ", legal_basis=""
    )
    with pytest.raises(ValidationError) as caught:
        services.calendar_day_create(province=None, data=data, actor=world.admin)
    assert set(caught.value.message_dict) == {"name", "legal_basis"}
    services.calendar_day_create(province=None, data=_day(dt.date(2026, 12, 4)), actor=world.admin)
    with pytest.raises(ValidationError) as caught:
        services.calendar_day_create(
            province=None, data=_day(dt.date(2026, 12, 4), DayKind.WORKING_DAY), actor=world.admin
        )
    assert "date" in caught.value.message_dict


def test_changing_a_row_records_what_changed(world):
    row = services.calendar_day_create(
        province=world.gia_lai_2025, data=_day(dt.date(2026, 12, 4)), actor=world.coordinator
    )
    services.calendar_day_update(
        row=row, data=_day(dt.date(2026, 12, 4), name="Nghỉ lễ tỉnh"), actor=world.coordinator
    )
    entry = ActivityEntry.objects.get(verb="calendar_day.changed")
    assert entry.changes == {"name": ["Nghỉ", "Nghỉ lễ tỉnh"]}
    assert entry.actor == world.coordinator


def test_who_may_change_which_calendar(world):
    friday = _day(dt.date(2026, 12, 4))
    with pytest.raises(PermissionDenied):  # a coordinator cannot decide for the nation
        services.calendar_day_create(province=None, data=friday, actor=world.coordinator)
    with pytest.raises(PermissionDenied):  # nor for another province
        services.calendar_day_create(
            province=world.kon_tum_legacy, data=friday, actor=world.coordinator
        )
    with pytest.raises(PermissionDenied):  # an agency leader has no say
        services.calendar_day_create(province=world.gia_lai_2025, data=friday, actor=world.leader)
    assert not CalendarDay.objects.exists()


def test_office_hours_must_make_sense(world):
    with pytest.raises(ValidationError) as caught:
        services.office_hours_set(
            province=world.gia_lai_2025,
            data=OfficeHoursData(
                dt.time(7, 30), dt.time(11, 30), dt.time(11, 0), dt.time(17, 0), dt.time(15, 0)
            ),
            actor=world.coordinator,
        )
    assert "afternoon_start" in caught.value.message_dict


def test_the_year_lists_every_source(world):
    services.calendar_day_create(
        province=world.gia_lai_2025, data=_day(dt.date(2026, 12, 4)), actor=world.coordinator
    )
    days = {day.date: day for day in selectors.year_days(province=world.gia_lai_2025, year=2026)}
    assert days[dt.date(2026, 2, 17)].name == "Tết Nguyên Đán"
    assert days[dt.date(2026, 2, 17)].source == selectors.Source.COMPUTED
    assert days[dt.date(2026, 8, 22)].working  # Saturday worked in exchange for 31/8
    assert not days[dt.date(2026, 8, 31)].working
    assert days[dt.date(2026, 11, 24)].name == "Ngày Văn hóa Việt Nam"
    assert days[dt.date(2026, 12, 4)].legal_basis == NOTICE
    assert dt.date(2026, 4, 26) not in days or not days[dt.date(2026, 4, 26)].working
    assert not days[dt.date(2026, 4, 27)].working  # Hùng Kings' day on a Sunday, made up Monday
