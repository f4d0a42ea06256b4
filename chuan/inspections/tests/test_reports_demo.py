"""The demo loader of the province's reports: both reports compiled with their narrative,
the November one issued, and loading again changes nothing issued."""

import pytest

from chuan.demo.dost_reports import load_reports
from chuan.inspections.models import ProvinceReport
from chuan.inspections.tests.reports_support import YEAR, build_province

pytestmark = pytest.mark.django_db


def test_load_reports_twice():
    hand = build_province()
    first = load_reports(
        province=hand.province, year=YEAR, actor=hand.coordinator, issue_november=True
    )
    november, december = first["november"], first["december"]
    assert november.state == "issued" and november.number == "126/BC-SKHCN"
    assert december.state == "draft"
    assert "7 cơ quan thuộc diện áp dụng" in december.sections["situation"]
    assert "4 yêu cầu khắc phục" in november.sections["corrective"]
    again = load_reports(
        province=hand.province, year=YEAR, actor=hand.coordinator, issue_november=True
    )
    assert again["november"].issued_at == november.issued_at
    assert ProvinceReport.objects.count() == 2
