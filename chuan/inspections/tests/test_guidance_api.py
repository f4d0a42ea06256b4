"""/api/v1/inspections/guidance/: letters, acknowledgement, receipts, questions, messages,
the FAQ — scoped like the screens, with 400/403/404/409 and query budgets."""

import pytest
from rest_framework.test import APIClient

from chuan.accounts.roles import Role
from chuan.inspections.models import GuidanceLetter
from chuan.inspections.services import guidance as services
from chuan.inspections.tests.guidance_support import docx_upload, pdf_upload, published
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections/guidance"


@pytest.fixture
def api():
    return APIClient()


def test_letters_as_dost_and_as_an_agency(api, world):
    letter = published(world)
    published(world, number="2/SKHCN", audience_level="commune")
    api.force_authenticate(world.coordinator)
    rows = api.get(f"{BASE}/letters/").json()["results"]
    assert len(rows) == 2 and rows[0]["receipt_count"] is not None
    api.force_authenticate(world.leader)
    rows = api.get(f"{BASE}/letters/").json()["results"]
    assert [row["id"] for row in rows] == [letter.pk]
    assert rows[0]["own_acknowledged_at"] is None
    assert api.post(f"{BASE}/letters/{letter.pk}/acknowledge/").status_code == 200
    rows = api.get(f"{BASE}/letters/").json()["results"]
    assert rows[0]["own_acknowledged_at"] is not None
    assert api.get(f"{BASE}/letters/{letter.pk}/receipts/").status_code == 403
    api.force_authenticate(world.outsider)
    assert api.get(f"{BASE}/letters/{letter.pk}/").status_code == 404
    assert api.post(f"{BASE}/letters/{letter.pk}/acknowledge/").status_code == 404
    api.force_authenticate(world.coordinator)
    receipts = api.get(f"{BASE}/letters/{letter.pk}/receipts/?unread=1").json()
    assert receipts["count"] == 3


def test_drafting_publishing_and_withdrawing(api, world):
    api.force_authenticate(world.coordinator)
    response = api.post(
        f"{BASE}/letters/",
        {
            "number": "9/SKHCN",
            "issued_on": "2026-03-02",
            "title": "Hướng dẫn",
            "audience_kind": "commune_peoples_committee",
            "letter_file": pdf_upload(),
            "templates": [docx_upload()],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert len(response.json()["files"]) == 2
    assert api.post(f"{BASE}/letters/{pk}/publish/").json()["state"] == "published"
    assert api.post(f"{BASE}/letters/{pk}/publish/").status_code == 409
    assert api.post(f"{BASE}/letters/{pk}/withdraw/", {"reason": ""}).status_code == 400
    response = api.post(f"{BASE}/letters/{pk}/withdraw/", {"reason": "Sai số"}, format="json")
    assert response.json()["state"] == "withdrawn"
    api.force_authenticate(world.leader)
    assert api.post(f"{BASE}/letters/", {}, format="multipart").status_code == 403
    assert GuidanceLetter.objects.count() == 1


def test_questions_and_messages(api, world):
    api.force_authenticate(world.leader)
    response = api.post(
        f"{BASE}/questions/", {"subject": "Hỏi về mẫu", "text": "Mẫu nào?"}, format="multipart"
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    api.force_authenticate(world.coordinator)
    assert (
        api.post(
            f"{BASE}/questions/{pk}/faq/", {"question_text": "a", "answer_text": "b"}, format="json"
        ).status_code
        == 409
    )
    assert (
        api.post(
            f"{BASE}/questions/{pk}/messages/", {"text": "Mẫu 01."}, format="multipart"
        ).status_code
        == 201
    )
    assert api.get(f"{BASE}/questions/{pk}/").json()["state"] == "answered"
    faq = api.post(
        f"{BASE}/questions/{pk}/faq/",
        {"question_text": "Dùng mẫu nào?", "answer_text": "Mẫu 01."},
        format="json",
    )
    assert faq.status_code == 201
    kon_tum_dost = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    for user in (world.outsider, kon_tum_dost):
        api.force_authenticate(user)
        assert api.get(f"{BASE}/questions/{pk}/").status_code == 404
        assert api.get(f"{BASE}/questions/{pk}/messages/").status_code == 404
        assert api.get(f"{BASE}/faq/").json()["count"] == 0
    api.force_authenticate(world.viewer)
    assert api.get(f"{BASE}/questions/{pk}/messages/").json()["count"] == 2
    assert api.post(f"{BASE}/questions/{pk}/messages/", {"text": "x"}).status_code == 403
    assert api.get(f"{BASE}/faq/?q=mau").json()["count"] == 1
    api.force_authenticate(world.leader)
    assert api.post(f"{BASE}/questions/{pk}/close/").json()["state"] == "closed"
    assert api.post(f"{BASE}/questions/{pk}/close/").status_code == 409


def test_query_budgets(api, world, django_assert_max_num_queries):
    for n in range(4):
        letter = published(world, number=f"{n}/SKHCN")
    question = services.question_ask(
        agency=world.chu_se_pc, subject="Hỏi", text="Nội dung", actor=world.leader
    )
    api.force_authenticate(world.coordinator)
    for url in (
        f"{BASE}/letters/",
        f"{BASE}/letters/{letter.pk}/receipts/",
        f"{BASE}/questions/",
        f"{BASE}/questions/{question.pk}/messages/",
        f"{BASE}/faq/",
    ):
        with django_assert_max_num_queries(15):
            assert api.get(url).status_code == 200, url
    api.force_authenticate(world.leader)
    with django_assert_max_num_queries(15):
        assert api.get(f"{BASE}/letters/").status_code == 200
