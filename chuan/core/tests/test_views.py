import json
import os
import subprocess
import sys

from django.urls import reverse

import pytest

from chuan.core.activity import activity_record
from chuan.core.testing.matrix import assert_permission_matrix


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_with_a_reason_when_the_database_is_unreachable():
    # A real unreachable server (nothing listens on port 9), in a fresh process.
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='localhost'); "
        "print(r.status_code, json.dumps(r.json()))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chuan.test_settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/chuan",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    payload = json.loads(body)
    assert payload["status"] == "error"
    assert payload["database"] == "unavailable"
    assert payload["reason"]


@pytest.fixture
def logged(world):
    activity_record(
        actor=world.leader,
        verb="agency.updated",
        target=world.chu_se_pc,
        agency_id=world.chu_se_pc.pk,
        changes={"short_name": ["", "UBND Chư Sê"]},
    )
    activity_record(
        actor=world.outsider,
        verb="agency.updated",
        target=world.kon_tum_dept,
        agency_id=world.kon_tum_dept.pk,
        changes={"short_name": ["", "STP"]},
    )
    return world


def test_activity_list_is_scoped_to_the_users_agency(client, logged):
    url = reverse("core:activity_list")
    client.force_login(logged.leader)
    body = client.get(url).content.decode()
    assert "UBND Chư Sê" in body
    assert "STP" not in body


def test_coordinator_sees_activity_of_the_whole_province_only(client, logged):
    client.force_login(logged.coordinator)
    body = client.get(reverse("core:activity_list")).content.decode()
    assert "UBND Chư Sê" in body
    assert "STP" not in body


def test_activity_list_filters_by_user_and_object(client, logged):
    client.force_login(logged.admin)
    url = reverse("core:activity_list")
    body = client.get(url, {"user": logged.outsider.pk}).content.decode()
    assert "STP" in body and "UBND Chư Sê" not in body
    body = client.get(
        url, {"type": "organisations.agency", "id": logged.chu_se_pc.pk}
    ).content.decode()
    assert "UBND Chư Sê" in body and "STP" not in body


def test_activity_list_permission_matrix(client, logged):
    assert_permission_matrix(
        client,
        reverse("core:activity_list"),
        allowed=logged.leader,
        member_without_right=logged.viewer,
    )


def test_activity_list_query_budget(client, logged, django_assert_max_num_queries):
    for i in range(60):
        activity_record(
            actor=logged.leader,
            verb="agency.updated",
            target=logged.chu_se_pc,
            agency_id=logged.chu_se_pc.pk,
            changes={"n": i},
        )
    client.force_login(logged.leader)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("core:activity_list"), {"page": 2})
    assert response.status_code == 200


def test_unknown_page_is_a_friendly_404(client, world):
    client.force_login(world.leader)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_activity_filters_show_as_removable_chips(client, logged):
    client.force_login(logged.admin)
    response = client.get(
        reverse("core:activity_list"), {"user": logged.leader.pk, "verb": "agency.updated"}
    )
    chips = response.context["chips"]
    assert [chip["value"] for chip in chips] == [
        logged.leader.full_name,
        "Chỉnh sửa thông tin cơ quan",
    ]
    assert "verb=agency.updated" in chips[0]["remove"]
    assert "user=" not in chips[0]["remove"]
