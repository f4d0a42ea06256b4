"""/api/v1/inspections/: the agency reads its items, answers and sends its report."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from chuan.inspections import article36
from chuan.inspections.choices import InspectionState
from chuan.inspections.services import records as services
from chuan.inspections.tests.records_support import DUE, LETTER, make_inspection, other_dost

pytestmark = pytest.mark.django_db


def _client(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _requested(world: Any) -> Any:
    return services.inspection_request_report(
        inspection=make_inspection(world.chu_se_pc),
        number="5/SKHCN",
        letter_date=LETTER,
        reply_due=DUE,
        actor=world.coordinator,
    )


def test_list_is_scoped_and_bounded(world: Any, django_assert_max_num_queries: Any) -> None:
    inspection = _requested(world)
    make_inspection(world.kon_tum_dept)
    client = _client(world.secretary)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/inspections/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [inspection.pk]
    assert client.get("/api/v1/inspections/", {"year": "99999"}).status_code == 400
    assert client.get("/api/v1/inspections/", {"state": "nope"}).status_code == 400
    assert (
        _client(other_dost(world)).get("/api/v1/inspections/").json()["results"][0]["agency"]
        == world.kon_tum_dept.pk
    )


def test_read_answer_and_submit(world: Any) -> None:
    inspection = _requested(world)
    client = _client(world.secretary)
    url = f"/api/v1/inspections/{inspection.pk}/"
    body = client.get(url).json()
    assert [item["number"] for item in body["items"]][:2] == ["1.a", "1.b"]
    response = client.post(f"{url}submit/")
    assert response.status_code == 400 and "1.a" in str(response.json())
    items = [{"code": code, "answer": "Đã làm", "confirmed": True} for code in article36.CODES]
    assert client.patch(url, {"items": items}, format="json").status_code == 200
    assert client.patch(url, {"items": [{"code": "9z"}]}, format="json").status_code == 400
    response = client.post(f"{url}submit/")
    assert response.status_code == 200
    assert response.json()["state"] == InspectionState.ANSWERED
    assert client.post(f"{url}submit/").status_code == 409
    assert _client(world.outsider).get(url).status_code == 404
    assert _client(world.coordinator).patch(url, {"items": items}, format="json").status_code == 403
