"""Fixtures of the plans area's tests: agencies of Gia Lai (2025 list), who inspects, plans."""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from chuan.accounts.roles import Role
from chuan.core.testing import bad_files
from chuan.inspections.choices import InspectionForm
from chuan.inspections.models import InspectionPlan
from chuan.inspections.models.plans import InspectingUnitKind
from chuan.inspections.services.plans import DecisionData, plan_approve, plan_propose, plan_submit
from chuan.inspections.services.plans_units import ArrangementData, arrangement_create
from chuan.organisations.models import Agency
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member

YEAR = 2026
DECIDED = datetime.date(2025, 12, 20)


def agencies(world: Any, count: int) -> list[Agency]:
    """`count` departments of today's Gia Lai (besides DOST and the Pleiku ward)."""
    return [AgencyFactory(unit=world.gia_lai_2025) for _index in range(count)]


def arrangement(world: Any, **changes: Any) -> Any:
    data = ArrangementData(
        valid_from=datetime.date(2025, 7, 1),
        lead_unit="Sở Khoa học và Công nghệ tỉnh Gia Lai",
        unit_kind=InspectingUnitKind.DOST_DIVISION,
        unit_name="Phòng Tiêu chuẩn Đo lường Chất lượng",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return arrangement_create(province=world.gia_lai_2025, data=data, actor=world.coordinator)


def decision(**changes: Any) -> DecisionData:
    data = DecisionData(
        number="3120/QĐ-UBND",
        date=DECIDED,
        signer="Phó Chủ tịch UBND tỉnh",
        file=SimpleUploadedFile("qd.pdf", bad_files.pdf(), content_type="application/pdf"),
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def approved_plan(world: Any, count: int = 5) -> InspectionPlan:
    agencies(world, count)
    plan = plan_propose(province=world.gia_lai_2025, year=YEAR, actor=world.coordinator)
    plan_submit(plan=plan, actor=world.coordinator)
    return plan_approve(plan=plan, data=decision(), actor=world.coordinator)


def other_dost(world: Any) -> Any:
    """A DOST coordinator of another province (Kon Tum, before 2025)."""
    return member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)


def inspector(world: Any) -> Any:
    return member(UserFactory(roles=[Role.INSPECTOR]), world.dost_2025)


ON_SITE, RECORDS = InspectionForm.ON_SITE, InspectionForm.RECORDS
