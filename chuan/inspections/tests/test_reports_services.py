"""Editing, correcting and issuing the province's reports; frozen once issued; who may write;
the DOCX narrative and the XLSX annex read back with their figures."""

import datetime
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.inspections.report_states import ReportKind, ReportState
from chuan.inspections.reports_export import report_docx, report_xlsx
from chuan.inspections.services.reports import (
    IssueData,
    report_compile,
    report_correct,
    report_edit,
    report_issue,
)
from chuan.inspections.tests.reports_support import (
    DECEMBER_TOTAL,
    NOVEMBER_TOTAL,
    YEAR,
    build_province,
)
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
TODAY = datetime.date(YEAR, 12, 20)


@pytest.fixture
def hand():
    return build_province()


@pytest.fixture
def draft(hand):
    return report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
    )


def _issue(report, actor):
    return report_issue(
        report=report,
        data=IssueData(number="125/BC-SKHCN", issued_on=TODAY, signer="Nguyễn Văn Ký",
                       signer_title="Giám đốc"),
        actor=actor,
        today=TODAY,
    )  # fmt: skip


def test_edit_and_correct_a_draft(hand, draft):
    report = report_edit(
        report=draft,
        section="recommendations",
        text=" Đề nghị Bộ hướng dẫn. ",
        actor=hand.coordinator,
    )
    assert report.sections["recommendations"] == "Đề nghị Bộ hướng dẫn."
    report = report_correct(
        report=report, block="communes", column="trained", value=5,
        note="Hai xã báo cáo bằng giấy", actor=hand.coordinator,
    )  # fmt: skip
    assert report.corrections == [
        {"block": "communes", "column": "trained", "value": 5, "was": 1,
         "note": "Hai xã báo cáo bằng giấy"}
    ]  # fmt: skip
    from chuan.core.activity_format import change_lines

    entry = ActivityEntry.objects.get(verb="province_report.corrected")
    shown = " ".join(change_lines(entry.verb, entry.changes))
    assert "Khối xã, phường, đặc khu" in shown and "Lượt cán bộ được đào tạo" in shown
    verbs = list(ActivityEntry.objects.order_by("id").values_list("verb", "actor"))
    assert verbs[-2:] == [
        ("province_report.edited", hand.coordinator.pk),
        ("province_report.corrected", hand.coordinator.pk),
    ]


def test_bad_input_is_refused_and_changes_nothing(hand, draft):
    with pytest.raises(ValidationError) as refused:
        report_edit(report=draft, section="nope", text="x", actor=hand.coordinator)
    assert "section" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        report_correct(
            report=draft, block="moon", column="x", value=-1, note="", actor=hand.coordinator
        )
    assert set(refused.value.message_dict) == {"block", "column", "value", "note"}
    with pytest.raises(ValidationError) as refused:
        report_issue(
            report=draft,
            data=IssueData(number=" ", issued_on=TODAY + datetime.timedelta(days=1), signer=""),
            actor=hand.coordinator,
            today=TODAY,
        )
    assert set(refused.value.message_dict) == {"number", "issued_on", "signer"}
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT and draft.corrections == [] and not draft.number


def test_issued_report_is_frozen(hand, draft):
    report = _issue(draft, hand.coordinator)
    assert report.state == ReportState.ISSUED
    assert report.number == "125/BC-SKHCN" and report.issued_by == hand.coordinator
    before = ActivityEntry.objects.count()
    attempts = [
        lambda: report_compile(
            province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
        ),
        lambda: report_edit(report=report, section="assessment", text="x", actor=hand.coordinator),
        lambda: report_correct(
            report=report, block="boards", column="required", value=2, note="x",
            actor=hand.coordinator,
        ),
        lambda: _issue(report, hand.coordinator),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(ConflictError):
            attempt()
    report.refresh_from_db()
    assert report.compiled["total"] == DECEMBER_TOTAL
    assert report.sections["assessment"] == ""
    assert ActivityEntry.objects.count() == before


def test_dost_of_another_province_and_agency_officials_may_not_write(hand, draft, world):
    other = build_province(code="96")
    for actor in (other.coordinator, hand.agency_leader, world.coordinator):
        with pytest.raises(PermissionDenied):
            report_compile(province=hand.province, year=YEAR, kind="november", actor=actor)
        with pytest.raises(PermissionDenied):
            report_edit(report=draft, section="assessment", text="x", actor=actor)
        with pytest.raises(PermissionDenied):
            _issue(draft, actor)
    inspector = member(UserFactory(roles=[Role.INSPECTOR]), hand.agencies["dost"])
    with pytest.raises(PermissionDenied):  # an inspector reads the province, DOST writes
        report_edit(report=draft, section="assessment", text="x", actor=inspector)


def test_docx_reads_back_with_its_figures_and_narrative(hand, draft):
    import docx

    report = report_edit(
        report=draft, section="assessment", text="Các cơ quan duy trì tốt.", actor=hand.coordinator
    )
    report = report_correct(
        report=report, block="boards", column="required", value=3, note="Thêm hai ban",
        actor=hand.coordinator,
    )  # fmt: skip
    report = _issue(report, hand.coordinator)
    document = docx.Document(BytesIO(report_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "125/BC-SKHCN" in text and "Các cơ quan duy trì tốt." in text
    assert "Thêm hai ban" in text
    table = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][0] and len(rows[0]) == 16
    assert rows[1][0] == "Khối Ban" and rows[1][1] == "3"  # corrected
    assert rows[-1][1:] == [str(n) for n in [DECEMBER_TOTAL[0] + 2, *DECEMBER_TOTAL[1:]]]


def test_xlsx_annex_reads_back_with_its_figures(hand):
    from openpyxl import load_workbook

    report = report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.NOVEMBER, actor=hand.coordinator
    )
    book = load_workbook(BytesIO(report_xlsx(report)), read_only=True)
    assert book.sheetnames[:2] == ["Tóm tắt", "Cơ quan"] or len(book.sheetnames) == 4
    summary = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    total = next(row for row in summary if row[0] in ("Tổng cộng", "Total"))
    assert total[1:] == NOVEMBER_TOTAL
    agencies = [list(row) for row in book.worksheets[1].iter_rows(values_only=True)]
    justice = next(row for row in agencies if row[0] == "Sở Tư pháp")
    assert justice[1:] == [0, 1, 0, 1, 0, 1, 0, 3, 1, 1, 0, 2]
    inspections = [list(row) for row in book.worksheets[2].iter_rows(values_only=True)]
    forest = next(row for row in inspections if row[0] == "Chi cục Kiểm lâm")
    assert forest[2] == datetime.datetime(YEAR, 6, 15) and forest[4] == 1
