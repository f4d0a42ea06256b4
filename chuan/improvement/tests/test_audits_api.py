"""/api/v1/qms/audits/: permission matrix, scoping, transitions with 409/400/403, the
coverage in the programme's detail, query budgets, and the OpenAPI schema naming it all."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.choices import AuditState
from chuan.improvement.models import AuditProgramme
from chuan.improvement.services import audits as services
from chuan.improvement.tests.test_audits_services import Office

pytestmark = pytest.mark.django_db
BASE = "/api/v1/qms/audits/"


@pytest.fixture
def office(world):
    return Office(world)


def test_read_endpoints_matrix(client, office):
    audit = office.audit()
    world = office.world
    for url in (
        f"{BASE}programmes/{audit.programme_id}/",
        f"{BASE}{audit.pk}/",
        f"{BASE}{audit.pk}/lines/",
    ):
        assert_permission_matrix(
            client, url, allowed=world.viewer, outsider=world.outsider, api=True
        )
    for url in (f"{BASE}programmes/", BASE):
        assert_permission_matrix(client, url, allowed=world.viewer, api=True)
    client.force_login(world.outsider)
    assert client.get(BASE).json()["count"] == 0
    assert client.get(f"{BASE}programmes/").json()["count"] == 0


def test_transitions_matrix_and_states(client, office):
    audit = office.audit()
    world = office.world
    assert_permission_matrix(
        client,
        f"{BASE}{audit.pk}/prepare-checklist/",
        method="post",
        data={},
        api=True,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    client.force_login(world.secretary)
    assert (
        client.post(f"{BASE}{audit.pk}/close/", {}, content_type="application/json").status_code
        == 409
    )
    assert (
        client.post(f"{BASE}{audit.pk}/approve/", {}, content_type="application/json").status_code
        == 404
    )
    body = client.post(f"{BASE}{audit.pk}/start/", {}, content_type="application/json").json()
    assert body["state"] == AuditState.IN_PROGRESS
    lines = client.get(f"{BASE}{audit.pk}/lines/").json()["results"]
    line = next(x for x in lines if x["department"] == "Phòng Tư pháp")
    response = client.post(
        f"{BASE}{audit.pk}/lines/{line['id']}/",
        {"result": "minor_nc", "evidence": "Thiếu phiếu", "auditor": office.binh.username},
        content_type="application/json",
    )
    assert response.status_code == 400 and "Phòng Tư pháp" in response.json()["auditor"][0]
    response = client.post(
        f"{BASE}{audit.pk}/lines/{line['id']}/",
        {"result": "minor_nc", "evidence": "Thiếu phiếu", "auditor": office.an.username},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["result"] == "minor_nc"
    response = client.post(f"{BASE}{audit.pk}/issue-report/", {}, content_type="application/json")
    assert response.status_code == 400 and set(response.json()) == {"summary", "conclusion"}
    response = client.post(
        f"{BASE}{audit.pk}/issue-report/",
        {"summary": "Tóm tắt", "conclusion": "Phù hợp"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == AuditState.REPORTED
    lines = client.get(f"{BASE}{audit.pk}/lines/").json()["results"]
    assert next(x for x in lines if x["id"] == line["id"])["nonconformity"].startswith("KPH-")


def test_programme_create_and_approve(client, office):
    world = office.world
    client.force_login(world.viewer)
    data = {"year": 2027, "purpose": "Mục đích", "criteria": "TCVN ISO 9001:2015"}
    assert (
        client.post(f"{BASE}programmes/", data, content_type="application/json").status_code == 403
    )
    client.force_login(world.secretary)
    response = client.post(
        f"{BASE}programmes/", {**data, "year": "٢"}, content_type="application/json"
    )
    assert response.status_code == 400 and "year" in response.json()
    response = client.post(f"{BASE}programmes/", data, content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert (
        client.post(f"{BASE}programmes/", data, content_type="application/json").status_code == 400
    )
    assert client.post(f"{BASE}programmes/{pk}/approve/").status_code == 403
    client.force_login(world.leader)
    assert client.post(f"{BASE}programmes/{pk}/approve/").json()["state"] == "approved"
    assert client.post(f"{BASE}programmes/{pk}/approve/").status_code == 409
    assert AuditProgramme.objects.get(pk=pk).approved_by == world.leader


def test_the_programme_detail_carries_the_coverage(client, office, django_assert_max_num_queries):
    audit = office.audit()
    client.force_login(office.secretary)
    with django_assert_max_num_queries(20):
        body = client.get(f"{BASE}programmes/{audit.programme_id}/").json()
    cells = {(c["department_name"], c["clause"]): c["coverage"] for c in body["coverage"]}
    assert cells[("Phòng Tư pháp", "8")] == "planned"
    assert cells[("Văn phòng HĐND và UBND", "8")] == ""
    assert len(cells) == 3 * 7 and body["audits"][0]["title"] == audit.title


def test_lists_stay_within_their_query_budget(client, office, django_assert_max_num_queries):
    programme = office.programme()
    for n in range(5):
        services.audit_create(
            programme=programme, data=office.data(title=f"Đợt {n}"), actor=office.secretary
        )
    client.force_login(office.secretary)
    with django_assert_max_num_queries(15):
        assert client.get(BASE).json()["count"] == 5
    with django_assert_max_num_queries(15):
        assert client.get(f"{BASE}programmes/").json()["count"] == 1


def test_the_schema_documents_every_audit_operation():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = {p for p in schema["paths"] if p.startswith(BASE)}
    assert paths == {
        f"{BASE}",
        f"{BASE}{{id}}/",
        f"{BASE}{{id}}/{{action}}/",
        f"{BASE}{{id}}/lines/",
        f"{BASE}{{id}}/lines/{{line_id}}/",
        f"{BASE}programmes/",
        f"{BASE}programmes/{{id}}/",
        f"{BASE}programmes/{{id}}/approve/",
    }
    action = schema["paths"][f"{BASE}{{id}}/{{action}}/"]["post"]
    assert {"200", "400", "403", "404", "409"} <= set(action["responses"])
