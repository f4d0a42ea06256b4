"""/api/v1/qms/risks/: the permission matrix of every endpoint, bad input answered 400
naming the field (likelihood 0, 6, huge, text), wrong states 409, and no 500."""

import datetime

import pytest

from chuan.core.models import ActivityEntry
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.models import Risk, RiskAssessment
from chuan.improvement.services.risks import risk_action_add
from chuan.improvement.tests.test_risks_services import DAY, make_risk
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
BASE = "/api/v1/qms/risks/"


@pytest.fixture
def no_rights(world):
    return member(UserFactory(), world.chu_se_pc)


def _new(**overrides):
    body = {
        "kind": "risk",
        "description": "Cổng dịch vụ công bị gián đoạn",
        "treatment": "reduce",
        "likelihood": 3,
        "impact": 4,
        "assessed_on": "2026-03-02",
    }
    body.update(overrides)
    return body


def test_list_and_heat_map(client, world, no_rights, django_assert_max_num_queries):
    make_risk(world)
    make_risk(world, kind="opportunity", treatment="exploit", likelihood=2, impact=3)
    response = assert_permission_matrix(
        client, BASE, allowed=world.viewer, member_without_right=no_rights, api=True
    )
    assert [r["code"] for r in response.json()["results"]] == ["RR-2026-001", "CH-2026-002"]
    for n in range(15):
        make_risk(world, kind="opportunity", treatment="exploit", likelihood=1, impact=n % 5 + 1)
    with django_assert_max_num_queries(12):  # as many whatever the rows
        body = client.get(BASE, {"kind": "opportunity"}).json()
    assert body["results"][0]["score"] == 6 and body["count"] == 16
    heat = assert_permission_matrix(
        client, BASE + "heatmap/", allowed=world.viewer, member_without_right=no_rights, api=True
    ).json()
    assert heat["total"] == 17 and len(heat["cells"]) == 25
    cell = next(c for c in heat["cells"] if (c["likelihood"], c["impact"]) == (4, 4))
    assert cell == {"likelihood": 4, "impact": 4, "score": 16, "level": "high", "count": 1}
    for query, field in [
        ({"likelihood": "0"}, "likelihood"),
        ({"impact": "6"}, "impact"),
        ({"likelihood": "99999999999999999999999"}, "likelihood"),
        ({"process": "٣"}, "process"),
        ({"kind": "threat"}, "kind"),
        ({"level": "extreme"}, "level"),
    ]:
        for url in (BASE, BASE + "heatmap/"):
            answer = client.get(url, query)
            assert answer.status_code == 400 and field in answer.json(), (url, query)
    client.force_login(world.outsider)
    assert client.get(BASE).json()["count"] == 0


def test_create_with_bad_input_is_400_naming_the_field(client, world, no_rights):
    assert_permission_matrix(
        client,
        BASE,
        method="post",
        data=_new(),
        allowed=world.secretary,
        member_without_right=world.viewer,
        api=True,
        allowed_status=201,
    )
    created = Risk.objects.get()
    assert (created.score, created.level, created.agency) == (12, "high", world.chu_se_pc)
    for overrides, field in [
        ({"likelihood": 0}, "likelihood"),
        ({"likelihood": 6}, "likelihood"),
        ({"impact": 10**30}, "impact"),
        ({"impact": "٣"}, "impact"),
        ({"impact": 2.5}, "impact"),
        ({"likelihood": True}, "likelihood"),
        ({"likelihood": None}, "likelihood"),
        ({"kind": "threat"}, "kind"),
        ({"treatment": "exploit"}, "treatment"),
        ({"kind": "opportunity", "treatment": "reduce"}, "treatment"),
        ({"likelihood": 5, "impact": 5, "treatment": "accept"}, "treatment"),
        ({"description": ""}, "description"),
        ({"description": "x" * 5000}, "description"),
        ({"assessed_on": "2099-01-01"}, "assessed_on"),
        ({"assessed_on": "31/02/2026"}, "assessed_on"),
        ({"owner": 2**64}, "owner"),
        ({"process": -1}, "process"),
        ({"department": 999999}, "department"),
        ({"owner": world.outsider.pk}, "owner"),
        ({"due_on": "2999-01-01"}, "due_on"),
    ]:
        response = client.post(BASE, _new(**overrides), content_type="application/json")
        assert response.status_code == 400, (overrides, response.content)
        assert field in response.json(), (overrides, response.json())
    for body in ([1, 2], "text", None):
        response = client.post(BASE, body, content_type="application/json")
        assert response.status_code == 400
    client.force_login(world.outsider)
    answer = client.post(BASE, _new(agency=world.chu_se_pc.pk), content_type="application/json")
    assert answer.status_code == 403
    assert Risk.objects.count() == 1


def test_detail_edit_and_transitions(client, world, no_rights):
    risk = make_risk(world)
    url = f"{BASE}{risk.pk}/"
    body = assert_permission_matrix(
        client,
        url,
        allowed=world.viewer,
        member_without_right=no_rights,
        outsider=world.outsider,
        api=True,
    ).json()
    assert body["code"] == risk.code and len(body["assessments"]) == 1
    assert body["due_for_review"] is False
    assert_permission_matrix(
        client,
        url,
        method="patch",
        data={"owner": world.leader.pk, "context": "Nhân sự"},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        api=True,
    )
    risk.refresh_from_db()
    assert risk.owner == world.leader and risk.context == "Nhân sự" and risk.treatment == "reduce"
    patched = client.patch(url, {"kind": "opportunity"}, content_type="application/json")
    assert patched.status_code == 400 and "kind" in patched.json()
    assert client.patch(url, [1], content_type="application/json").status_code == 400
    # Treating without actions: 409.
    answer = client.post(url + "treat/", {}, content_type="application/json")
    assert answer.status_code == 409 and answer.json()["detail"]
    assert_permission_matrix(
        client,
        url + "actions/",
        method="post",
        data={"description": "Cử người trực thay", "due_on": "2026-04-30"},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        api=True,
        allowed_status=201,
    )
    action = risk.actions.get()
    bad_action = client.post(
        url + "actions/", {"description": "", "due_on": "x"}, content_type="application/json"
    )
    assert bad_action.status_code == 400 and {"description", "due_on"} <= set(bad_action.json())
    done_url = f"{url}actions/{action.pk}/done/"
    assert_permission_matrix(
        client,
        done_url,
        method="post",
        data={"done_on": "2026-04-20"},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        api=True,
    )
    assert client.post(done_url, {}, content_type="application/json").status_code == 409
    other = make_risk(world)
    stray = risk_action_add(risk=other, description="B", due_on=DAY, actor=world.secretary)
    assert client.post(f"{url}actions/{stray.pk}/done/", {}).status_code == 404
    assert_permission_matrix(
        client,
        url + "treat/",
        method="post",
        data={},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        api=True,
    )
    assert client.post(url + "treat/", {}, content_type="application/json").status_code == 409
    assert client.post(url + "explode/", {}, content_type="application/json").status_code == 404
    closing = client.post(url + "close/", {"note": ""}, content_type="application/json")
    assert closing.status_code == 400 and "note" in closing.json()
    closed = client.post(url + "close/", {"note": "Hết"}, content_type="application/json")
    assert closed.json()["state"] == "closed"
    assert client.patch(url, {"context": "x"}, content_type="application/json").status_code == 409
    reassess = client.post(
        url + "reassess/",
        {"likelihood": 1, "impact": 1, "note": "x"},
        content_type="application/json",
    )
    assert reassess.status_code == 409
    reopened = client.post(url + "reopen/", {}, content_type="application/json")
    assert reopened.json()["state"] == "open"


def test_reassess_refuses_bad_input(client, world, no_rights):
    risk = make_risk(world)
    url = f"{BASE}{risk.pk}/reassess/"
    good = {"likelihood": 2, "impact": 3, "assessed_on": "2026-06-01", "note": "Đã giảm"}
    for overrides, field in [
        ({"likelihood": 0}, "likelihood"),
        ({"likelihood": 6}, "likelihood"),
        ({"impact": 10**40}, "impact"),
        ({"impact": "abc"}, "impact"),
        ({"note": ""}, "note"),
        ({"assessed_on": "2026-01-01"}, "assessed_on"),
        ({"next_review_on": "2026-05-01"}, "next_review_on"),
    ]:
        client.force_login(world.secretary)
        response = client.post(url, {**good, **overrides}, content_type="application/json")
        assert response.status_code == 400 and field in response.json(), overrides
    assert RiskAssessment.objects.count() == 1
    assert_permission_matrix(
        client,
        url,
        method="post",
        data=good,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        api=True,
    )
    risk.refresh_from_db()
    assert (risk.score, risk.level, risk.next_review_on) == (6, "medium", datetime.date(2027, 6, 1))
    assert ActivityEntry.objects.filter(verb="risk.reassessed").count() == 1


def test_the_schema_documents_every_endpoint(client, world):
    client.force_login(world.viewer)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    for path in [
        "/api/v1/qms/risks/",
        "/api/v1/qms/risks/heatmap/",
        "/api/v1/qms/risks/{id}/",
        "/api/v1/qms/risks/{id}/reassess/",
        "/api/v1/qms/risks/{id}/actions/",
        "/api/v1/qms/risks/{id}/actions/{action_id}/done/",
        "/api/v1/qms/risks/{id}/{action}/",
    ]:
        assert path in text, path


def test_the_detail_costs_the_same_whatever_its_history(
    client, world, django_assert_max_num_queries
):
    risk = make_risk(world)
    client.force_login(world.viewer)
    with django_assert_max_num_queries(16) as few:
        client.get(f"{BASE}{risk.pk}/")
    for n in range(5):
        risk_action_add(risk=risk, description=f"Việc {n}", due_on=DAY, actor=world.secretary)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(f"{BASE}{risk.pk}/").json()
    assert len(body["actions"]) == 5
