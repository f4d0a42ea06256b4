"""Guidance screens: the permission matrix, the HTMX acknowledgement, the publish form,
threads, the FAQ, the XLSX read back, and the query budget of each paginated list."""

import io

import openpyxl
import pytest

from chuan.accounts.roles import Role
from chuan.core.testing.matrix import assert_permission_matrix
from chuan.inspections.guidance_states import LetterState, QuestionState
from chuan.inspections.models import GuidanceLetter, GuidanceQuestion
from chuan.inspections.services import guidance as services
from chuan.inspections.tests.guidance_support import docx_upload, pdf_upload, published
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def _question(world):
    question = services.question_ask(
        agency=world.chu_se_pc,
        subject="Ban hành lại tài liệu sau sáp nhập",
        text="Sau sắp xếp đơn vị hành chính, có phải ban hành lại toàn bộ tài liệu không?",
        actor=world.leader,
    )
    services.question_reply(
        question=question, text="Chỉ những tài liệu thay đổi phạm vi.", actor=world.coordinator
    )
    return question


def test_permission_matrix(client, world):
    letter = published(world)
    question = _question(world)
    assert_permission_matrix(client, "/guidance/", allowed=world.viewer)
    assert_permission_matrix(
        client, f"/guidance/{letter.pk}/", allowed=world.viewer, outsider=world.outsider
    )
    assert_permission_matrix(
        client, "/guidance/new/", allowed=world.coordinator, member_without_right=world.leader
    )
    assert_permission_matrix(
        client,
        f"/guidance/questions/{question.pk}/",
        allowed=world.viewer,
        outsider=world.outsider,
    )
    assert_permission_matrix(
        client,
        "/guidance/questions/new/",
        allowed=world.leader,
        member_without_right=world.viewer,
    )
    assert_permission_matrix(
        client,
        f"/guidance/{letter.pk}/receipts.xlsx",
        allowed=world.coordinator,
        member_without_right=world.leader,
    )
    assert_permission_matrix(client, "/guidance/faq/", allowed=world.viewer)


def test_a_letter_not_addressed_to_the_agency_is_not_found(client, world):
    letter = published(world, audience_level="commune")
    client.force_login(world.leader)
    assert client.get(f"/guidance/{letter.pk}/").status_code == 404
    file_id = letter.files.first().pk
    assert client.get(f"/guidance/files/{file_id}/").status_code == 404
    ward = member(UserFactory(roles=[Role.VIEWER]), world.ward_pc)
    client.force_login(ward)
    assert client.get(f"/guidance/files/{file_id}/").status_code == 200


def test_acknowledging_with_htmx_swaps_the_panel(client, world):
    letter = published(world)
    client.force_login(world.viewer)
    page = client.get(f"/guidance/{letter.pk}/").content.decode()
    assert 'data-testid="guidance-ack-button"' in page
    response = client.post(f"/guidance/{letter.pk}/acknowledge/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="guidance-ack"' in body and "guidance-ack-button" not in body
    assert letter.receipts.get(agency=world.chu_se_pc).acknowledged_by == world.viewer


def test_publishing_from_the_form(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/guidance/new/",
        {
            "number": "45/SKHCN-TĐC",
            "issued_on": "02/03/2026",
            "title": "Hướng dẫn báo cáo năm 2026",
            "audience_level": "commune",
            "audience_kind": "",
            "letter_file": pdf_upload(),
            "templates": [docx_upload("mau-1.docx"), docx_upload("mau-2.docx")],
            "publish_now": "on",
        },
    )
    letter = GuidanceLetter.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/guidance/{letter.pk}/"
    assert letter.state == LetterState.PUBLISHED
    assert letter.files.count() == 3 and letter.receipts.count() == 1
    page = client.get(f"/guidance/{letter.pk}/").content.decode()
    assert "02/03/2026" in page and "commune" not in page.split("<main", 1)[-1]


def test_a_bad_date_or_file_re_renders_the_form(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/guidance/new/",
        {"number": "1", "issued_on": "31/02/2026", "title": "x", "letter_file": pdf_upload()},
    )
    assert response.status_code == 200 and GuidanceLetter.objects.count() == 0
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/guidance/new/",
        {
            "number": "1",
            "issued_on": "02/03/2026",
            "title": "x",
            "letter_file": SimpleUploadedFile("a.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 200 and GuidanceLetter.objects.count() == 0


def test_receipts_xlsx_reads_back(client, world):
    letter = published(world)
    services.guidance_acknowledge(letter=letter, actor=world.leader)
    client.force_login(world.coordinator)
    response = client.get(f"/guidance/{letter.pk}/receipts.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    names = [row[0] for row in rows[3:]]
    assert len(names) == 4 and world.chu_se_pc.name in names
    chu_se = next(row for row in rows if row[0] == world.chu_se_pc.name)
    assert chu_se[1] in ("Yes", "Có") and chu_se[2] is not None
    unread = client.get(f"/guidance/{letter.pk}/receipts.xlsx?unread=1")
    unread_rows = list(openpyxl.load_workbook(io.BytesIO(unread.content)).active.iter_rows())
    assert len(unread_rows) == 3 + 3


def test_thread_steps_from_the_page(client, world):
    question = _question(world)
    client.force_login(world.secretary)
    client.post(f"/guidance/questions/{question.pk}/reply/", {"text": "Xin hỏi thêm"})
    question.refresh_from_db()
    assert question.state == QuestionState.OPEN
    client.force_login(world.viewer)
    client.post(f"/guidance/questions/{question.pk}/close/")
    question.refresh_from_db()
    assert question.state == QuestionState.OPEN  # a viewer may read, not write
    client.force_login(world.coordinator)
    client.post(f"/guidance/questions/{question.pk}/reply/", {"text": "Đúng vậy."})
    response = client.post(
        f"/guidance/questions/{question.pk}/faq/",
        {"question_text": "Có phải ban hành lại tài liệu?", "answer_text": "Chỉ khi phạm vi đổi."},
    )
    assert response.status_code == 302
    client.force_login(member(UserFactory(roles=[Role.VIEWER]), world.ward_pc))
    page = client.get("/guidance/faq/?q=ban hanh").content.decode()
    assert "Chỉ khi phạm vi đổi." in page and world.chu_se_pc.name not in page
    assert client.get(f"/guidance/questions/{question.pk}/").status_code == 404


def test_query_budgets(client, world, django_assert_max_num_queries):
    AgencyFactory.create_batch(
        60, unit=world.pleiku_ward_2025, kind="commune_peoples_committee", level="commune"
    )
    letters = [published(world, number=f"{n}/SKHCN") for n in range(3)]
    for letter in letters:
        services.guidance_acknowledge(letter=letter, actor=world.leader)
    for _ in range(3):
        _question(world)
    question = GuidanceQuestion.objects.first()
    for index in range(3):
        services.question_reply(question=question, text=f"Thêm {index}", actor=world.leader)
    client.force_login(world.coordinator)
    for url, budget in (
        ("/guidance/", 20),
        (f"/guidance/{letters[0].pk}/", 25),
        (f"/guidance/{letters[0].pk}/?unread=1&page=2", 25),
        ("/guidance/questions/", 20),
        (f"/guidance/questions/{question.pk}/", 25),
        ("/guidance/faq/", 20),
    ):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url
    client.force_login(world.leader)
    for url, budget in (
        ("/guidance/", 20),
        (f"/guidance/{letters[0].pk}/", 25),
        ("/guidance/questions/", 20),
        (f"/guidance/questions/{question.pk}/", 25),
    ):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url
