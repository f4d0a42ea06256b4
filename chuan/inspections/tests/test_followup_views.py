"""Screens of the follow-up: the permission matrix of each (own agency, another agency,
DOST of another province), the report and decision forms, the file and close button, dates
dd/mm/yyyy and labels, and the query budget of each list page."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections import article39
from chuan.inspections.choices import InspectionState, RequestState
from chuan.inspections.models import CorrectionRequest
from chuan.inspections.services.followup import correction_accept
from chuan.inspections.tests.followup_support import (
    actions_done,
    concluded,
    evidence,
    followup,
    reported,
)
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_lists_permission_matrix(client, world):
    f = followup(world)
    assert_permission_matrix(
        client,
        reverse("inspections:followup_list"),
        allowed=world.coordinator,
        member_without_right=world.leader,
    )
    assert_permission_matrix(
        client,
        reverse("inspections:followup_agency"),
        allowed=world.viewer,
        member_without_right=member(UserFactory(roles=[]), world.chu_se_pc),
    )
    # DOST of another province sees none of Gia Lai's requests.
    client.force_login(f.other_coordinator)
    response = client.get(reverse("inspections:followup_list"))
    assert response.status_code == 200 and not response.context["page"].object_list


def test_request_page_permission_matrix(client, world):
    f = followup(world)
    request = reported(f, f.requests[0])
    url = reverse("inspections:followup_detail", args=[request.pk])
    for outsider in (world.outsider, f.other_answerer, f.other_coordinator):
        assert_permission_matrix(client, url, allowed=world.viewer, outsider=outsider)
    response = assert_permission_matrix(client, url, allowed=world.coordinator)
    assert response.context["may_decide"] and not response.context["may_report"]
    client.force_login(world.viewer)
    response = client.get(url)
    assert not response.context["may_decide"] and not response.context["may_report"]
    assert_permission_matrix(
        client,
        reverse("inspections:followup_evidence", args=[request.pk]),
        allowed=world.viewer,
        outsider=f.other_coordinator,
    )
    assert_permission_matrix(
        client,
        reverse("inspections:followup_decide", args=[request.pk, "accept"]),
        method="post",
        allowed=world.coordinator,
        member_without_right=world.leader,
        outsider=f.other_coordinator,
        allowed_status=302,
    )
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED


def test_the_agency_reports_through_the_form(client, world):
    f = followup(world, issued_on=timezone.localdate() - datetime.timedelta(days=90))
    request = f.requests[0]
    url = reverse("inspections:followup_report", args=[request.pk])
    assert_permission_matrix(
        client,
        url,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=f.other_coordinator,
    )
    actions_done(f, request)
    client.force_login(world.secretary)
    page = client.get(url)
    assert "Cập nhật quy trình QT-05" in page.context["form"].initial["text"]
    assert page.context["late"]
    response = client.post(url, {"text": "", "evidence_file": evidence()})
    assert response.status_code == 200 and response.context["form"].errors
    action_id = str(page.context["form"].initial["actions"][0])
    response = client.post(
        url, {"text": "Đã sửa quy trình", "evidence_file": evidence(), "actions": [action_id]}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.REPORTED and request.actions.count() == 1
    detail = client.get(reverse("inspections:followup_detail", args=[request.pk]))
    html = detail.content.decode()
    assert 'data-testid="late-flag"' in html
    assert request.due_on.strftime("%d/%m/%Y") in html
    assert "not_accepted" not in html.replace('state == "not_accepted"', "")


def test_dost_refuses_with_a_notice_through_the_page(client, world):
    f = followup(world)
    request = reported(f, f.requests[0])
    client.force_login(world.coordinator)
    url = reverse("inspections:followup_decide", args=[request.pk, "refuse"])
    client.post(url, {"notice_number": "", "notice_date": "", "reasons": ""})
    request.refresh_from_db()
    assert request.state == RequestState.REPORTED
    today = timezone.localdate().strftime("%d/%m/%Y")
    client.post(url, {"notice_number": "7/TB-TĐC", "notice_date": today, "reasons": "Thiếu"})
    request.refresh_from_db()
    assert request.state == RequestState.NOT_ACCEPTED
    client.force_login(world.secretary)
    html = client.get(reverse("inspections:followup_detail", args=[request.pk])).content.decode()
    assert "7/TB-TĐC" in html and 'data-testid="report-button"' in html


def test_file_checklist_and_close(client, world):
    f = followup(world, count=1)
    inspection = f.inspection
    url = reverse("inspections:followup_file", args=[inspection.pk])
    assert_permission_matrix(
        client, url, allowed=world.coordinator, member_without_right=world.leader
    )
    client.force_login(f.other_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(world.coordinator)
    response = client.get(url)
    assert response.context["pending"] == 1
    assert str(article39.BY_CODE["decision"].label) in response.context["missing"]
    close = reverse("inspections:followup_close", args=[inspection.pk])
    client.post(close)
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CONCLUDED
    correction_accept(request=reported(f, f.requests[0]), actor=world.coordinator)
    for kind in ("plan", "decision", "team_report"):
        response = client.post(url, {"kind": kind, "note": "Lưu tại Chi cục TĐC"})
        assert response.status_code == 302
    client.post(close)
    inspection.refresh_from_db()
    assert inspection.state == InspectionState.CLOSED


def _many(world, n):
    inspection = concluded(world, count=1)
    request = inspection.requests.get()
    for i in range(n):
        request.pk = None
        request.nonconformity = None
        request.state = RequestState.OPEN if i % 2 else RequestState.REPORTED
        request.text = f"Yêu cầu {i}"
        request.save()
    return inspection


def test_query_budgets(client, world, django_assert_max_num_queries):
    _many(world, 60)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("inspections:followup_list"))
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].object_list[0].state == RequestState.REPORTED
    with django_assert_max_num_queries(16):
        client.get(reverse("inspections:followup_list") + "?page=2&overdue=1&year=2026")
    client.force_login(world.secretary)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("inspections:followup_agency"))
    assert len(response.context["page"].object_list) == 50
    request = CorrectionRequest.objects.filter(state=RequestState.REPORTED).first()
    with django_assert_max_num_queries(16):
        client.get(reverse("inspections:followup_detail", args=[request.pk]))
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(16):
        client.get(reverse("inspections:followup_file", args=[request.inspection_id]))
