"""Demo: a records-based reporting round of DOST's year (TT 26/2014/TT-BKHCN Art. 35) —
the request letter to the given inspections and the first `answered` of them answered by
their agency, confirming what Chuẩn pre-filled."""

import datetime
from typing import Any

from chuan.inspections import article36
from chuan.inspections.models import Inspection, ItemAnswer
from chuan.inspections.services.records import inspection_request_report
from chuan.inspections.services.records_answers import (
    ItemData,
    inspection_answer_save,
    inspection_answer_submit,
)


def load_records_round(
    *,
    inspections: list[Inspection],
    number: str,
    letter_date: datetime.date,
    reply_due: datetime.date,
    answered: int,
    actor: Any,
    answerer: Any,
) -> list[Inspection]:
    """Request the reports of `inspections` (planned ones) and have the first `answered`
    answered: each item confirmed with Chuẩn's summary (or a line saying it is done)."""
    requested = [
        inspection_request_report(
            inspection=inspection,
            number=number,
            letter_date=letter_date,
            reply_due=reply_due,
            actor=actor,
        )
        for inspection in inspections
    ]
    for inspection in requested[: max(0, answered)]:
        prefilled = {
            row.code: row.prefill.get("summary", "")
            for row in ItemAnswer.objects.filter(inspection=inspection)
        }
        items = {
            code: ItemData(
                answer=prefilled.get(code) or "Cơ quan đã thực hiện nội dung này.",
                evidence="Hồ sơ lưu tại bộ phận ISO.",
                confirmed=True,
            )
            for code in article36.CODES
        }
        inspection_answer_save(inspection=inspection, items=items, actor=answerer)
        inspection_answer_submit(inspection=inspection, actor=answerer)
    for inspection in requested:
        inspection.refresh_from_db()
    return requested
