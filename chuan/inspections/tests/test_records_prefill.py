"""What Chuẩn pre-fills on the Article 36 items, on a hand-built agency, in a bounded
number of queries; and the reminders of reports due."""

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from chuan.documents.choices import DocumentKind, ReviewStatus
from chuan.documents.models import ControlledDocument, ReviewRequest
from chuan.dossiers.models import MonthlyFigure
from chuan.improvement.choices import NcSource, ReviewState, Severity
from chuan.improvement.models import ManagementReview
from chuan.improvement.services.nonconformities import NonconformityData, nonconformity_raise
from chuan.inspections import prefill as rules
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import ItemAnswer
from chuan.inspections.selectors.records import prefill_facts
from chuan.inspections.services import records as services
from chuan.inspections.tests.records_support import make_inspection
from chuan.legal.tests.factories import legal
from chuan.procedures.models import Field
from chuan.procedures.tests.factories import make_procedure
from chuan.rollout.choices import EventKind
from chuan.rollout.models import QmsEvent

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 6, 15, 10, 0))


def _hand_built(world: Any) -> Any:
    agency = world.chu_se_pc
    QmsEvent.objects.create(
        agency=agency,
        kind=EventKind.ANNOUNCED,
        occurred_on=datetime.date(2024, 5, 2),
        decision_number="45/QĐ-UBND",
        decision_date=datetime.date(2024, 5, 2),
        signer="Nguyễn Văn A",
        iso_edition="2015",
        scope="Toàn bộ thủ tục hành chính của huyện",
        consultant="Trung tâm Kỹ thuật TĐC 3",
    )
    QmsEvent.objects.create(
        agency=agency,
        kind=EventKind.REANNOUNCED,
        occurred_on=datetime.date(2025, 9, 1),
        decision_number="12/QĐ-UBND",
        scope="Thêm lĩnh vực đất đai",
    )
    law = legal(None, "15/2025/QH15", "law", datetime.date(2025, 1, 1))
    for index, status in enumerate([ReviewStatus.REVISED, ReviewStatus.OPEN, ReviewStatus.OPEN]):
        document = ControlledDocument.objects.create(
            agency=agency, code=f"QT-0{index}", title="Quy trình", kind=DocumentKind.QUALITY_POLICY
        )
        ReviewRequest.objects.create(
            legal_document=law,
            reason="Luật sửa đổi",
            document=document,
            agency=agency,
            due_at=NOW + datetime.timedelta(days=30 if index == 1 else -5),
            legal_due_on=datetime.date(2026, 9, 1) if index == 1 else datetime.date(2026, 6, 1),
            status=status,
            closed_at=NOW - datetime.timedelta(days=10) if status == ReviewStatus.REVISED else None,
        )
    ManagementReview.objects.create(
        agency=agency,
        title="Họp xem xét năm 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        held_at=timezone.make_aware(datetime.datetime(2026, 1, 20, 8)),
        chair=world.leader,
        secretary=world.secretary,
        state=ReviewState.APPROVED,
    )
    nonconformity_raise(
        agency=agency,
        data=NonconformityData(
            source=NcSource.CITIZEN,
            severity=Severity.MINOR,
            description="Người dân phản ánh trễ hẹn",
            found_on=datetime.date(2026, 3, 1),
        ),
        actor=None,
        found_by=world.secretary,
    )
    version = make_procedure(world.gia_lai_legacy)
    field = Field.objects.first() or Field.objects.create(name="Hộ tịch")
    MonthlyFigure.objects.create(
        agency=agency,
        procedure=version.procedure,
        month=datetime.date(2026, 2, 1),
        finished_early=30,
        finished_on_time=60,
        finished_late=10,
    )
    MonthlyFigure.objects.create(  # last year's: not counted
        agency=agency,
        procedure=version.procedure,
        month=datetime.date(2025, 12, 1),
        finished_late=50,
    )
    assert field
    return agency


def test_facts_of_a_hand_built_agency(world: Any) -> None:
    agency = _hand_built(world)
    facts = prefill_facts([agency.pk, world.ward_pc.pk], year=2026, now=NOW)[agency.pk]
    assert facts["announcement"]["decision_number"] == "12/QĐ-UBND"  # the latest
    assert facts["reannouncements"] == {"count": 1, "last_on": "2025-09-01"}
    assert facts["consultant"] == {"consultant": "Trung tâm Kỹ thuật TĐC 3"}
    reviews = facts["law_reviews"]
    assert (reviews["revised"], reviews["open"], reviews["overdue"]) == (1, 2, 1)
    assert reviews["overdue_items"] == [{"law": "15/2025/QH15", "due_on": "2026-06-01"}]
    assert facts["management_review"]["held_on"] == "2026-01-20"
    assert "audit" not in facts
    assert facts["nonconformities"]["open"] == 1
    assert facts["complaints"]["count"] == 1
    assert facts["on_time"] == {"year": 2026, "finished": 100, "not_late": 90, "rate": 90.0}


def test_items_get_the_facts_that_evidence_them(world: Any) -> None:
    agency = _hand_built(world)
    with translation.override("en"):
        filled = rules.build(prefill_facts([agency.pk], year=2026, now=NOW)[agency.pk])
    assert [f["key"] for f in filled["2d"]["facts"]] == ["law_reviews"]
    assert "15/2025/QH15" in filled["2d"]["summary"]
    assert "12/QĐ-UBND" in filled["2c"]["summary"]
    assert "90,0%" in filled["1d"]["summary"]
    assert "20/01/2026" in filled["1dd"]["summary"]
    assert "no internal audit" in filled["1dd"]["summary"]
    assert filled["1b"] == {"facts": [], "summary": ""}


def test_prefill_for_many_agencies_in_a_handful_of_queries(world: Any) -> None:
    _hand_built(world)
    inspections = [make_inspection(a) for a in (world.chu_se_pc, world.ward_pc, world.dost)]
    with CaptureQueriesContext(connection) as queries:
        written = services.prefill_for(inspections, now=NOW)
    assert written == 39
    assert len(queries) <= 12
    row = ItemAnswer.objects.get(inspection=inspections[0], code="2c")
    assert "12/QĐ-UBND" in row.prefill["summary"]
    with translation.override("en"):
        assert rules.summaries(row.prefill)[0].startswith("Announced by decision 12/QĐ-UBND")
    # Refreshing keeps the agency's answers.
    row.answer, row.confirmed = "Đúng", True
    row.save()
    with CaptureQueriesContext(connection) as queries:
        services.prefill_for(inspections, now=NOW)
    assert len(queries) <= 14
    row.refresh_from_db()
    assert row.answer == "Đúng" and row.confirmed


def test_reminders_reach_the_answerers_of_due_and_overdue_reports(world: Any) -> None:
    today = datetime.date(2026, 3, 25)
    due_soon = make_inspection(
        world.chu_se_pc, state=InspectionState.REQUESTED, reply_due=datetime.date(2026, 3, 30)
    )
    make_inspection(  # far away: no reminder
        world.ward_pc, state=InspectionState.REQUESTED, reply_due=datetime.date(2026, 5, 30)
    )
    overdue = make_inspection(
        world.kon_tum_dept, state=InspectionState.REQUESTED, reply_due=datetime.date(2026, 3, 1)
    )
    make_inspection(
        world.chu_se_pc,
        year=2025,
        state=InspectionState.ANSWERED,
        reply_due=datetime.date(2026, 3, 1),
    )
    with CaptureQueriesContext(connection) as queries:
        reminders = services.report_reminders(today)
    assert len(queries) <= 4  # the calendar (cached between runs), inspections, users
    got = {(r.user_id, r.key, r.overdue) for r in reminders}
    assert got == {
        (world.leader.pk, f"inspection-report:{due_soon.pk}", False),
        (world.secretary.pk, f"inspection-report:{due_soon.pk}", False),
        (world.outsider.pk, f"inspection-report:{overdue.pk}", True),
    }
    from chuan.notifications.registry import KINDS

    assert KINDS["inspection_report_due"].provider is services.report_reminders
