"""The triage list's screens and API: who may see and decide, filters, pagination within a
query budget, the button, the card, and 409/400/403 on the API."""

import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.dossiers.tests.factories import at, finish_through, make_desk, receive
from chuan.improvement.choices import CandidateState, TriageKind
from chuan.improvement.models import Nonconformity, TriageCandidate
from chuan.improvement.services.triage import triage_run
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    desk = make_desk(world)
    desk.secretary = member(UserFactory(roles=[Role.ISO_SECRETARY]), desk.agency)
    desk.nobody = member(UserFactory(roles=[]), desk.agency)
    for day in (2, 3):
        dossier = receive(desk, desk.land, at(day, 9))
        finish_through(desk, dossier, at(20 + day, 10))
    triage_run(now=at(24, 12))
    return desk


def _candidate(**filters):
    return TriageCandidate.objects.filter(**filters).order_by("pk").first()


def test_list_matrix_filters_and_budget(client, desk, django_assert_max_num_queries):
    url = f"/qms/triage/?agency={desk.agency.pk}"
    response = assert_permission_matrix(
        client, url, allowed=desk.secretary, member_without_right=desk.nobody
    )
    assert response.content.decode().count('data-testid="triage-row"') == 2
    assert 'data-testid="triage-run"' in response.content.decode()
    # A reader sees the list without the buttons.
    client.force_login(desk.officer)
    body = client.get(url).content.decode()
    assert 'data-testid="triage-row"' in body and 'data-testid="triage-accept"' not in body
    # Many candidates: one page, a fixed number of queries.
    source = _candidate()
    TriageCandidate.objects.bulk_create(
        TriageCandidate(
            agency=desk.agency,
            kind=TriageKind.BELOW_TARGET,
            procedure_id=source.procedure_id,
            month=f"20{10 + n // 12}-{n % 12 + 1:02d}-01",
            rate=50,
            target=98,
            finished=2,
            found_at=source.found_at,
        )
        for n in range(60)
    )
    client.force_login(desk.secretary)
    with django_assert_max_num_queries(14):
        response = client.get(url + "&page=2")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('data-testid="triage-row"') == 12
    filtered = client.get(url + "&kind=late_finish").content.decode()
    assert filtered.count('data-testid="triage-row"') == 2
    for bad in ("&kind=x", "&state=x", "&page=99999999999999999999", "&agency=%D9%A3"):
        assert client.get(url + bad).status_code == 200
    assert client.get(url + "&state=dismissed").content.decode().count("triage-row") == 0


def test_the_button_runs_and_says_how_many(client, desk):
    receive_late = receive(desk, desk.land, at(4, 9))
    finish_through(desk, receive_late, at(25, 10))
    url = f"/qms/triage/run/?agency={desk.agency.pk}"
    assert_permission_matrix(
        client,
        url,
        method="post",
        allowed=desk.secretary,
        member_without_right=desk.officer,
        allowed_status=302,
    )
    follow = client.get(f"/qms/triage/?agency={desk.agency.pk}").content.decode()
    assert TriageCandidate.objects.count() == 3
    assert "Tìm thấy 1 đề xuất mới." in follow
    assert client.get(url).status_code == 405


def test_accept_and_dismiss_screens(client, desk, world):
    one, two = TriageCandidate.objects.order_by("pk")
    accept = f"/qms/triage/{one.pk}/accept/"
    assert_permission_matrix(
        client,
        accept,
        allowed=desk.secretary,
        member_without_right=desk.officer,
        outsider=world.outsider,
    )
    body = client.get(accept).content.decode()
    assert one.dossier.code in body and 'name="also"' in body
    response = client.post(
        accept, {"severity": "minor", "description": "Trễ hạn hai hồ sơ đất đai", "also": [two.pk]}
    )
    assert response.status_code == 302
    nc = Nonconformity.objects.get()
    assert nc.dossiers.count() == 2 and nc.description == "Trễ hạn hai hồ sơ đất đai"
    assert set(TriageCandidate.objects.values_list("state", flat=True)) == {"accepted"}
    # Decided: the forms send back to the list.
    assert client.get(accept).status_code == 302
    assert client.post(f"/qms/triage/{two.pk}/dismiss/", {"reason": "x"}).status_code == 302
    two.refresh_from_db()
    assert two.state == CandidateState.ACCEPTED
    assert client.get("/qms/triage/99999999999999999999/accept/").status_code == 404


def test_dismiss_needs_a_reason(client, desk, world):
    candidate = _candidate()
    url = f"/qms/triage/{candidate.pk}/dismiss/"
    assert_permission_matrix(
        client, url, allowed=desk.leader, member_without_right=desk.officer, outsider=world.outsider
    )
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert client.post(url, {"reason": "Do mất điện cả ngày"}).status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.DISMISSED and candidate.reason == "Do mất điện cả ngày"
    body = client.get(f"/qms/triage/?agency={desk.agency.pk}&state=dismissed").content.decode()
    assert "Do mất điện cả ngày" in body


def test_card_counts(client, desk):
    client.force_login(desk.secretary)
    body = client.get(f"/qms/?agency={desk.agency.pk}").content.decode()
    assert 'data-testid="triage-card"' in body
    assert 'data-testid="triage-proposed">2<' in body


def test_api(client, desk, world):
    base = "/api/v1/qms/triage/"
    response = assert_permission_matrix(
        client,
        f"{base}?agency={desk.agency.pk}",
        allowed=desk.secretary,
        member_without_right=desk.nobody,
        api=True,
    )
    rows = response.json()["results"]
    assert len(rows) == 2 and rows[0]["kind"] == "late_finish" and rows[0]["dossier_code"]
    one, two = TriageCandidate.objects.order_by("pk")
    response = assert_permission_matrix(
        client,
        f"{base}{one.pk}/dismiss/",
        method="post",
        data={"reason": "Đã xử lý trong đợt đánh giá nội bộ"},
        allowed=desk.secretary,
        member_without_right=desk.officer,
        outsider=world.outsider,
        api=True,
    )
    assert response.json()["state"] == "dismissed"

    def post(url, body):
        return client.post(url, body, content_type="application/json")

    assert post(f"{base}{one.pk}/dismiss/", {"reason": "lại"}).status_code == 409
    assert post(f"{base}{one.pk}/accept/", {}).status_code == 409
    assert "reason" in post(f"{base}{two.pk}/dismiss/", {"reason": ""}).json()
    assert post(f"{base}{two.pk}/accept/", {"severity": "huge"}).status_code == 400
    assert post(f"{base}{two.pk}/accept/", {"also": ["٣"]}).status_code == 400
    response = post(f"{base}{two.pk}/accept/", {"severity": "major"})
    assert response.status_code == 200
    assert response.json()["nonconformity_code"] == "KPH-2026-001"
    assert response.json()["candidate"]["state"] == "accepted"
    client.force_login(desk.officer)
    assert post(f"{base}run/", {}).status_code == 403
    client.force_login(desk.secretary)
    response = post(f"{base}run/?agency={desk.agency.pk}", {})
    assert response.status_code == 200 and response.json() == {"found": 0, "found_for_agency": 0}
    assert client.get(f"{base}?agency={desk.agency.pk}&state=accepted").json()["count"] == 1
    client.force_login(world.outsider)
    assert client.get(f"{base}?agency={desk.agency.pk}").status_code == 404
