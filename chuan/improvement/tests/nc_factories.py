"""Builders for the nonconformity tests: a department of the Chư Sê committee with its head
and an official who owns actions, and a request walked to any state by the services."""

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from chuan.accounts.roles import Role
from chuan.improvement.choices import NcSource, NcState, Severity
from chuan.improvement.models import Nonconformity
from chuan.improvement.services import nonconformities as services
from chuan.organisations.models import Department
from chuan.organisations.tests.factories import UserFactory, member

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=VIETNAM)


@dataclass
class Cast:
    world: Any
    department: Department
    head: Any
    owner: Any
    other_official: Any


def cast(world: Any) -> Cast:
    department = Department.objects.create(agency=world.chu_se_pc, name="Phòng Tư pháp")
    head = member(UserFactory(roles=[Role.PROCESSING_OFFICIAL]), world.chu_se_pc, department)
    membership = head.active_membership
    membership.position = "Trưởng phòng Tư pháp"
    membership.save(update_fields=["position"])
    owner = member(UserFactory(roles=[Role.PROCESSING_OFFICIAL]), world.chu_se_pc, department)
    other = member(UserFactory(roles=[Role.DESK_OFFICER]), world.chu_se_pc)
    return Cast(world, department, head, owner, other)


def raise_nc(c: Cast, **overrides: Any) -> Nonconformity:
    values: dict[str, Any] = {
        "source": NcSource.INTERNAL_AUDIT,
        "severity": Severity.MINOR,
        "description": "Hồ sơ trả kết quả trễ hạn không có phiếu xin lỗi",
        "found_on": datetime.date(2026, 3, 2),
        "clause": "8.5.1",
        "department": c.department,
    }
    values.update(overrides)
    return services.nonconformity_raise(
        agency=c.world.chu_se_pc, data=services.NonconformityData(**values), actor=c.other_official
    )


def plan_data(c: Cast, root_cause: str = "Chưa có quy định về phiếu xin lỗi") -> Any:
    return services.PlanData(
        correction="Gửi phiếu xin lỗi cho công dân",
        whys=["Vì cán bộ không biết", "Vì quy trình không nêu"],
        root_cause=root_cause,
        actions=[
            services.ActionData("Sửa quy trình QT-01", c.owner, 5),
            services.ActionData("Tập huấn cán bộ một cửa", c.owner, 10),
        ],
    )


def walk_to(c: Cast, state: str, **overrides: Any) -> Nonconformity:
    """A request brought to `state` by the services, by the actors the rules want."""
    w = c.world
    nc = raise_nc(c, **overrides)
    if state == NcState.DESCRIBED:
        return nc
    if state == NcState.CANCELLED:
        return services.nonconformity_cancel(nc=nc, reason="Trùng", actor=w.secretary)
    nc = services.nonconformity_confirm(nc=nc, actor=c.head, at=at(3, 2))
    if state == NcState.CONFIRMED:
        return nc
    nc = services.nonconformity_plan(nc=nc, data=plan_data(c), actor=c.head, at=at(3, 3))
    if state == NcState.PLANNED:
        return nc
    nc = services.nonconformity_approve(nc=nc, actor=w.leader, at=at(3, 4))
    if state == NcState.APPROVED:
        return nc
    for action in nc.actions.filter(state="open"):
        services.action_complete(action=action, result="Đã làm", actor=c.owner, at=at(3, 9))
    nc.refresh_from_db()
    if state == NcState.IMPLEMENTED:
        return nc
    effective = state == NcState.CLOSED
    return services.nonconformity_verify(
        nc=nc, effective=effective, note="Kiểm tra 10 hồ sơ", actor=w.secretary, at=at(4, 1)
    )
