"""Compiling the province's reports on a hand-built province whose every cell is known
(QĐ 19/2014 Appendix II in December; TT 26/2014 Art. 38.1 in November)."""

import datetime

import pytest

from chuan.inspections.report_states import ReportKind
from chuan.inspections.report_template import template
from chuan.inspections.selectors.reports import COLUMN_SELECTORS, report_figures
from chuan.inspections.services.reports import report_compile
from chuan.inspections.tests.reports_support import (
    DECEMBER,
    DECEMBER_TOTAL,
    NOVEMBER,
    NOVEMBER_TOTAL,
    YEAR,
    build_province,
)
from chuan.organisations.tests.factories import AgencyFactory, make_unit

pytestmark = pytest.mark.django_db


def _cells(figures):
    return {block["key"]: block["totals"] for block in figures["blocks"]}


def test_every_column_of_both_templates_names_a_known_selector():
    for kind in ReportKind.values:
        shape = template(kind)
        assert shape.columns and shape.sections and shape.blocks
        assert all(column["selector"] in COLUMN_SELECTORS for column in shape.columns)
        assert not shape.confirmed  # Appendix II's field list is not confirmed


def test_december_figures_cell_by_cell():
    hand = build_province()
    figures = report_figures(province=hand.province, year=YEAR, kind=ReportKind.DECEMBER)
    assert figures["on"] == "2026-12-31"
    # Districts ended on 30/06/2025: their block is left out of a later year's report.
    assert [b["key"] for b in figures["blocks"]] == [
        "boards", "sub_departments", "departments", "vertical", "communes",
    ]  # fmt: skip
    assert _cells(figures) == DECEMBER
    assert figures["total"] == DECEMBER_TOTAL
    names = {row["name"] for block in figures["blocks"] for row in block["rows"]}
    assert "Ủy ban nhân dân tỉnh" not in names  # the People's Committee builds no QMS itself
    assert "Sở Cũ" not in names  # gone before the reference date


def test_november_figures_and_inspections():
    hand = build_province()
    figures = report_figures(province=hand.province, year=YEAR, kind=ReportKind.NOVEMBER)
    assert _cells(figures) == NOVEMBER
    assert figures["total"] == NOVEMBER_TOTAL
    rows = {row["agency"]: row for row in figures["inspections"]}
    assert set(rows) == {"Chi cục Kiểm lâm", "Sở Khoa học và Công nghệ", "Sở Tư pháp"}
    assert rows["Sở Tư pháp"]["requests"] == 3
    assert rows["Chi cục Kiểm lâm"]["requests"] == 1  # the draft request was never issued
    assert len(figures["findings"]) == 13


def test_districts_are_a_block_of_the_years_before_2025():
    legacy = make_unit(
        unit_set="legacy", code="97", name="Tỉnh Cũ", short_name="Cũ", level="province",
        kind="province",
    )  # fmt: skip
    district = make_unit(
        unit_set="legacy", code="971", name="Huyện Một", short_name="Một", level="district",
        kind="rural_district", parent=legacy,
    )  # fmt: skip
    AgencyFactory(
        name="UBND huyện Một", unit=district, kind="district_peoples_committee", level="district"
    )
    AgencyFactory(name="Sở Nội vụ", unit=legacy)
    figures = report_figures(province=legacy, year=2018, kind=ReportKind.DECEMBER)
    cells = _cells(figures)
    assert cells["districts"][0] == 1
    assert cells["departments"][0] == 1
    # A legacy province's last report stands on its last day.
    late = report_figures(province=legacy, year=2025, kind=ReportKind.DECEMBER)
    assert late["on"] == "2025-06-30"


def test_compile_counts_queries_independent_of_agencies(django_assert_max_num_queries):
    hand = build_province()
    with django_assert_max_num_queries(10):
        report_figures(province=hand.province, year=YEAR, kind=ReportKind.NOVEMBER)
    for index in range(30):
        AgencyFactory(name=f"Sở thêm {index}", unit=hand.province)
    with django_assert_max_num_queries(10):
        figures = report_figures(province=hand.province, year=YEAR, kind=ReportKind.NOVEMBER)
    assert figures["total"][0] == 2  # planned lines unchanged


def test_compile_creates_then_replaces_the_draft_and_records_activity():
    from chuan.core.models import ActivityEntry

    hand = build_province()
    report = report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
    )
    assert report.state == "draft"
    assert set(report.sections) == {"situation", "inspection", "assessment", "recommendations"}
    again = report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
    )
    assert again.pk == report.pk
    entries = ActivityEntry.objects.filter(verb="province_report.compiled")
    assert entries.count() == 2
    assert entries.first().actor == hand.coordinator
    assert entries.first().changes["agencies"] == 7


def test_compile_refuses_bad_input_and_changes_nothing():
    from django.core.exceptions import ValidationError

    from chuan.inspections.models import ProvinceReport

    hand = build_province()
    with pytest.raises(ValidationError) as refused:
        report_compile(province=hand.province, year=1990, kind="june", actor=hand.coordinator)
    assert set(refused.value.message_dict) == {"year", "kind"}
    assert not ProvinceReport.objects.exists()
    assert datetime.date(YEAR, 1, 1)
