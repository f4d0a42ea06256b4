"""The public calendar API on real dates, and its refusals naming the parameter."""

import datetime as dt

import pytest

from chuan.calendars.choices import DayKind
from chuan.calendars.models import CalendarDay

pytestmark = pytest.mark.django_db
DUE = "/api/v1/calendar/due/"
DAYS = "/api/v1/calendar/days/"


@pytest.mark.parametrize(
    ("received_at", "amount", "unit", "due_at"),
    [
        # Friday before Tết 2026 after hours: Tết 16–20/2, so day 1 is Monday 23/2.
        ("2026-02-13T16:30:00+07:00", 1, "working_days", "2026-02-23T17:00:00+07:00"),
        # Same day after the 15:00 cut-off on Friday 21/8/2026 → Saturday 22/8 is worked.
        ("2026-08-21T15:30:00", 0, "same_day", "2026-08-22T17:00:00+07:00"),
        # 30 calendar days from 25/10/2026 end on Tue 24/11, Culture Day → Wed 25/11.
        ("2026-10-25T09:00:00+07:00", 30, "calendar_days", "2026-11-25T17:00:00+07:00"),
        # 16 working hours from Mon 23/11/2026 10:00 skip 24/11.
        ("2026-11-23T10:00:00+07:00", 16, "working_hours", "2026-11-26T10:00:00+07:00"),
        # Tết 2027 (4–10/2/2027): 5 working days from Tue 2/2 end on Tue 16/2... Wed 3/2 is 1.
        ("2027-02-02T08:00:00+07:00", 5, "working_days", "2027-02-16T17:00:00+07:00"),
        ("2027-01-29T08:00:00+07:00", 1, "months", "2027-03-01T17:00:00+07:00"),
    ],
)
def test_due_on_real_dates(client, received_at, amount, unit, due_at):
    response = client.get(DUE, {"received_at": received_at, "amount": amount, "unit": unit})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["due_at"] == due_at
    assert (body["amount"], body["unit"], body["province"]) == (amount, unit, None)


def test_due_follows_the_province_s_table(client, world):
    CalendarDay.objects.create(
        province=world.gia_lai_2025,
        date=dt.date(2026, 12, 4),
        kind=DayKind.DAY_OFF,
        name="Nghỉ",
        legal_basis="1/QĐ-UBND",
    )
    params = {"received_at": "2026-12-03T09:00:00+07:00", "amount": 1, "unit": "working_days"}
    assert client.get(DUE, params).json()["due_at"] == "2026-12-04T17:00:00+07:00"
    body = client.get(DUE, {**params, "province": world.gia_lai_2025.code}).json()
    assert body["due_at"] == "2026-12-07T17:00:00+07:00"
    assert body["province"] == world.gia_lai_2025.code


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {"received_at", "amount", "unit"}),
        ({"received_at": "13/02/2026", "amount": "1", "unit": "working_days"}, {"received_at"}),
        (
            {"received_at": "2026-02-30T08:00", "amount": "1", "unit": "days"},
            {"received_at", "unit"},
        ),
        ({"received_at": "2026-02-13T08:00", "amount": "-1", "unit": "working_days"}, {"amount"}),
        ({"received_at": "2026-02-13T08:00", "amount": "1.5", "unit": "working_days"}, {"amount"}),
        ({"received_at": "2026-02-13T08:00", "amount": "999", "unit": "months"}, {"amount"}),
        (
            {"received_at": "2026-02-13T08:00", "amount": "9" * 30, "unit": "working_days"},
            {"amount"},
        ),
        (
            {"received_at": "2026-02-13T08:00", "amount": "1", "unit": "months", "province": "99"},
            {"province"},
        ),
        (
            {"received_at": "9999-02-13T08:00", "amount": "1", "unit": "working_days"},
            {"received_at"},
        ),
    ],
)
def test_bad_parameters_are_named(client, params, fields):
    response = client.get(DUE, params, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 400
    assert set(response.json()) == fields


def test_days_of_2026(client):
    response = client.get(DAYS, {"year": "2026"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    days = {day["date"]: day for day in response.json()["days"]}
    assert days["2026-02-17"]["name"] == "Tết Nguyên Đán"
    assert days["2026-02-17"]["source"] == "computed"
    assert days["2026-08-22"]["working"] is True
    assert days["2026-11-24"]["working"] is False
    english = client.get(DAYS, {"year": "2026"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert {d["date"]: d["name"] for d in english["days"]}["2026-09-02"] == "National Day"


def test_days_need_a_year(client):
    for year in ("", "26", "abcd", "1800"):
        response = client.get(DAYS, {"year": year})
        assert response.status_code == 400
        assert set(response.json()) == {"year"}
