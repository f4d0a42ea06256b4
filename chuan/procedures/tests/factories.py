"""A procedure and an internal process built through the services, for tests."""

import datetime as dt
from decimal import Decimal
from typing import Any

from chuan.legal.models import LegalDocument
from chuan.procedures.models import InternalProcess, ProcedureVersion
from chuan.procedures.services import (
    ComponentData,
    ProcedureData,
    StepData,
    procedure_create,
    process_approve,
    process_draft_create,
)


def procedure_data(**changes: Any) -> ProcedureData:
    values: dict[str, Any] = {
        "name": "Thủ tục đăng ký khai sinh",
        "field_name": "Hộ tịch",
        "levels": ["commune"],
        "time_amount": Decimal(0),
        "time_unit": "same_day",
        "valid_from": dt.date(2025, 7, 1),
        "time_note": "Ngay trong ngày tiếp nhận hồ sơ",
        "fee": "Miễn lệ phí",
        "components": [
            ComponentData("Tờ khai đăng ký khai sinh theo mẫu"),
            ComponentData("Giấy chứng sinh", originals=1),
        ],
        "legal_basis": list(
            LegalDocument.objects.order_by("-pk")[:1]
        ),  # the test's own, not the circulars the migrations load
    }
    values.update(changes)
    return ProcedureData(**values)


def make_procedure(province: Any, code: str = "1.001193", **changes: Any) -> ProcedureVersion:
    return procedure_create(
        province=province, code=code, data=procedure_data(**changes), actor=None
    )


def steps(
    *hours: str, responsible: tuple[str, ...] = (), signing: tuple[int, ...] = ()
) -> list[StepData]:
    """Steps of `hours` working hours each, the department's unless `responsible` says
    otherwise; the steps numbered in `signing` are signed by a leader."""
    return [
        StepData(
            name=f"Bước {i}",
            responsible=responsible[i - 1] if responsible else "department",
            time_amount=Decimal(h),
            time_unit="working_hours",
            signs=i in signing,
        )
        for i, h in enumerate(hours, start=1)
    ]


def approved_process(
    agency: Any,
    version: ProcedureVersion,
    *hours: str,
    responsible: tuple[str, ...] = (),
    signing: tuple[int, ...] = (),
) -> InternalProcess:
    process = process_draft_create(
        agency=agency,
        procedure=version.procedure,
        code="QT-01",
        steps=steps(*hours, responsible=responsible, signing=signing),
        actor=None,
    )
    return process_approve(
        process=process,
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2025, 7, 10),
        valid_from=dt.date(2025, 7, 15),
        actor=None,
    )
