"""The desk's API: receipt with an idempotency key, the lifecycle as sub-resources, 409 on a
conflict, 400 naming the field, and scoping."""

import pytest
from rest_framework.authtoken.models import Token

from chuan.calendars import selectors as calendar_selectors
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.tests.factories import make_desk

pytestmark = pytest.mark.django_db
BODY = {
    "procedure": "1.012787",
    "channel": 2,
    "applicant": {"name": "Trần Văn Bình", "id_number": "064090001234", "phone": "0912345678"},
    "components": [{"name": "Đơn đăng ký", "originals": 1}],
}


@pytest.fixture
def desk(world):
    return make_desk(world)


def _post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_receipt_is_idempotent(client, desk, world):
    client.force_login(desk.officer)
    first = _post(client, "/api/v1/dossiers/", BODY, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.json()
    again = _post(client, "/api/v1/dossiers/", BODY, HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 200 and again.json()["code"] == first.json()["code"]
    assert Dossier.objects.count() == 1
    other = _post(client, "/api/v1/dossiers/", BODY, HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 201 and Dossier.objects.count() == 2
    assert first.json()["steps"][0]["order"] == 1


def test_bad_receipts_name_the_field(client, desk):
    client.force_login(desk.officer)
    response = _post(client, "/api/v1/dossiers/", {**BODY, "procedure": "9.999999"})
    assert response.status_code == 400 and set(response.json()) == {"procedure"}
    bad_id = {**BODY, "applicant": {**BODY["applicant"], "id_number": "12"}}
    response = _post(client, "/api/v1/dossiers/", bad_id)
    assert response.status_code == 400 and "applicant_id_number" in response.json()
    assert not Dossier.objects.exists()


def test_the_lifecycle_through_actions(client, desk):
    client.force_login(desk.officer)
    code = _post(client, "/api/v1/dossiers/", BODY).json()["code"]
    url = f"/api/v1/dossiers/{code}/"
    response = _post(client, url + "hand-over/", {"to_user": desk.official.username})
    assert response.status_code == 200 and response.json()["status"] == Status.PROCESSING
    response = _post(client, url + "receive/", {})
    assert response.status_code == 409 and "detail" in response.json()
    response = _post(client, url + "request-supplement/", {"reason": "Thiếu"})
    assert response.status_code == 400 and "missing" in response.json()
    response = _post(client, url + "request-supplement/", {"reason": "Thiếu", "missing": ["Sơ đồ"]})
    assert response.json()["status"] == Status.SUPPLEMENT_REQUESTED
    response = _post(client, url + "finish/", {"result": "approved"})
    assert response.status_code == 409
    assert _post(client, url + "supplement/", {}).json()["status"] == Status.PROCESSING
    response = _post(
        client, url + "extend/", {"reason": "Chờ", "new_due_at": "2099-01-01T17:00:00+07:00"}
    )
    assert response.status_code == 200
    assert (
        _post(client, url + "finish/", {"result": "approved"}).json()["status"] == Status.FINISHED
    )
    done = _post(client, url + "return/", {"method": "online"}).json()
    assert done["status"] == Status.RETURNED
    kinds = [event["kind"] for event in done["events"]]
    assert kinds[0] == "received" and kinds[-1] == "returned"
    assert _post(client, url + "teleport/", {}).status_code == 404


def test_scoping(client, desk, world):
    client.force_login(desk.officer)
    code = _post(client, "/api/v1/dossiers/", BODY).json()["code"]
    assert_permission_matrix(
        client, f"/api/v1/dossiers/{code}/", allowed=desk.leader, outsider=world.outsider, api=True
    )
    client.force_login(world.outsider)
    assert client.get("/api/v1/dossiers/").json()["count"] == 0
    assert _post(client, f"/api/v1/dossiers/{code}/stop/", {"reason": "x"}).status_code in (
        403,
        404,
    )
    client.force_login(world.viewer)
    assert _post(client, "/api/v1/dossiers/", BODY).status_code == 403


def test_a_receipt_through_the_api_makes_26_queries(
    client, desk, monkeypatch, django_assert_num_queries
):
    """A receipt as the desk's software sends it (a token; the land procedure with its
    internal process; one paper): 7 queries for the caller, their rights and scope and the
    version in their catalogue, then the service's 16 (see test_services), then 3 to read
    the new dossier back for the answer."""
    monkeypatch.setattr(calendar_selectors, "STAMP_TTL_SECONDS", 3600)  # the calendar stays built
    token = Token.objects.create(user=desk.officer)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    # The first receipt builds the calendar and creates the day's figure and number rows.
    assert _post(client, "/api/v1/dossiers/", BODY, **auth).status_code == 201
    with django_assert_num_queries(26):
        response = _post(client, "/api/v1/dossiers/", BODY, **auth)
    assert response.status_code == 201
    received = response.json()
    assert received["code"].endswith("-0002") and len(received["steps"]) == 4
    # The answer is the same detail a later read gives.
    detail = client.get(f"/api/v1/dossiers/{received['code']}/", **auth)
    assert received == detail.json()
