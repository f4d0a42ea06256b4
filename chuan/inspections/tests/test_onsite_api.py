"""/api/v1/inspections/ for on-site inspections: decisions (list, record, refusals naming the
inspector), results (read, record by the team only), signing (400/403/409)."""

import datetime as dt

import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections.choices import InspectionState
from chuan.inspections.models import InspectionDecision
from chuan.inspections.services import onsite_results as results
from chuan.inspections.tests.onsite_support import (
    VISIT_DAY,
    all_met,
    decide,
    inspection,
    inspector,
    team,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/inspections/"


def _body(target, entries, **changes):
    body = {
        "number": "125/QĐ-TĐC",
        "issued_on": "2026-06-01",
        "issuer": "Chi cục TĐC Gia Lai",
        "team": [{"inspector": e.inspector.pk, "role": e.role, "unit": e.unit} for e in entries],
        "visits": [{"inspection": target.pk, "scheduled_at": "2026-06-15T08:00:00+07:00"}],
    }
    body.update(changes)
    return body


def test_decisions_matrix_and_refusals(client, world):
    target = inspection(world)
    head_user, _head, entries = team(world)
    weak = inspector(world, "Đỗ Văn Tâm", auditor_number="")
    assert_permission_matrix(
        client, f"{API}decisions/", allowed=head_user, member_without_right=world.leader, api=True
    )
    client.force_login(head_user)
    refused = client.post(
        f"{API}decisions/", _body(target, entries), content_type="application/json"
    )
    assert refused.status_code == 403
    client.force_login(world.coordinator)
    body = _body(target, entries)
    body["team"].append({"inspector": weak.pk, "role": "member"})
    refused = client.post(f"{API}decisions/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "Đỗ Văn Tâm" in refused.json()["team"][0]
    assert not InspectionDecision.objects.exists()
    created = client.post(
        f"{API}decisions/", _body(target, entries), content_type="application/json"
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert [m["role"] for m in data["team"]] == ["head", "deputy", "member"]
    assert data["visits"][0]["state"] == InspectionState.DECIDED
    listed = client.get(f"{API}decisions/").json()
    assert listed["results"][0]["number"] == "125/QĐ-TĐC"
    assert client.get(f"{API}decisions/{data['id']}/").status_code == 200
    assert client.get(f"{API}decisions/999999/").status_code == 404


def test_results_by_the_team_only_and_signing(client, world):
    target = inspection(world)
    head_user, _head, entries = team(world)
    decide(world, [target], entries)
    url = f"{API}onsite/{target.pk}/results/"
    assert_permission_matrix(client, url, allowed=world.viewer, outsider=world.outsider, api=True)
    client.force_login(world.leader)
    refused = client.post(url, {"code": "1a", "result": "met"}, content_type="application/json")
    assert refused.status_code == 403
    client.force_login(head_user)
    bad = client.post(url, {"code": "1a", "result": "good"}, content_type="application/json")
    assert bad.status_code == 400 and "result" in bad.json()
    done = client.post(
        url,
        {"code": "1a", "result": "met", "evidence_seen": "Quyết định phạm vi"},
        content_type="application/json",
    )
    assert done.status_code == 200
    item = done.json()["items"][0]
    assert (item["code"], item["result"], item["evidence_seen"]) == (
        "1a",
        "met",
        "Quyết định phạm vi",
    )
    sign = f"{API}onsite/{target.pk}/sign/"
    dates = {"team_head_signed_on": "2026-06-15", "agency_signed_on": "2026-06-15"}
    assert client.post(sign, dates, content_type="application/json").status_code == 409
    all_met(target, head_user)
    results.minutes_save(
        inspection=target, data=results.MinutesData(conclusion="conforms"), actor=head_user
    )
    early = {**dates, "agency_signed_on": "2026-06-01"}
    refused = client.post(sign, early, content_type="application/json")
    assert refused.status_code == 400 and "agency_signed_on" in refused.json()
    signed = client.post(sign, dates, content_type="application/json")
    assert signed.status_code == 200
    assert signed.json()["state"] == InspectionState.CONCLUDED
    assert signed.json()["concluded_on"] == VISIT_DAY.isoformat()
    again = client.post(url, {"code": "1a", "result": "met"}, content_type="application/json")
    assert again.status_code == 409
    assert dt.date.fromisoformat(signed.json()["concluded_on"]) == VISIT_DAY
