"""The demo desk's dossiers ask only for what the desk's rules allow."""

from decimal import Decimal

import pytest

from chuan.calendars.selectors import agency_province_id, working_calendar
from chuan.demo.dossiers import extended_due
from chuan.dossiers import services
from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.procedures.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def test_the_demo_extension_of_a_half_day_procedure_stays_within_the_limit(world):
    """Half a working day is four working hours, and an extension may add at most that
    again: received Thursday 02/04/2026 at 10:05, due 15:35, extended to 10:05 the next
    morning at the latest (office hours 07:30-11:30, 13:00-17:00), so the close of Friday
    (what the demo asked for) was refused and the loader stopped."""
    desk = make_desk(world)
    half_day = make_procedure(
        world.gia_lai_2025,
        "1.000001",
        name="Chứng thực bản sao từ bản chính",
        field_name="Chứng thực",
        time_amount=Decimal("0.5"),
        time_unit="working_days",
    )
    dossier = receive(desk, half_day, at(2, 10, 5, month=4))
    calendar = working_calendar(agency_province_id(desk.agency))
    new_due = extended_due(calendar, dossier)
    dossier = services.dossier_extend(
        dossier=dossier,
        new_due_at=new_due,
        reason="Cần xác minh",
        actor=desk.leader,
        at=at(2, 11, month=4),
    )
    assert dossier.due_at == new_due == at(3, 10, 5, month=4)


def test_a_longer_procedure_is_extended_to_the_close_of_the_next_working_day(world):
    desk = make_desk(world)
    dossier = receive(desk, desk.land, at(2, 9))  # ten working days: due Monday 16/03
    calendar = working_calendar(agency_province_id(desk.agency))
    assert extended_due(calendar, dossier) == at(17, 17)
