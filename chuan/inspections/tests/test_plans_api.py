"""/api/v1/inspections/plans/ and arrangements/: scoped like the screens, refusals as 400,
403, 404 or 409 with the field named."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from chuan.accounts.roles import Role
from chuan.inspections.choices import PlanState
from chuan.inspections.models import Inspection, InspectionPlan
from chuan.inspections.tests import plans_support as support
from chuan.inspections.tests.plans_support import ON_SITE, RECORDS, YEAR
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_propose_edit_submit_approve(api: APIClient, world: Any) -> None:
    support.agencies(world, 4)
    api.force_authenticate(world.coordinator)
    assert (
        api.post(f"{BASE}plans/", {"province": world.gia_lai_2025.pk, "year": 2014}).status_code
        == 400
    )
    response = api.post(f"{BASE}plans/", {"province": world.gia_lai_2025.pk, "year": YEAR})
    assert response.status_code == 201, response.content
    assert response.json()["counts"]["on_site"] == 2
    pk = response.json()["id"]
    lines = api.get(f"{BASE}plans/{pk}/lines/").json()["results"]
    assert len(lines) == 6
    on_site = next(line for line in lines if line["form"] == ON_SITE)
    patched = api.patch(
        f"{BASE}plan-lines/{on_site['id']}/", {"form": RECORDS, "budget": 10**13}, format="json"
    )
    assert patched.status_code == 400 and "budget" in patched.json()
    patched = api.patch(f"{BASE}plan-lines/{on_site['id']}/", {"form": RECORDS}, format="json")
    assert patched.status_code == 200
    refused = api.post(f"{BASE}plans/{pk}/submit/")
    assert refused.status_code == 400 and "form" in refused.json()
    api.patch(f"{BASE}plan-lines/{on_site['id']}/", {"form": ON_SITE}, format="json")
    assert api.post(f"{BASE}plans/{pk}/submit/").status_code == 200
    assert api.post(f"{BASE}plans/{pk}/submit/").status_code == 409
    approved = api.post(
        f"{BASE}plans/{pk}/approve/",
        {"decision_number": "1/QĐ", "decision_date": "2025-12-20", "decision_signer": "Chủ tịch"},
        format="json",
    )
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == PlanState.APPROVED
    assert Inspection.objects.count() == 6
    detail = api.get(f"{BASE}plans/{pk}/").json()
    assert detail["counts"]["total"] == 6


def test_scopes(api: APIClient, world: Any) -> None:
    plan = support.approved_plan(world)
    official = member(UserFactory(roles=[Role.AGENCY_LEADER]), world.ward_pc)
    api.force_authenticate(official)
    lines = api.get(f"{BASE}plans/{plan.pk}/lines/").json()["results"]
    assert [line["agency"] for line in lines] == [world.ward_pc.pk]
    assert "counts" not in api.get(f"{BASE}plans/{plan.pk}/").json()
    assert api.post(f"{BASE}plans/{plan.pk}/submit/").status_code == 403
    api.force_authenticate(support.other_dost(world))
    assert api.get(f"{BASE}plans/{plan.pk}/").status_code == 404
    assert api.get(f"{BASE}plans/").json()["count"] == 0
    api.force_authenticate(support.inspector(world))
    assert api.get(f"{BASE}plans/{plan.pk}/").status_code == 200
    line = plan.lines.first()
    assert line is not None
    assert (
        api.patch(f"{BASE}plan-lines/{line.pk}/", {"form": RECORDS}, format="json").status_code
        == 403
    )
    api.force_authenticate(None)
    assert api.get(f"{BASE}plans/").status_code == 401


def test_amend_by_api(api: APIClient, world: Any) -> None:
    plan = support.approved_plan(world, count=7)
    api.force_authenticate(world.coordinator)
    line = plan.lines.filter(form=RECORDS).first()
    assert line is not None
    refused = api.post(f"{BASE}plan-lines/{line.pk}/remove/", {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    done = api.post(
        f"{BASE}plan-lines/{line.pk}/remove/",
        {"reason": "Giải thể", "amended_on": "2026-01-05"},
        format="json",
    )
    assert done.status_code == 204
    assert InspectionPlan.objects.get().amendments.count() == 1


def test_arrangements_by_api(api: APIClient, world: Any) -> None:
    api.force_authenticate(world.coordinator)
    data = {
        "province": world.gia_lai_2025.pk,
        "valid_from": "2025-07-01",
        "lead_unit": "Sở KH&CN",
        "inspecting_unit_kind": "dost",
        "unit_name": "Sở KH&CN",
    }
    assert api.post(f"{BASE}arrangements/", data, format="json").status_code == 201
    overlap = api.post(f"{BASE}arrangements/", {**data, "valid_from": "2026-01-01"}, format="json")
    assert overlap.status_code == 400 and "valid_from" in overlap.json()
    assert api.get(f"{BASE}arrangements/").json()["count"] == 1
    api.force_authenticate(support.other_dost(world))
    assert api.post(f"{BASE}arrangements/", data, format="json").status_code == 403
