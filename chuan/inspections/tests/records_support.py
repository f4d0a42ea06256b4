"""Helpers of the records-based inspection tests."""

import datetime
from typing import Any

from chuan.accounts.roles import Role
from chuan.inspections.choices import InspectionForm, InspectionState
from chuan.inspections.models import Inspection
from chuan.organisations.tests.factories import UserFactory, member

LETTER = datetime.date(2026, 3, 2)
DUE = datetime.date(2026, 3, 31)


def make_inspection(agency: Any, **overrides: Any) -> Inspection:
    unit = agency.unit
    values = {
        "agency": agency,
        "province_id": unit.province_id or unit.pk,
        "year": 2026,
        "form": InspectionForm.RECORDS,
        "state": InspectionState.PLANNED,
        **overrides,
    }
    return Inspection.objects.create(**values)


def other_dost(world: Any) -> Any:
    """A DOST coordinator of another province (Kon Tum, not merged into Gia Lai here)."""
    return member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
