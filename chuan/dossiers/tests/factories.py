"""A desk to test with: the ward's People's Committee with its electronic code, birth
registration (same day) and a land procedure (10 working days) with an internal process,
and its one-stop officer and official."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chuan.accounts.roles import Role
from chuan.dossiers.choices import Channel
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.services import Applicant, Counted, ReceiptData, dossier_receive
from chuan.organisations.models import Agency
from chuan.organisations.tests.factories import UserFactory, member
from chuan.procedures.models import ProcedureVersion
from chuan.procedures.tests.factories import approved_process, make_procedure


@dataclass
class Desk:
    agency: Agency
    birth: ProcedureVersion
    land: ProcedureVersion
    officer: Any
    official: Any
    leader: Any


def make_desk(world: Any) -> Desk:
    agency = world.ward_pc
    agency.code = "000.27.01.H21"
    agency.save(update_fields=["code"])
    birth = make_procedure(world.gia_lai_2025, valid_from=dt.date(2025, 7, 1))
    land = make_procedure(
        world.gia_lai_2025,
        "1.012787",
        name="Đăng ký đất đai lần đầu",
        field_name="Đất đai",
        time_amount=Decimal(10),
        time_unit="working_days",
    )
    approved_process(
        agency,
        land,
        "4",
        "56",
        "8",
        "4",
        responsible=("desk", "department", "leader", "desk"),
        signing=(3,),  # the leader signs the result at step 3; the desk returns it at step 4
    )
    return Desk(
        agency=agency,
        birth=birth,
        land=land,
        officer=member(UserFactory(roles=[Role.DESK_OFFICER]), agency),
        official=member(UserFactory(roles=[Role.PROCESSING_OFFICIAL]), agency),
        leader=member(UserFactory(roles=[Role.AGENCY_LEADER]), agency),
    )


def receipt(version: ProcedureVersion, **changes: Any) -> ReceiptData:
    values: dict[str, Any] = {
        "version": version,
        "channel": Channel.IN_PERSON,
        "applicant": Applicant(
            name="Nguyễn Thị Hoa",
            id_number="064095000123",
            phone="0905 123 456",
            address="Tổ 3, phường Pleiku",
        ),
        "components": [Counted("Tờ khai", originals=1), Counted("Giấy chứng sinh", originals=1)],
        "fee_amount": 0,
    }
    values.update(changes)
    return ReceiptData(**values)


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VIETNAM)


def receive(desk: Desk, version: ProcedureVersion, when: dt.datetime, **changes: Any) -> Any:
    return dossier_receive(
        agency=desk.agency, data=receipt(version, **changes), actor=desk.officer, at=when
    )


def finish_through(
    desk: Desk, dossier: Any, when: dt.datetime, result: str = "approved", note: str = ""
) -> Any:
    """Take a dossier through its steps to the one giving the result and finish it there,
    each step completed by who may (the leader signs), all at `when`."""
    from chuan.dossiers import rules, services

    def doer(step: Any) -> Any:
        if step.signs:
            return desk.leader
        return desk.officer if step.responsible == "desk" else desk.official

    while True:
        steps = list(dossier.steps.order_by("order"))
        current = next(step for step in steps if step.order == dossier.current_step)
        if not rules.unpassed_steps(steps, dossier.current_step):
            break
        following = next(step for step in steps if step.order == current.order + 1)
        dossier = services.dossier_hand_over(
            dossier=dossier, actor=doer(current), to_user=doer(following), at=when
        )
    return services.dossier_finish(
        dossier=dossier, result=result, note=note, actor=doer(current), at=when
    )
