"""The quality objectives' screens and API: a year's objectives drafted, planned, measured,
approved and evaluated by clicks and by calls, each under its permission matrix."""

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.rules import VIETNAM
from chuan.improvement.choices import Measure, ObjectiveState
from chuan.improvement.models import Objective
from chuan.improvement.services import objectives as services
from chuan.improvement.tests.test_objectives_services import data, manual, planned

pytestmark = pytest.mark.django_db

JUNE = dt.datetime(2026, 6, 20, 9, tzinfo=VIETNAM)
DECEMBER = dt.datetime(2026, 12, 15, 9, tzinfo=VIETNAM)


def test_list_card_and_xlsx(client, world, django_assert_max_num_queries):
    agency = world.chu_se_pc
    for number in range(12):
        services.objective_create(
            agency=agency,
            year=2026,
            data=data(
                measure=[Measure.ON_TIME, Measure.MANUAL_MONTH, Measure.OVERDUE_NOW][number % 3],
                unit=["percent", "count", "count"][number % 3],
            ),
            actor=world.secretary,
        )
    url = f"/qms/objectives/?agency={agency.pk}&year=2026"
    assert_permission_matrix(client, url, allowed=world.viewer)
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert len(response.context["rows"]) == 12
    assert "objective-new" not in response.content.decode()  # a viewer drafts nothing
    client.force_login(world.secretary)
    assert "objective-new" in client.get(url).content.decode()
    # A bad year or page falls back; never a 500.
    assert client.get("/qms/objectives/?year=99999999999&page=x").status_code == 200
    # The card on the cycle's front page.
    with time_machine.travel(JUNE, tick=False):
        home = client.get(f"/qms/?agency={agency.pk}")
    assert 'data-testid="objectives-card"' in home.content.decode()
    # The plan and results.
    export = assert_permission_matrix(
        client, f"/qms/objectives/export.xlsx?agency={agency.pk}&year=2026", allowed=world.viewer
    )
    book = load_workbook(io.BytesIO(export.content))
    assert len(book.sheetnames) == 3
    assert book.worksheets[0].max_row == 2 + 12


def test_an_objective_by_clicks(client, world):
    agency = world.chu_se_pc
    new = f"/qms/objectives/new/?agency={agency.pk}&year=2026"
    assert_permission_matrix(
        client, new, allowed=world.secretary, member_without_right=world.viewer
    )
    response = client.post(
        new,
        {
            "name": "Không để phản ánh quá 2",
            "indicator": "Số phản ánh",
            "comparison": "lte",
            "target": "2",
            "unit": "count",
            "measure": Measure.MANUAL_MONTH,
        },
    )
    objective = Objective.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/qms/objectives/{objective.pk}/"
    )
    # A refused form shows its errors, changes nothing.
    response = client.post(new, {"name": "x", "target": "1e99", "unit": "count"})
    assert response.status_code == 200 and Objective.objects.count() == 1
    detail = f"/qms/objectives/{objective.pk}/"
    assert_permission_matrix(client, detail, allowed=world.viewer, outsider=world.outsider)
    edit = f"/qms/objectives/{objective.pk}/edit/"
    assert_permission_matrix(
        client,
        edit,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    plan = f"/qms/objectives/{objective.pk}/plan/"
    assert_permission_matrix(
        client,
        plan,
        method="post",
        data={"action": "Hòm thư góp ý", "owner": "Văn phòng", "deadline": "31/03/2026"},
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=302,
    )
    assert objective.plan.count() == 1
    client.post(plan, {"action": "", "owner": "", "deadline": "32/13/2026"})
    assert objective.plan.count() == 1
    with time_machine.travel(JUNE, tick=False):
        measure = f"/qms/objectives/{objective.pk}/measure/"
        assert_permission_matrix(
            client,
            measure,
            method="post",
            data={"period": "2026-05-01", "value": "1", "note": "Tháng 5"},
            allowed=world.secretary,
            member_without_right=world.viewer,
            outsider=world.outsider,
            allowed_status=302,
        )
        client.post(measure, {"period": "2026-09-01", "value": "1"})  # the future: refused
        client.post(measure, {"period": "1999-01-01", "value": "1"})  # not a choice
    assert objective.measurements.count() == 1
    approve = f"/qms/objectives/{objective.pk}/approve/"
    assert_permission_matrix(
        client,
        approve,
        method="post",
        allowed=world.leader,
        member_without_right=world.secretary,
        outsider=world.outsider,
        allowed_status=302,
    )
    objective.refresh_from_db()
    assert objective.state == ObjectiveState.APPROVED
    with time_machine.travel(JUNE, tick=False):
        page = client.get(detail).content.decode()
    assert 'data-testid="objective-chart"' in page and 'data-testid="objective-bar"' in page
    assert "evaluate-form" not in page and "objective-approve" not in page
    with time_machine.travel(DECEMBER, tick=False):
        client.force_login(world.secretary)  # the session of June has expired
        assert "evaluate-form" in client.get(detail).content.decode()
        client.post(f"/qms/objectives/{objective.pk}/evaluate/", {"evaluation": ""})
        objective.refresh_from_db()
        assert objective.state == ObjectiveState.APPROVED
        client.post(f"/qms/objectives/{objective.pk}/evaluate/", {"evaluation": "Đạt"})
    objective.refresh_from_db()
    assert objective.state == ObjectiveState.EVALUATED and objective.met is True
    client.force_login(world.secretary)
    line = objective.plan.get()
    response = client.post(f"/qms/objectives/{objective.pk}/plan/{line.pk}/remove/")
    assert response.status_code == 302 and objective.plan.count() == 1  # frozen
    assert client.post(f"/qms/objectives/{objective.pk}/unknown/").status_code == 404
    assert client.get(approve).status_code == 405


def test_api(client, world):
    agency = world.chu_se_pc
    body = {
        "agency": agency.pk,
        "year": 2026,
        "name": "Đúng hạn",
        "indicator": "Tỷ lệ đúng hạn",
        "comparison": "gte",
        "target": "98",
        "unit": "percent",
        "measure": Measure.ON_TIME,
    }
    response = assert_permission_matrix(
        client,
        "/api/v1/qms/objectives/",
        method="post",
        data=body,
        api=True,
        allowed=world.secretary,
        member_without_right=world.viewer,
        allowed_status=201,
    )
    objective_id = response.json()["id"]
    assert response.json()["status"] == "no_data" and len(response.json()["series"]) == 12
    client.force_login(world.secretary)
    refused = client.post(
        "/api/v1/qms/objectives/", {**body, "unit": "count"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "unit" in refused.json()
    listed = assert_permission_matrix(
        client,
        f"/api/v1/qms/objectives/?agency={agency.pk}&year=2026",
        api=True,
        allowed=world.viewer,
    )
    assert [row["id"] for row in listed.json()["results"]] == [objective_id]
    assert client.get("/api/v1/qms/objectives/?year=1").status_code == 400
    detail = f"/api/v1/qms/objectives/{objective_id}/"
    assert_permission_matrix(
        client, detail, api=True, allowed=world.viewer, outsider=world.outsider
    )
    plan = assert_permission_matrix(
        client,
        f"{detail}plan/",
        method="post",
        data={"action": "Nhắc hạn", "owner": "Một cửa", "deadline": "2026-03-31"},
        api=True,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
        allowed_status=201,
    )
    line_id = plan.json()["plan"][0]["id"]
    approve = f"{detail}approve/"
    client.force_login(world.secretary)
    assert client.post(approve).status_code == 403  # the secretary does not approve
    client.force_login(world.leader)
    assert client.post(approve).json()["state"] == "approved"
    assert client.post(approve).status_code == 409
    changed = client.put(detail, {**body, "target": "95"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["state"] == "draft"
    client.post(approve)
    client.force_login(world.secretary)
    manual_measure = client.post(
        f"{detail}measurements/",
        {"period": "2026-05-01", "value": "99"},
        content_type="application/json",
    )
    assert manual_measure.status_code == 409  # measured live
    with time_machine.travel(JUNE, tick=False):
        assert client.post(f"{detail}evaluate/", {"evaluation": "Đạt"}).status_code == 409
    with time_machine.travel(DECEMBER, tick=False):
        client.force_login(world.secretary)
        evaluated = client.post(
            f"{detail}evaluate/", {"evaluation": "Chưa có hồ sơ"}, content_type="application/json"
        )
    assert evaluated.status_code == 200 and evaluated.json()["state"] == "evaluated"
    client.force_login(world.secretary)
    assert client.delete(f"{detail}plan/{line_id}/").status_code == 409
    assert client.put(detail, body, content_type="application/json").status_code == 409


def test_api_measurements(client, world):
    objective = planned(world, manual(world))
    client.force_login(world.secretary)
    url = f"/api/v1/qms/objectives/{objective.pk}/measurements/"
    with time_machine.travel(JUNE, tick=False):
        response = client.post(
            url,
            {"period": "2026-05-12", "value": "1", "note": "Tháng 5"},
            content_type="application/json",
        )
        assert response.status_code == 201
        assert response.json()["measurements"][0]["period"] == "2026-05-01"
        assert response.json()["value"] == 1.0 and response.json()["status"] == "met"
        bad = client.post(
            url, {"period": "2026-05-12", "value": "-1"}, content_type="application/json"
        )
        assert bad.status_code == 400 and "value" in bad.json()
    line = objective.plan.get()
    client.force_login(world.secretary)
    assert (
        client.delete(f"/api/v1/qms/objectives/{objective.pk}/plan/{line.pk}/").status_code == 204
    )
    assert (
        client.delete(f"/api/v1/qms/objectives/{objective.pk}/plan/{line.pk}/").status_code == 404
    )
    client.force_login(world.viewer)
    assert (
        client.post(
            url, {"period": "2026-05-12", "value": "1"}, content_type="application/json"
        ).status_code
        == 403
    )
