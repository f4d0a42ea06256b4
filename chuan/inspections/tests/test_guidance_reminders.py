"""Reminders of guidance: an unacknowledged letter after five working days reaches the
agency's leaders and ISO secretary; an unanswered question reaches DOST's coordinators."""

import datetime

from django.utils import timezone

import pytest

from chuan.inspections.guidance_reminders import unanswered_reminders, unread_reminders
from chuan.inspections.models import GuidanceLetter, GuidanceQuestion
from chuan.inspections.services import guidance as services
from chuan.inspections.tests.guidance_support import published
from chuan.notifications.registry import KINDS

pytestmark = pytest.mark.django_db

# Monday 2 March 2026: five working days later is Monday 9 March.
MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


def test_the_kinds_are_registered():
    assert {"guidance_unread", "guidance_unanswered"} <= set(KINDS)


def test_an_unacknowledged_letter_reminds_the_leaders_and_secretary(
    world, django_assert_max_num_queries
):
    letter = published(world)
    GuidanceLetter.objects.filter(pk=letter.pk).update(published_at=MONDAY)
    assert list(unread_reminders(datetime.date(2026, 3, 6))) == []
    with django_assert_max_num_queries(6):
        reminders = list(unread_reminders(datetime.date(2026, 3, 9)))
    chu_se = {r.user_id for r in reminders if r.key.endswith(f":{world.chu_se_pc.pk}")}
    assert chu_se == {world.leader.pk, world.secretary.pk}  # not the viewer
    first = reminders[0]
    assert first.kind == "guidance_unread" and first.due_on == datetime.date(2026, 3, 9)
    assert not first.overdue and first.url == f"/guidance/{letter.pk}/"
    assert all(r.overdue for r in unread_reminders(datetime.date(2026, 3, 10)))
    services.guidance_acknowledge(letter=letter, actor=world.viewer)
    later = list(unread_reminders(datetime.date(2026, 3, 10)))
    assert not any(r.key.endswith(f":{world.chu_se_pc.pk}") for r in later)


def test_an_unanswered_question_reminds_dost_of_the_province(world):
    question = services.question_ask(
        agency=world.chu_se_pc, subject="Hỏi", text="Nội dung", actor=world.leader
    )
    GuidanceQuestion.objects.filter(pk=question.pk).update(awaiting_since=MONDAY)
    assert list(unanswered_reminders(datetime.date(2026, 3, 6))) == []
    reminders = list(unanswered_reminders(datetime.date(2026, 3, 9)))
    assert [r.user_id for r in reminders] == [world.coordinator.pk]
    assert reminders[0].kind == "guidance_unanswered"
    services.question_reply(question=question, text="Trả lời", actor=world.coordinator)
    assert list(unanswered_reminders(datetime.date(2026, 3, 20))) == []
