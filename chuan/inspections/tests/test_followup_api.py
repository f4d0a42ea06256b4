"""/api/v1/inspections/requests/: the permission matrix, the report with its evidence,
acceptance and notices with their refusals (400 naming the field, 409 on a wrong state)."""

from django.urls import reverse
from django.utils import timezone

import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections.choices import RequestState
from chuan.inspections.tests.followup_support import actions_done, evidence, followup, reported
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_list_is_scoped(client, world, django_assert_max_num_queries):
    f = followup(world)
    url = reverse("api-inspection-requests")
    assert_permission_matrix(
        client,
        url,
        api=True,
        allowed=world.coordinator,
        member_without_right=member(UserFactory(roles=[]), world.chu_se_pc),
    )
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(12):
        body = client.get(url).json()
    assert body["count"] == 2 and body["results"][0]["state_label"]
    for user in (f.other_coordinator, f.other_answerer):
        client.force_login(user)
        assert client.get(url).json()["count"] == 0
    client.force_login(world.secretary)
    assert client.get(url).json()["count"] == 2
    assert client.get(url + "?state=nope").status_code == 400
    assert client.get(url + "?year=99999").status_code == 400


def test_report_accept_refuse(client, world):
    f = followup(world)
    request = f.requests[0]
    actions_done(f, request)
    report = reverse("api-inspection-request-report", args=[request.pk])
    client.force_login(f.other_answerer)
    assert client.post(report, {"text": "x", "evidence_file": evidence()}).status_code == 404
    client.force_login(world.viewer)
    assert client.post(report, {"text": "x", "evidence_file": evidence()}).status_code == 403
    client.force_login(world.secretary)
    response = client.post(report, {"text": "x"})
    assert response.status_code == 400 and "evidence_file" in response.json()
    response = client.post(report, {"text": "Đã sửa quy trình", "evidence_file": evidence()})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == RequestState.REPORTED
    assert client.post(report, {"text": "lại", "evidence_file": evidence()}).status_code == 409
    accept = reverse("api-inspection-request-accept", args=[request.pk])
    assert client.post(accept).status_code == 403
    refuse = reverse("api-inspection-request-refuse", args=[request.pk])
    client.force_login(f.other_coordinator)
    assert client.post(accept).status_code == 404
    client.force_login(world.coordinator)
    response = client.post(refuse, {"notice_number": "1/TB", "reasons": "Thiếu"})
    assert response.status_code == 400 and "notice_date" in response.json()
    response = client.post(
        refuse,
        {
            "notice_number": "1/TB",
            "notice_date": timezone.localdate().isoformat(),
            "reasons": "Thiếu bằng chứng",
        },
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "not_accepted"
    assert client.post(accept).status_code == 409
    second = reported(f, f.requests[1])
    response = client.post(reverse("api-inspection-request-accept", args=[second.pk]))
    assert response.json()["state"] == RequestState.ACCEPTED
