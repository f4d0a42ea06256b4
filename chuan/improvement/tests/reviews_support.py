"""Shared setup of the management-review tests: a review of Chư Sê's People's Committee for
February–March 2026 and a hand-built quarter of figures where every number is known."""

import datetime as dt
from typing import Any

from django.utils import timezone

from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.services.reviews import ReviewData, review_create
from chuan.procedures.tests.factories import make_procedure

START, END = dt.date(2026, 2, 1), dt.date(2026, 3, 31)


def held(day: dt.date = dt.date(2026, 4, 10), hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def plan(world: Any, **changes: Any) -> Any:
    values: dict[str, Any] = {
        "title": "Họp xem xét của lãnh đạo quý I/2026",
        "period_start": START,
        "period_end": END,
        "held_at": held(),
        "place": "Phòng họp số 1",
        "chair": world.leader,
        "secretary": world.secretary,
        "attendees": [world.viewer],
        "guests": "Đại diện Sở Khoa học và Công nghệ",
    }
    values.update(changes)
    return review_create(agency=world.chu_se_pc, data=ReviewData(**values), actor=world.secretary)


def figure(agency: Any, procedure: Any, month: dt.date, **counts: int) -> MonthlyFigure:
    return MonthlyFigure.objects.create(agency=agency, procedure=procedure, month=month, **counts)


def known_quarter(world: Any) -> tuple[Any, Any]:
    """Two procedures' figures for February and March 2026, plus rows the pack must leave
    out (another agency, a month after the period)."""
    first = make_procedure(world.gia_lai_legacy, code="1.001193").procedure
    second = make_procedure(
        world.gia_lai_legacy, code="2.000001", name="Chứng thực bản sao"
    ).procedure
    agency = world.chu_se_pc
    figure(agency, first, dt.date(2026, 2, 1), rated_very_satisfied=2, rated_satisfied=2)
    figure(
        agency,
        first,
        dt.date(2026, 3, 1),
        received_online=30,
        received_direct=10,
        finished_early=5,
        finished_on_time=25,
        finished_late=3,
        ended_otherwise=1,
        rated_very_satisfied=10,
        rated_satisfied=6,
        rated_not_satisfied=4,
    )
    figure(
        agency,
        second,
        dt.date(2026, 3, 1),
        received_direct=20,
        finished_on_time=9,
        finished_late=1,
        rated_very_satisfied=5,
        rated_satisfied=5,
    )
    figure(agency, first, dt.date(2026, 4, 1), received_direct=99, finished_late=99)
    figure(world.kon_tum_dept, first, dt.date(2026, 3, 1), received_direct=77, finished_late=7)
    return first, second
