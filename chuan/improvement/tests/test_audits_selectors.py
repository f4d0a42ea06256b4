"""What the internal audit brings to the management review and to the agency's page."""

import datetime

from django.utils import timezone

import pytest

from chuan.improvement.choices import ChecklistResult
from chuan.improvement.models import Audit
from chuan.improvement.selectors import audits as selectors
from chuan.improvement.services import audits_checklist as checklist
from chuan.improvement.services.audits_checklist import FindingData, ReportData
from chuan.improvement.tests.test_audits_services import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(world):
    return Office(world)


def _done(office, programme, results, closing):
    audit = office.audit(programme, title=f"Đợt {len(results)}")
    checklist.checklist_prepare(audit=audit, actor=office.secretary)
    checklist.audit_transition(audit=audit, action="start", actor=office.secretary)
    lines = list(audit.checklist.filter(department=office.desk).order_by("order"))
    for line, result in zip(lines, results, strict=False):
        checklist.checklist_line_record(
            line=line,
            data=FindingData(evidence="Bằng chứng", result=result, auditor=office.an),
            actor=office.secretary,
        )
    checklist.audit_transition(
        audit=audit, action="issue_report", actor=office.secretary, report=ReportData("T", "K")
    )
    Audit.objects.filter(pk=audit.pk).update(closing_at=closing)
    return audit


def test_no_audit_yet(office):
    assert selectors.last_internal_audit(office.agency.pk) is None
    result = selectors.review_input(
        agency=office.agency, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert result.rows == [] and "0" in result.summary
    card = selectors.card(office.agency.pk, datetime.date(2026, 6, 1))
    assert card.programme is None and card.overdue


def test_review_input_counts_the_period_and_the_year_gaps(office):
    programme = office.programme(2026)
    tz = timezone.get_current_timezone()
    first = _done(
        office,
        programme,
        [ChecklistResult.MINOR_NC, ChecklistResult.MINOR_NC, ChecklistResult.OBSERVATION],
        datetime.datetime(2026, 5, 15, 16, tzinfo=tz),
    )
    _done(
        office,
        programme,
        [ChecklistResult.MAJOR_NC],
        datetime.datetime(2026, 11, 20, 16, tzinfo=tz),
    )
    office.audit(programme, title="Đợt kế hoạch")  # planned: not held
    result = selectors.review_input(
        agency=office.agency, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30)
    )
    assert result.rows == [[first.title, "2026-05-15", 0, 2, 1, 0]]
    assert len(result.headers) == 6
    whole = selectors.review_input(
        agency=office.agency, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)
    )
    assert [row[2:] for row in whole.rows] == [[0, 2, 1, 0], [1, 0, 0, 0]]
    # Three departments × seven clauses; the audits cover 7, 8 and 9 for two of them.
    assert "15" in whole.summary and "2026" in whole.summary
    assert selectors.last_internal_audit(office.agency.pk) == datetime.date(2026, 11, 20)
    card = selectors.card(office.agency.pk, datetime.date(2026, 12, 1))
    assert (card.done, card.planned, card.gaps, card.overdue) == (2, 1, 15, False)
    assert selectors.card(office.agency.pk, datetime.date(2028, 1, 1)).overdue


def test_the_findings_table_counts_by_department_and_result(office):
    programme = office.programme(2026)
    tz = timezone.get_current_timezone()
    audit = _done(
        office,
        programme,
        [ChecklistResult.MINOR_NC, ChecklistResult.OPPORTUNITY, ChecklistResult.CONFORMING],
        datetime.datetime(2026, 5, 15, 16, tzinfo=tz),
    )
    table = selectors.findings_table(audit)
    assert table.rows == [("Bộ phận một cửa", [0, 1, 0, 1], 2)]
    assert table.totals == [0, 1, 0, 1] and table.total == 2
