"""The screens of the province's reports and DOST's dashboard: who sees what, query budgets
independent of the number of agencies, the narrative edited with HTMX, downloads."""

from io import BytesIO

from django.urls import reverse
from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections.models import ProvinceReport
from chuan.inspections.report_states import ReportKind, ReportState
from chuan.inspections.services.reports import report_compile
from chuan.inspections.tests.reports_support import YEAR, build_province
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def hand():
    return build_province()


@pytest.fixture
def report(hand):
    return report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
    )


def test_report_page_permission_matrix(client, hand, report):
    other = build_province(code="96")
    url = reverse("inspections:report_detail", args=[report.pk])
    response = assert_permission_matrix(
        client, url, allowed=hand.coordinator, outsider=other.coordinator
    )
    html = response.content.decode()
    assert "Khối sở, ngành" in html and "Sở Tư pháp" in html
    assert 'class="table-responsive"' in html
    # An agency's own official reads none of the province's reports.
    client.force_login(hand.agency_leader)
    assert client.get(url).status_code == 403
    assert client.get(reverse("inspections:report_list")).status_code == 403
    for name in ("report_docx", "report_xlsx"):
        assert client.get(reverse(f"inspections:{name}", args=[report.pk])).status_code == 403
    client.force_login(other.coordinator)
    assert client.get(reverse("inspections:report_docx", args=[report.pk])).status_code == 404


def test_report_list_is_paginated_within_a_query_budget(
    client, hand, django_assert_max_num_queries
):
    for year in range(2000, 2030):
        ProvinceReport.objects.create(province=hand.province, year=year, kind=ReportKind.NOVEMBER)
    client.force_login(hand.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inspections:report_list"))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="report-row"') == 30
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inspections:report_list") + "?page=2")
    assert response.status_code == 200


def test_compile_from_the_list_and_dost_of_another_province_refused(client, hand):
    other = build_province(code="96")
    url = reverse("inspections:report_compile")
    data = {"kind": "november", "year": YEAR, "province": hand.province.pk}
    client.force_login(other.coordinator)
    response = client.post(url, data)  # its own province, never the one asked for
    assert ProvinceReport.objects.get().province == other.province
    client.force_login(hand.coordinator)
    response = client.post(url, data)
    report = ProvinceReport.objects.get(province=hand.province)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    client.force_login(hand.agency_leader)
    assert client.post(url, data).status_code == 403


def test_narrative_with_htmx_then_issue_then_frozen(client, hand, report):
    today = timezone.localdate()
    client.force_login(hand.coordinator)
    url = reverse("inspections:report_section", args=[report.pk])
    response = client.post(
        url, {"section": "assessment", "text": "Đạt yêu cầu."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="section-assessment"' in html and "Đạt yêu cầu." in html and "<html" not in html
    response = client.post(
        reverse("inspections:report_step", args=[report.pk, "issue"]),
        {"number": "12/BC-SKHCN", "issued_on": f"{today:%d/%m/%Y}", "signer": "Lê Văn Ký"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ISSUED and report.issued_on == today
    page = client.get(report.get_absolute_url()).content.decode()
    assert f"{today:%d/%m/%Y}" in page and 'data-testid="issue-form"' not in page
    assert "<textarea" not in page
    response = client.post(
        url, {"section": "assessment", "text": "Sửa sau khi ban hành"}, HTTP_HX_REQUEST="true"
    )
    assert "is-invalid" in response.content.decode()
    report.refresh_from_db()
    assert report.sections["assessment"] == "Đạt yêu cầu."


def test_downloads(client, hand, report):
    from openpyxl import load_workbook

    client.force_login(hand.coordinator)
    docx = client.get(reverse("inspections:report_docx", args=[report.pk]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')
    xlsx = client.get(reverse("inspections:report_xlsx", args=[report.pk]))
    book = load_workbook(BytesIO(xlsx.content), read_only=True)
    assert len(book.sheetnames) == 2


def _dashboard_counts(html):
    import re

    return dict(re.findall(r'data-testid="([a-z-]+)">([0-9/]+)<', html))


def test_dashboard_figures(client, hand):
    client.force_login(hand.coordinator)
    response = client.get(reverse("inspections:home") + f"?year={YEAR}")
    assert response.status_code == 200
    counts = _dashboard_counts(response.content.decode())
    # Four lines (the board's was removed): three concluded, the ward's due in May, late.
    assert counts["plan-done"] == "3/4"
    assert counts["plan-late"] == "1"
    assert counts["onsite-count"] == "2/4"
    assert counts["reports-received"] == "2/3"
    assert counts["awaiting"] == "1"
    assert counts["training-auditor"] == "1"  # the justice's auditor certificate was revoked
    assert counts["training-secretary"] == "2"
    assert counts["training-nobody"] == "4"
    assert "Chi cục Kiểm lâm" in response.content.decode()


def test_dashboard_query_budget_independent_of_agencies(
    client, hand, django_assert_max_num_queries
):
    client.force_login(hand.coordinator)
    url = reverse("inspections:home") + f"?year={YEAR}"
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    for index in range(40):
        AgencyFactory(name=f"Sở thêm {index}", unit=hand.province)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url)
    assert _dashboard_counts(response.content.decode())["training-nobody"] == "44"


def test_dashboard_xlsx(client, hand):
    from openpyxl import load_workbook

    client.force_login(hand.coordinator)
    response = client.get(reverse("inspections:home_export") + f"?year={YEAR}")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content), read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    values = [r[1] for r in rows[2:]]
    assert values[:4] == [4, 3, 0, 1]  # in the plan, done, due, late (as of today)
    coverage = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    board = next(r for r in coverage if r[0] == "Ban Quản lý Khu kinh tế")
    assert board[1:3] == [0, 0] and board[3]


def test_agency_official_sees_own_inspections(client, hand, django_assert_max_num_queries):
    client.force_login(hand.agency_leader)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inspections:home"))
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="own-inspections"' in html
    assert "Yêu cầu 3" in html and "Yêu cầu 1" not in html  # accepted ones are done
    assert "dashboard-tiles" not in html


def test_anonymous_and_without_right(client, hand):
    response = client.get(reverse("inspections:home"))
    assert response.status_code == 302
    nobody = member(UserFactory(roles=[]), hand.agencies["dost"])
    client.force_login(nobody)
    assert client.get(reverse("inspections:home")).status_code == 403
    inspector = member(UserFactory(roles=[Role.INSPECTOR]), hand.agencies["dost"])
    client.force_login(inspector)
    assert client.get(reverse("inspections:report_list")).status_code == 200
