"""Guidance letters and questions (QĐ 19/2014/QĐ-TTg Art. 12): the audience, publishing,
acknowledging, threads, the FAQ; every refusal changes nothing; each write is recorded."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError
from chuan.core.models import ActivityEntry
from chuan.core.testing.bad_files import docx_with_macros
from chuan.inspections.guidance_states import FileRole, LetterState, QuestionState
from chuan.inspections.models import (
    GuidanceFaq,
    GuidanceFile,
    GuidanceLetter,
    GuidanceMessage,
    GuidanceQuestion,
    GuidanceReceipt,
)
from chuan.inspections.selectors import guidance as selectors
from chuan.inspections.services import guidance as services
from chuan.inspections.tests.guidance_support import draft, letter_data, pdf_upload, published
from chuan.organisations.tests.factories import AgencyFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def _counts():
    return (
        GuidanceLetter.objects.count(),
        GuidanceFile.objects.count(),
        GuidanceReceipt.objects.filter(acknowledged_at__isnull=False).count(),
        GuidanceReceipt.objects.count(),
        GuidanceQuestion.objects.count(),
        GuidanceMessage.objects.count(),
        GuidanceFaq.objects.count(),
        ActivityEntry.objects.count(),
    )


def _province_ids(world):
    return {
        world.dost.pk,
        world.chu_se_pc.pk,
        world.binh_dinh_dept.pk,
        world.ward_pc.pk,
    }


def test_a_letter_to_all_reaches_every_agency_of_the_province_and_no_other(world):
    letter = published(world)
    agencies = set(letter.receipts.values_list("agency_id", flat=True))
    assert agencies == _province_ids(world)
    assert world.kon_tum_dept.pk not in agencies
    assert world.dost_2025.pk not in agencies  # the publisher's own agency
    assert letter.state == LetterState.PUBLISHED and letter.published_at
    entry = ActivityEntry.objects.filter(verb="guidance_letter.published").get()
    assert entry.actor == world.coordinator and entry.changes["agencies"] == 4


def test_the_audience_narrows_by_level_and_by_kind(world):
    communes = published(world, audience_level="commune")
    assert list(communes.receipts.values_list("agency_id", flat=True)) == [world.ward_pc.pk]
    departments = published(world, audience_kind="provincial_department")
    assert set(departments.receipts.values_list("agency_id", flat=True)) == {
        world.dost.pk,
        world.binh_dinh_dept.pk,
    }


def test_an_agency_that_ceased_to_exist_gets_nothing(world):
    world.binh_dinh_dept.valid_to = datetime.date(2025, 6, 30)
    world.binh_dinh_dept.save()
    letter = published(world)
    assert world.binh_dinh_dept.pk not in set(letter.receipts.values_list("agency_id", flat=True))


def test_publishing_to_300_agencies_is_one_bulk_insert(world, django_assert_max_num_queries):
    AgencyFactory.create_batch(
        300, unit=world.pleiku_ward_2025, kind="commune_peoples_committee", level="commune"
    )
    letter = draft(world, audience_level="commune")
    with django_assert_max_num_queries(12):
        count = services.guidance_publish(letter=letter, actor=world.coordinator)
    assert count == 301
    assert letter.receipts.count() == 301


def test_an_empty_audience_is_refused_and_nothing_changes(world):
    letter = draft(world, audience_level="district", audience_kind="commune_peoples_committee")
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.guidance_publish(letter=letter, actor=world.coordinator)
    assert "audience_kind" in caught.value.message_dict
    assert _counts() == before
    letter.refresh_from_db()
    assert letter.state == LetterState.DRAFT


def test_only_dost_of_the_province_drafts_and_publishes(world):
    kon_tum_dost = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    letter = draft(world)
    before = _counts()
    for actor in (world.leader, world.secretary, kon_tum_dost):
        with pytest.raises(PermissionDenied):
            services.guidance_publish(letter=letter, actor=actor)
        with pytest.raises(PermissionDenied):
            services.guidance_create(province=world.gia_lai_2025, data=letter_data(), actor=actor)
    assert _counts() == before


def test_a_file_with_macros_or_too_big_is_refused_before_anything_is_stored(world, settings):
    before = _counts()
    bad = SimpleUploadedFile("mau.docx", docx_with_macros())
    with pytest.raises(ValidationError):
        draft(
            world,
            files=[(FileRole.LETTER, "Công văn", pdf_upload()), (FileRole.TEMPLATE, "x", bad)],
        )
    huge = SimpleUploadedFile("to.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        draft(world, files=[(FileRole.LETTER, "Công văn", huge)])
    assert "MB" in caught.value.messages[0]
    assert _counts() == before


def test_publishing_needs_the_signed_letter(world):
    letter = draft(world, files=[])
    with pytest.raises(ValidationError):
        services.guidance_publish(letter=letter, actor=world.coordinator)
    services.guidance_file_add(
        letter=letter,
        role=FileRole.LETTER,
        title="Công văn",
        upload=pdf_upload(),
        actor=world.coordinator,
    )
    assert services.guidance_publish(letter=letter, actor=world.coordinator) == 4


def test_a_letter_is_published_once_and_withdrawn_with_a_reason(world):
    letter = published(world)
    with pytest.raises(ConflictError):
        services.guidance_publish(letter=letter, actor=world.coordinator)
    with pytest.raises(ValidationError):
        services.guidance_withdraw(letter=letter, reason="  ", actor=world.coordinator)
    services.guidance_withdraw(
        letter=letter, reason="Thay bằng công văn 130", actor=world.coordinator
    )
    letter.refresh_from_db()
    assert letter.state == LetterState.WITHDRAWN and letter.withdrawn_reason
    with pytest.raises(ConflictError):
        services.guidance_acknowledge(letter=letter, actor=world.leader)


def test_an_official_acknowledges_for_the_agency_once(world):
    letter = published(world)
    receipt = services.guidance_acknowledge(letter=letter, actor=world.viewer)
    assert receipt.acknowledged_by == world.viewer and receipt.acknowledged_at
    entries = ActivityEntry.objects.filter(verb="guidance_letter.acknowledged")
    assert entries.get().agency_id == world.chu_se_pc.pk
    again = services.guidance_acknowledge(letter=letter, actor=world.leader)
    assert again.acknowledged_by == world.viewer
    assert entries.count() == 1


def test_an_agency_outside_the_audience_cannot_acknowledge(world):
    letter = published(world, audience_level="commune")
    before = _counts()
    for actor in (world.leader, world.outsider):
        with pytest.raises(PermissionDenied):
            services.guidance_acknowledge(letter=letter, actor=actor)
    assert _counts() == before


def test_dost_sees_who_acknowledged_and_who_not(world):
    letter = published(world)
    services.guidance_acknowledge(letter=letter, actor=world.leader)
    assert selectors.receipt_list(letter=letter).count() == 4
    unread = selectors.receipt_list(letter=letter, unread=True)
    assert world.chu_se_pc.pk not in {r.agency_id for r in unread}
    assert unread.count() == 3
    row = selectors.letter_list_dost(user=world.coordinator).get(pk=letter.pk)
    assert (row.acknowledged_count, row.receipt_count) == (1, 4)


def test_an_agency_lists_its_letters_unread_first(world):
    first = published(world, number="1/SKHCN")
    second = published(world, number="2/SKHCN")
    services.guidance_acknowledge(letter=second, actor=world.leader)
    published(world, number="3/SKHCN", audience_level="commune")
    rows = list(selectors.receipt_list_agency(user=world.leader))
    assert [r.letter_id for r in rows] == [first.pk, second.pk]
    assert selectors.letter_get(user=world.outsider, pk=first.pk) is None
    assert selectors.letter_get(user=world.leader, pk=draft(world).pk) is None


def _ask(world, actor=None):
    return services.question_ask(
        agency=world.chu_se_pc,
        subject="Phạm vi áp dụng cho bộ phận một cửa",
        text="Bộ phận một cửa của huyện có phải xây dựng quy trình riêng không?",
        actor=actor or world.leader,
    )


def test_a_thread_between_the_agency_and_dost(world):
    question = _ask(world)
    assert question.state == QuestionState.OPEN and question.awaiting_since
    services.question_reply(question=question, text="Có, theo Điều 4.", actor=world.coordinator)
    question.refresh_from_db()
    assert question.state == QuestionState.ANSWERED and question.awaiting_since is None
    services.question_reply(question=question, text="Cảm ơn, xin hỏi thêm…", actor=world.secretary)
    question.refresh_from_db()
    assert question.state == QuestionState.OPEN and question.awaiting_since
    services.question_reply(question=question, text="Được.", actor=world.coordinator)
    services.question_close(question=question, actor=world.leader)
    question.refresh_from_db()
    assert question.state == QuestionState.CLOSED
    assert [m.from_dost for m in selectors.message_list(question=question)] == [
        False,
        True,
        False,
        True,
    ]
    with pytest.raises(ConflictError):
        services.question_reply(question=question, text="…", actor=world.leader)
    verbs = list(ActivityEntry.objects.values_list("verb", flat=True))
    assert verbs.count("guidance_question.answered") == 2
    assert "guidance_question.followed_up" in verbs and "guidance_question.closed" in verbs


def test_who_may_ask_and_write_in_a_thread(world):
    before = _counts()
    for actor in (world.viewer, world.outsider, world.coordinator):
        with pytest.raises(PermissionDenied):
            _ask(world, actor)
    assert _counts() == before
    question = _ask(world)
    kon_tum_dost = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    before = _counts()
    for actor in (world.viewer, world.outsider, kon_tum_dost):
        with pytest.raises(PermissionDenied):
            services.question_reply(question=question, text="Xin chào", actor=actor)
        with pytest.raises(PermissionDenied):
            services.question_close(question=question, actor=actor)
    assert _counts() == before


def test_an_agency_sees_only_its_own_questions_dost_its_province(world):
    question = _ask(world)
    kon_tum_dost = member(UserFactory(roles=[Role.DOST_COORDINATOR]), world.kon_tum_dept)
    assert selectors.question_get(user=world.viewer, pk=question.pk) == question
    assert selectors.question_get(user=world.coordinator, pk=question.pk) == question
    assert selectors.question_get(user=world.outsider, pk=question.pk) is None
    assert selectors.question_get(user=kon_tum_dost, pk=question.pk) is None
    assert list(selectors.question_list(user=world.outsider)) == []
    assert list(selectors.question_list(user=kon_tum_dost)) == []
    assert list(selectors.question_list(user=world.coordinator)) == [question]


def test_an_answer_becomes_an_anonymous_faq_for_the_province(world):
    question = _ask(world)
    with pytest.raises(ConflictError):
        services.faq_publish(
            question=question, question_text="Hỏi", answer_text="Đáp", actor=world.coordinator
        )
    services.question_reply(question=question, text="Có.", actor=world.coordinator)
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.faq_publish(
            question=question,
            question_text="Ủy ban nhân dân huyện Chư Sê hỏi về một cửa",
            answer_text="Có.",
            actor=world.coordinator,
        )
    assert "question_text" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.faq_publish(
            question=question, question_text="Hỏi", answer_text="Đáp", actor=world.leader
        )
    assert _counts() == before
    faq = services.faq_publish(
        question=question,
        question_text="Bộ phận một cửa có phải xây dựng quy trình riêng không?",
        answer_text="Có, theo Điều 4 Quyết định 19/2014/QĐ-TTg.",
        actor=world.coordinator,
    )
    assert [f.pk for f in selectors.faq_list(user=world.outsider)] == []
    ward_official = member(UserFactory(roles=[Role.VIEWER]), world.ward_pc)
    assert list(selectors.faq_list(user=ward_official, query="mot cua")) == [faq]
    assert list(selectors.faq_list(user=ward_official, query="ngan sach")) == []
    with pytest.raises(ConflictError):
        services.faq_publish(
            question=question, question_text="Hỏi", answer_text="Đáp", actor=world.coordinator
        )


def test_a_message_attachment_is_checked_by_content(world):
    question = _ask(world)
    before = _counts()
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image")
    with pytest.raises(ValidationError):
        services.question_reply(question=question, text="Xem tệp", upload=fake, actor=world.leader)
    assert _counts() == before
