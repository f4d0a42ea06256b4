"""Shared setup of the on-site inspection tests: Gia Lai's registry of inspectors, on-site
inspections of 2026 created directly (as the plans helper would), and a decision over them."""

import datetime as dt
from typing import Any

from django.utils import timezone

from chuan.accounts.roles import Role
from chuan.inspections import article36
from chuan.inspections.choices import InspectionForm, InspectionState, ItemResult
from chuan.inspections.models import Inspection, Inspector, TeamRole
from chuan.inspections.services.onsite import DecisionData, TeamEntry, Visit, decision_issue
from chuan.organisations.tests.factories import UserFactory, member

YEAR = 2026
DECIDED_ON = dt.date(2026, 6, 1)
VISIT_DAY = dt.date(2026, 6, 15)


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def qualified(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "has_degree": True,
        "degree_field": "Quản lý chất lượng",
        "state_management_number": "QLNN-2015-118",
        "state_management_date": dt.date(2015, 5, 20),
        "auditor_number": "ĐGV-0451",
        "auditor_date": dt.date(2016, 3, 10),
        "experience_since": dt.date(2014, 1, 1),
    }
    values.update(changes)
    return values


def inspector(world: Any, name: str, *, user: Any = None, **changes: Any) -> Inspector:
    return Inspector.objects.create(
        province=world.gia_lai_2025,
        full_name=name,
        unit="Chi cục Tiêu chuẩn Đo lường Chất lượng",
        user=user,
        **qualified(**changes),
    )


def inspector_user(world: Any) -> Any:
    return member(UserFactory(roles=[Role.INSPECTOR]), world.dost_2025)


def inspection(world: Any, agency: Any = None, **changes: Any) -> Inspection:
    values: dict[str, Any] = {
        "agency": agency or world.chu_se_pc,
        "province": world.gia_lai_2025,
        "year": YEAR,
        "form": InspectionForm.ON_SITE,
        "state": InspectionState.PLANNED,
    }
    values.update(changes)
    return Inspection.objects.create(**values)


def team(world: Any) -> tuple[Any, Any, Any]:
    """A head with an account, a deputy and a member without one; returns the head's user."""
    user = inspector_user(world)
    head = inspector(world, "Nguyễn Văn Hùng", user=user)
    deputy = inspector(world, "Trần Thị Lan")
    plain = inspector(world, "Lê Minh Quân")
    return (
        user,
        head,
        [
            TeamEntry(head, TeamRole.HEAD),
            TeamEntry(deputy, TeamRole.DEPUTY, "Sở Khoa học và Công nghệ"),
            TeamEntry(plain, TeamRole.MEMBER),
        ],
    )


def decide(world: Any, inspections: list[Inspection], entries: list[Any], **changes: Any) -> Any:
    values: dict[str, Any] = {
        "number": "125/QĐ-TĐC",
        "issued_on": DECIDED_ON,
        "issuer": "Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Gia Lai",
        "signer": "Phạm Quốc Bảo",
        "team": entries,
        "visits": [
            Visit(i, at(VISIT_DAY + dt.timedelta(days=n)), "Trụ sở cơ quan")
            for n, i in enumerate(inspections)
        ],
    }
    values.update(changes)
    return decision_issue(
        province=world.gia_lai_2025, data=DecisionData(**values), actor=world.coordinator
    )


def all_met(inspection: Inspection, actor: Any, not_met: tuple[str, ...] = ()) -> None:
    from chuan.inspections.services.onsite_results import result_record

    for code in article36.CODES:
        result_record(
            inspection=inspection,
            code=code,
            result=ItemResult.NOT_MET if code in not_met else ItemResult.MET,
            evidence_seen="Sổ theo dõi, phỏng vấn cán bộ",
            finding="Chưa cập nhật" if code in not_met else "",
            actor=actor,
        )
