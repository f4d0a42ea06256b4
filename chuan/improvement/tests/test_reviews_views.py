"""Screens and API of management reviews: the permission matrix of each, query budgets,
every step through the API with its 409/400/403, and the minutes read back."""

import datetime as dt
import io

import docx
import pytest

from chuan.core.testing.matrix import assert_permission_matrix
from chuan.improvement.choices import ReviewState
from chuan.improvement.models import ManagementReview
from chuan.improvement.services import reviews as services
from chuan.improvement.tests.reviews_support import held, known_quarter, plan
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def _held(world):
    review = services.review_compile(review=plan(world), actor=world.secretary)
    services.review_comment(
        review=review, key="c", comment="Người dân hài lòng", actor=world.secretary
    )
    services.review_record_minutes(
        review=review, minutes="Hệ thống vận hành tốt", actor=world.secretary
    )
    services.review_decision_add(
        review=review, text="Bổ sung một công chức một cửa", actor=world.secretary
    )
    services.review_action_add(
        review=review,
        description="Rà soát quy trình chứng thực",
        owner=world.viewer,
        due_on=dt.date(2026, 6, 30),
        actor=world.secretary,
    )
    return review


def test_screens_permission_matrix(client, world):
    review = _held(world)
    assert_permission_matrix(
        client, f"/qms/reviews/?agency={world.chu_se_pc.pk}", allowed=world.viewer
    )
    assert_permission_matrix(
        client, f"/qms/reviews/{review.pk}/", allowed=world.viewer, outsider=world.outsider
    )
    assert_permission_matrix(
        client,
        f"/qms/reviews/{review.pk}/minutes.docx",
        allowed=world.viewer,
        outsider=world.outsider,
    )
    assert_permission_matrix(
        client, "/qms/reviews/new/", allowed=world.secretary, member_without_right=world.viewer
    )
    for step in ("compile", "comment", "minutes", "decision", "action"):
        assert_permission_matrix(
            client,
            f"/qms/reviews/{review.pk}/{step}/",
            method="post",
            data={},
            allowed=world.secretary,
            member_without_right=world.viewer,
            outsider=world.outsider,
            allowed_status=302,
        )
    assert_permission_matrix(
        client,
        f"/qms/reviews/{review.pk}/approve/",
        method="post",
        data={},
        allowed=world.leader,
        member_without_right=world.secretary,
        outsider=world.outsider,
        allowed_status=302,
    )
    review.refresh_from_db()
    assert review.state == ReviewState.APPROVED


def test_complete_by_owner_on_screen(client, world):
    review = _held(world)
    action = review.actions.get()
    stranger = member(UserFactory(roles=["viewer"]), world.chu_se_pc)
    assert_permission_matrix(
        client,
        f"/qms/reviews/{review.pk}/complete/",
        method="post",
        data={"action": action.pk, "result": "Đã sửa"},
        allowed=world.viewer,
        member_without_right=stranger,
        outsider=world.outsider,
        allowed_status=302,
    )
    action.refresh_from_db()
    assert action.state == "done" and action.result == "Đã sửa"


def test_plan_on_screen_and_bad_input(client, world):
    client.force_login(world.secretary)
    url = f"/qms/reviews/new/?agency={world.chu_se_pc.pk}"
    bad = client.post(url, {"title": "x", "period_start": "31/02/2026", "day": "abc"})
    assert bad.status_code == 200 and not ManagementReview.objects.exists()
    good = client.post(
        url,
        {
            "title": "Xem xét năm 2026",
            "period_start": "01/01/2026",
            "period_end": "30/11/2026",
            "day": "02/12/2026",
            "time": "08:00",
            "place": "Hội trường",
            "chair": world.leader.pk,
            "secretary": world.secretary.pk,
            "attendees": [world.viewer.pk],
        },
    )
    review = ManagementReview.objects.get()
    assert good.status_code == 302 and good["Location"] == review.get_absolute_url()
    assert list(review.attendees.all()) == [world.viewer]
    page = client.get(review.get_absolute_url())
    assert "Tổng hợp đầu vào" in page.content.decode()


def test_query_budgets(client, world, django_assert_max_num_queries):
    known_quarter(world)
    for _ in range(3):
        _held(world)
    client.force_login(world.viewer)
    review = ManagementReview.objects.first()
    with django_assert_max_num_queries(20):
        assert client.get(f"/qms/reviews/?agency={world.chu_se_pc.pk}").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/qms/reviews/{review.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/api/v1/qms/reviews/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/api/v1/qms/reviews/{review.pk}/").status_code == 200
    client.force_login(world.secretary)
    # Compiling asks every concern of the cycle for its input: a handful of queries each.
    with django_assert_max_num_queries(50):
        assert client.post(f"/qms/reviews/{review.pk}/compile/").status_code == 302


def test_api_every_step(client, world):
    client.force_login(world.secretary)
    created = client.post(
        "/api/v1/qms/reviews/",
        {
            "agency": world.chu_se_pc.pk,
            "title": "Xem xét 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-11-30",
            "held_at": "2026-12-02T08:00:00+07:00",
            "chair": world.leader.username,
            "secretary": world.secretary.username,
            "attendees": [world.viewer.username],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    url = f"/api/v1/qms/reviews/{pk}/"

    def step(name, **data):
        return client.post(url + name + "/", data, content_type="application/json")

    assert step("minutes", minutes="x").status_code == 409
    assert step("compile").status_code == 200
    assert step("comment").json() == {"key": ["This field is required."]}
    assert step("comment", key="i", comment="Đủ nhân lực").status_code == 200
    assert step("minutes", minutes="").status_code == 400
    assert step("minutes", minutes="Kết luận").json()["state"] == "held"
    assert step("decision", text="Tăng cường đào tạo").status_code == 200
    assert "owner" in step("action", description="x", owner="nobody", due_on="2026-12-31").json()
    body = step(
        "action", description="Đào tạo", owner=world.viewer.username, due_on="2026-12-31"
    ).json()
    action_id = body["actions"][0]["id"]
    assert step("approve").status_code == 403
    client.force_login(world.viewer)
    assert step("complete", action=action_id, result="Xong").json()["actions"][0]["state"] == "done"
    assert step("compile").status_code == 403
    client.force_login(world.leader)
    assert step("approve").json()["state"] == "approved"
    assert step("compile").status_code == 409
    assert step("nonsense").status_code == 404  # no such step
    assert client.get(url).json()["sections"][8]["comment"] == "Đủ nhân lực"
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert step("compile").status_code == 404


def test_api_permission_matrix(client, world):
    review = _held(world)
    assert_permission_matrix(
        client,
        f"/api/v1/qms/reviews/{review.pk}/",
        allowed=world.viewer,
        outsider=world.outsider,
        api=True,
    )
    assert_permission_matrix(
        client,
        f"/api/v1/qms/reviews/{review.pk}/compile/",
        method="post",
        data={},
        api=True,
        allowed=world.secretary,
        member_without_right=world.viewer,
        outsider=world.outsider,
    )
    assert_permission_matrix(
        client,
        "/api/v1/qms/reviews/",
        method="post",
        data={"agency": world.chu_se_pc.pk},
        api=True,
        allowed=world.secretary,
        member_without_right=world.viewer,
        allowed_status=400,
    )


def test_minutes_read_back(client, world):
    known_quarter(world)
    review = _held(world)
    services.review_approve(review=review, actor=world.leader)
    client.force_login(world.viewer)
    response = client.get(f"/qms/reviews/{review.pk}/minutes.docx")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert "BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO" in text
    assert "Phòng họp số 1" in text and "08:00 ngày 10/04/2026" in text
    assert "Người dân hài lòng" in text and "Bổ sung một công chức một cửa" in text
    assert ["Tổng cộng", "17", "13", "4", "88,2%"] in cells
    assert ["Tổng cộng", "", "60", "43", "5", "34", "4", "90,7%"] in cells
    assert any(row[1] == "Rà soát quy trình chứng thực" and row[3] == "30/06/2026" for row in cells)
    signatures = cells[-1]
    assert "THƯ KÝ" in signatures[0] and "CHỦ TRÌ" in signatures[1]


def test_the_card_warns_after_a_year(client, world):
    client.force_login(world.viewer)

    def card():
        return client.get("/qms/").content.decode()

    assert 'data-testid="reviews-overdue"' in card()  # never held
    old = plan(
        world,
        held_at=held(dt.date(2025, 6, 2)),
        period_start=dt.date(2024, 6, 1),
        period_end=dt.date(2025, 5, 31),
    )
    services.review_compile(review=old, actor=world.secretary)
    services.review_record_minutes(review=old, minutes="Kết luận", actor=world.secretary)
    page = card()
    assert "02/06/2025" in page and 'data-testid="reviews-overdue"' in page
    _held(world)  # held 10/04/2026
    page = card()
    assert "10/04/2026" in page and 'data-testid="reviews-overdue"' not in page
