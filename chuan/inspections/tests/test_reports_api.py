"""/api/v1/inspections/reports/: list and read the province's reports, compile, issue — scoped
like the screens, 409 once issued, 400 naming the field, 403 outside the province."""

from django.urls import reverse
from django.utils import timezone

import pytest

from chuan.inspections.report_states import ReportKind
from chuan.inspections.services.reports import report_compile
from chuan.inspections.tests.reports_support import NOVEMBER_TOTAL, YEAR, build_province

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, data=data, content_type="application/json")


def test_compile_read_issue_and_frozen(client, django_assert_max_num_queries):
    hand = build_province()
    client.force_login(hand.coordinator)
    response = _post(
        client,
        reverse("inspections_report_compile"),
        {"province": hand.province.pk, "year": YEAR, "kind": "november"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "draft" and body["compiled"]["total"] == NOVEMBER_TOTAL
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("inspections_report_list") + f"?year={YEAR}")
    assert [r["id"] for r in listing.json()["results"]] == [body["id"]]
    detail = client.get(reverse("inspections_report_detail", args=[body["id"]]))
    assert detail.json()["sections"]["recommendations"] == ""
    issue = reverse("inspections_report_issue", args=[body["id"]])
    assert _post(client, issue, {"number": "", "issued_on": "2026-01-01"}).status_code == 400
    today = timezone.localdate().isoformat()
    ok = _post(client, issue, {"number": "9/BC", "issued_on": today, "signer": "Lê Ký"})
    assert ok.status_code == 200 and ok.json()["state"] == "issued"
    again = _post(client, issue, {"number": "10/BC", "issued_on": today, "signer": "Lê Ký"})
    assert again.status_code == 409
    recompile = _post(
        client,
        reverse("inspections_report_compile"),
        {"province": hand.province.pk, "year": YEAR, "kind": "november"},
    )
    assert recompile.status_code == 409


def test_permission_matrix():
    from rest_framework.test import APIClient

    hand = build_province()
    other = build_province(code="96")
    report = report_compile(
        province=hand.province, year=YEAR, kind=ReportKind.DECEMBER, actor=hand.coordinator
    )
    client = APIClient()
    url = reverse("inspections_report_detail", args=[report.pk])
    assert client.get(url).status_code == 401
    client.force_authenticate(other.coordinator)
    assert client.get(url).status_code == 404
    assert client.get(reverse("inspections_report_list")).json()["count"] == 0
    compile_url = reverse("inspections_report_compile")
    data = {"province": hand.province.pk, "year": YEAR, "kind": "december"}
    assert client.post(compile_url, data, format="json").status_code == 403
    client.force_authenticate(hand.agency_leader)
    assert client.get(url).status_code == 403
    assert client.get(reverse("inspections_report_list")).status_code == 403
    client.force_authenticate(hand.coordinator)
    assert client.get(url).status_code == 200
    bad = client.post(compile_url, {**data, "year": 99999}, format="json")
    assert bad.status_code == 400 and "year" in bad.json()
