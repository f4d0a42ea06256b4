"""The desk's API: receipt with an idempotency key, the lifecycle as sub-resources, 409 on a
conflict, 400 naming the field, and scoping."""

import datetime as dt

from django.db import connection

import pytest
import time_machine
from rest_framework.authtoken.models import Token

from chuan.calendars import selectors as calendar_selectors
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.choices import Status
from chuan.dossiers.models import Dossier
from chuan.dossiers.rules import VIETNAM
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


# Friday 4/12/2026 at 9:00: a land dossier (10 working days) is due Friday 18/12 at 17:00,
# and an extension may reach 10 working days further, Monday 4/1/2027 at 17:00 (1/1/2027 is
# New Year's Day).
FRIDAY = dt.datetime(2026, 12, 4, 9, 0, tzinfo=VIETNAM)


def test_the_lifecycle_through_actions(client, desk):
    with time_machine.travel(FRIDAY, tick=False):
        client.force_login(desk.officer)
        code = _post(client, "/api/v1/dossiers/", BODY).json()["code"]
        url = f"/api/v1/dossiers/{code}/"
        response = _post(client, url + "hand-over/", {"to_user": desk.official.username})
        assert response.status_code == 200 and response.json()["status"] == Status.PROCESSING
        response = _post(client, url + "receive/", {})
        assert response.status_code == 409 and "detail" in response.json()
        response = _post(client, url + "request-supplement/", {"reason": "Thiếu"})
        assert response.status_code == 400 and "missing" in response.json()
        response = _post(
            client, url + "request-supplement/", {"reason": "Thiếu", "missing": ["Sơ đồ"]}
        )
        assert response.json()["status"] == Status.SUPPLEMENT_REQUESTED
        response = _post(client, url + "finish/", {"result": "approved"})
        assert response.status_code == 409
        assert _post(client, url + "supplement/", {}).json()["status"] == Status.PROCESSING
        response = _post(
            client, url + "extend/", {"reason": "Chờ", "new_due_at": "2026-12-23T17:00:00+07:00"}
        )
        assert response.status_code == 200, response.json()
        # The official holds step 2 of 4: finishing there is refused, naming the steps missing.
        client.force_login(desk.official)
        response = _post(client, url + "finish/", {"result": "approved"})
        assert response.status_code == 409
        assert "3. Bước 3 — " in response.json()["detail"]
        assert _post(client, url + "accept/", {}).status_code == 200
        response = _post(client, url + "hand-over/", {"to_user": desk.leader.username})
        assert response.json()["steps"][1]["accepted_by"] == desk.official.username
        # Step 3 is signed by a leader: the official can neither finish it nor pass it on.
        response = _post(client, url + "finish/", {"result": "approved"})
        assert response.status_code == 403 and "detail" in response.json()
        client.force_login(desk.leader)
        response = _post(client, url + "finish/", {"result": "approved"})
        assert response.json()["status"] == Status.FINISHED
        client.force_login(desk.officer)
        assert _post(client, url + "accept/", {}).status_code == 200  # the desk takes the result
        done = _post(client, url + "return/", {"method": "online"}).json()
        assert _post(client, url + "teleport/", {}).status_code == 404
    assert done["status"] == Status.RETURNED
    kinds = [event["kind"] for event in done["events"]]
    assert kinds[0] == "received" and kinds[-1] == "returned"
    assert [step["accepted_by"] for step in done["steps"]] == [
        desk.officer.username,
        desk.official.username,
        desk.leader.username,  # accepted by finishing it
        desk.officer.username,
    ]
    assert done["steps"][3]["finished_at"] is not None


@pytest.mark.parametrize(
    ("new_due_at", "words"),
    [
        ("2027-01-01T17:00:00+07:00", "01/01/2027"),  # New Year's Day
        ("2026-12-26T17:00:00+07:00", "26/12/2026"),  # a Saturday
        ("2026-12-22T12:00:00+07:00", "22/12/2026 12:00"),  # the lunch break
        ("2027-01-05T17:00:00+07:00", "04/01/2027 17:00"),  # past the limit
        ("2031-01-01T17:00:00+07:00", "04/01/2027 17:00"),  # four years out, and a holiday
        ("9999-12-31T17:00:00+07:00", "04/01/2027 17:00"),
        ("9999-12-31T23:59:59-12:00", "new_due_at"),
        ("2026-12-04T08:00:00+07:00", "new_due_at"),  # before now
    ],
)
def test_an_extension_must_be_a_working_time_within_the_limit(client, desk, new_due_at, words):
    with time_machine.travel(FRIDAY, tick=False):
        client.force_login(desk.officer)
        code = _post(client, "/api/v1/dossiers/", BODY).json()["code"]
        client.force_login(desk.leader)
        response = _post(
            client,
            f"/api/v1/dossiers/{code}/extend/",
            {"reason": "Chờ xác minh", "new_due_at": new_due_at},
        )
    assert response.status_code == 400
    body = response.json()
    assert "new_due_at" in body and words in str(body)
    dossier = Dossier.objects.get()
    assert dossier.due_at == dossier.first_due_at == dt.datetime(2026, 12, 18, 17, tzinfo=VIETNAM)
    assert not dossier.events.filter(kind="extended").exists()


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


def test_a_receipt_through_the_api_makes_14_queries(
    client, desk, monkeypatch, django_assert_num_queries
):
    """A receipt as the desk's software sends it (a token; the land procedure with its
    internal process; one paper): one query for the caller with their agency (roles and
    rights are kept per process), one for the version in their catalogue, then only writes:
    the transaction's savepoint (the test's transaction around it) and its release, the
    day's number, the dossier, its paper, its steps, its event, the day's and month's
    figures (one statement on PostgreSQL), the activity chain's head, entry and new head.
    The answer is built from what was written (it was 24 queries, 3 of them to read the new
    dossier back)."""
    monkeypatch.setattr(calendar_selectors, "STAMP_TTL_SECONDS", 3600)  # the calendar stays built
    token = Token.objects.create(user=desk.officer)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    # The first receipt builds the calendar and creates the day's figure and number rows.
    assert _post(client, "/api/v1/dossiers/", BODY, **auth).status_code == 201
    with django_assert_num_queries(14 if connection.vendor == "sqlite" else 13):
        response = _post(client, "/api/v1/dossiers/", BODY, **auth)
    assert response.status_code == 201
    received = response.json()
    assert received["code"].endswith("-0002") and len(received["steps"]) == 4
    # The answer is the same detail a later read gives.
    detail = client.get(f"/api/v1/dossiers/{received['code']}/", **auth)
    assert received == detail.json()


def test_the_list_reads_values_and_shows_what_the_serializer_shows(
    client, desk, django_assert_num_queries
):
    from chuan.dossiers.api.serializers import DossierSerializer

    token = Token.objects.create(user=desk.officer)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    for _ in range(3):
        assert _post(client, "/api/v1/dossiers/", BODY, **auth).status_code == 201
    # The caller with their agency, the bounded count, the page.
    with django_assert_num_queries(3):
        listed = client.get("/api/v1/dossiers/", **auth).json()
    assert listed["count"] == 3 and listed["count_exact"] is True
    expected = [
        DossierSerializer(dossier).data
        for dossier in Dossier.objects.select_related("version__procedure").order_by(
            "-received_at", "-id"
        )
    ]
    assert listed["results"] == [dict(row) for row in expected]


def test_a_list_past_the_count_cap_pages_on_without_counting(client, desk, monkeypatch):
    from chuan.core.api import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    token = Token.objects.create(user=desk.officer)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    for _ in range(5):
        assert _post(client, "/api/v1/dossiers/", BODY, **auth).status_code == 201
    first = client.get("/api/v1/dossiers/?page_size=2", **auth).json()
    assert first["count"] == 3 and first["count_exact"] is False and first["next"]
    codes = [row["code"] for row in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"], **auth).json()
        codes += [row["code"] for row in page["results"]]
    assert len(codes) == len(set(codes)) == 5
    assert client.get("/api/v1/dossiers/?page_size=2&page=4", **auth).status_code == 404
