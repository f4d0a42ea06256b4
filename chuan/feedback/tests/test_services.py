"""The register's services: codes, deadlines counted on the province's calendar, each step
with its rules and who may take it, what the worklists count and what the 766 index reads."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from chuan.accounts.roles import Role
from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.dossiers.rules import VIETNAM
from chuan.dossiers.tests.factories import at, make_desk, receive
from chuan.feedback import selectors, services
from chuan.feedback.choices import Channel, Classification, State
from chuan.feedback.models import Feedback
from chuan.feedback.tests.factories import data, receive_feedback
from chuan.organisations.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(world):
    return make_desk(world)


def _tet(day, hour=10):
    return dt.datetime(2026, 2, day, hour, tzinfo=VIETNAM)


def test_receipt_numbers_and_deadlines_on_the_calendar(desk):
    first = receive_feedback(desk, at=_tet(12))
    second = receive_feedback(desk, at=_tet(12, 11))
    assert (first.code, second.code) == ("PAKN-26-00001", "PAKN-26-00002")
    assert first.state == State.RECEIVED and first.received_by == desk.officer
    assert first.forward_due_at.astimezone(VIETNAM).date() == dt.date(2026, 2, 26)
    assert first.reply_due_at.astimezone(VIETNAM).date() == dt.date(2026, 3, 5)
    assert first.due_at == first.reply_due_at
    entry = ActivityEntry.objects.filter(verb="feedback.received").first()
    assert entry.actor == desk.officer and entry.agency_id == desk.agency.pk


def test_the_reply_time_is_a_setting(desk, settings):
    settings.CHUAN_FEEDBACK_REPLY_DAYS = 15
    feedback = receive_feedback(desk, at=_tet(12))
    # Days 11–15 after 5/3: Fri 6, Mon 9 … Thu 12 March.
    assert feedback.reply_due_at.astimezone(VIETNAM).date() == dt.date(2026, 3, 12)
    settings.CHUAN_FEEDBACK_REPLY_DAYS = "nonsense"
    assert services.reply_days() == 10


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sender_name": "  "}, "sender_name"),
        ({"content": ""}, "content"),
        ({"content": "x" * 4001}, "content"),
        ({"content_type": "rumour"}, "content_type"),
        ({"channel": "pigeon"}, "channel"),
        ({"sender_phone": "12345"}, "sender_phone"),
        ({"sender_phone": "", "sender_email": "", "sender_address": ""}, "sender_phone"),
        ({"sender_email": "not-an-address"}, "sender_email"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_written(desk, changes, field):
    with pytest.raises(ValidationError) as error:
        receive_feedback(desk, **changes)
    assert field in error.value.message_dict
    assert not Feedback.objects.exists()


def test_a_dossier_of_another_agency_and_an_official_from_elsewhere_are_refused(desk, world):
    dossier = receive(desk, desk.land, at(2, 9))
    dossier.agency = world.chu_se_pc
    with pytest.raises(ValidationError) as error:
        receive_feedback(desk, dossier=dossier, official=world.outsider)
    assert {"dossier", "official"} <= set(error.value.message_dict)


def test_the_dossier_brings_its_procedure(desk):
    dossier = receive(desk, desk.land, at(2, 9))
    feedback = receive_feedback(desk, dossier=dossier, official=desk.official)
    assert feedback.procedure_id == desk.land.procedure_id
    assert feedback.official == desk.official


def test_only_the_desk_and_managers_register(desk, world):
    with pytest.raises(ForbiddenError):
        services.feedback_receive(agency=desk.agency, data=data(), actor=desk.official)
    with pytest.raises(ForbiddenError):
        services.feedback_receive(agency=desk.agency, data=data(), actor=world.outsider)
    with pytest.raises(ValidationError):
        services.feedback_receive(
            agency=desk.agency, data=data(channel=Channel.PUBLIC_FORM), actor=desk.officer
        )


def test_out_of_competence_is_forwarded_within_five_working_days(desk):
    feedback = receive_feedback(desk, at=_tet(12))
    feedback = services.feedback_classify(
        feedback=feedback, classification=Classification.OUT_OF_COMPETENCE, actor=desk.leader
    )
    assert feedback.state == State.CLASSIFIED
    assert feedback.due_at == feedback.forward_due_at  # the forwarding's deadline runs
    with pytest.raises(ConflictError):
        services.feedback_reply(
            feedback=feedback, reply="Không thuộc thẩm quyền", actor=desk.leader
        )
    with pytest.raises(ValidationError) as error:
        services.feedback_forward(feedback=feedback, forwarded_to=" ", actor=desk.officer)
    assert "forwarded_to" in error.value.message_dict
    forwarded = services.feedback_forward(
        feedback=feedback,
        forwarded_to="Sở Tài nguyên và Môi trường",
        reference="12/UBND-VP",
        actor=desk.officer,
        at=dt.datetime(2026, 2, 25, 9, tzinfo=VIETNAM),
    )
    assert forwarded.state == State.FORWARDED and forwarded.due_at is None
    assert forwarded.forwarded_at <= forwarded.forward_due_at
    assert not selectors.feedback_list(
        user=desk.leader, filters=selectors.Filters(overdue=True), now=_tet(27)
    ).exists()
    with pytest.raises(ConflictError):
        services.feedback_forward(
            feedback=forwarded, forwarded_to="Sở Xây dựng", actor=desk.officer
        )


def test_forwarding_late_is_recorded_late(desk):
    feedback = receive_feedback(desk, at=_tet(12))
    services.feedback_classify(
        feedback=feedback, classification=Classification.OUT_OF_COMPETENCE, actor=desk.officer
    )
    late = dt.datetime(2026, 2, 27, 9, tzinfo=VIETNAM)
    assert selectors.feedback_list(
        user=desk.leader, filters=selectors.Filters(overdue=True), now=late
    ).exists()
    forwarded = services.feedback_forward(
        feedback=feedback, forwarded_to="Sở Xây dựng", actor=desk.officer, at=late
    )
    assert forwarded.forwarded_at > forwarded.forward_due_at


def test_not_accepted_needs_a_reason_and_closes(desk):
    feedback = receive_feedback(desk)
    with pytest.raises(ValidationError):
        services.feedback_classify(
            feedback=feedback, classification=Classification.NOT_ACCEPTED, actor=desk.officer
        )
    closed = services.feedback_classify(
        feedback=feedback,
        classification=Classification.NOT_ACCEPTED,
        note="Nội dung là khiếu nại, theo Luật Khiếu nại.",
        actor=desk.officer,
    )
    assert closed.state == State.NOT_ACCEPTED and closed.due_at is None
    with pytest.raises(ConflictError):
        services.feedback_classify(
            feedback=closed, classification=Classification.CONDUCT, actor=desk.officer
        )


def test_assign_reply_and_publish(desk, world):
    feedback = receive_feedback(desk)
    feedback = services.feedback_classify(
        feedback=feedback, classification=Classification.IN_COMPETENCE, actor=desk.leader
    )
    with pytest.raises(ValidationError):
        services.feedback_assign(feedback=feedback, assignee=world.outsider, actor=desk.leader)
    feedback = services.feedback_assign(
        feedback=feedback, assignee=desk.official, actor=desk.leader
    )
    other = member(UserFactory(roles=[Role.PROCESSING_OFFICIAL]), desk.agency)
    with pytest.raises(ForbiddenError):
        services.feedback_reply(feedback=feedback, reply="Đã xử lý.", actor=other)
    with pytest.raises(ValidationError):
        services.feedback_reply(feedback=feedback, reply="  ", actor=desk.official)
    with pytest.raises(ConflictError):
        services.feedback_publish(feedback=feedback, actor=desk.leader)
    replied = services.feedback_reply(
        feedback=feedback, reply="Cơ quan đã nhắc nhở cán bộ.", actor=desk.official
    )
    assert replied.state == State.REPLIED and replied.replied_by == desk.official
    with pytest.raises(ForbiddenError):
        services.feedback_publish(feedback=replied, actor=desk.official)
    published = services.feedback_publish(
        feedback=replied, summary="Hẹn trả kết quả nhiều lần.", actor=desk.leader
    )
    assert published.state == State.PUBLISHED and published.published_at
    assert list(selectors.published_replies(agency_id=desk.agency.pk)) == [published]
    verbs = set(ActivityEntry.objects.values_list("verb", flat=True))
    assert {"feedback.assigned", "feedback.replied", "feedback.published"} <= verbs


def test_pending_counts_for_managers_and_assignees(desk):
    now = timezone.now()
    old = receive_feedback(desk, at=now - dt.timedelta(days=40))
    receive_feedback(desk, at=now - dt.timedelta(hours=1))
    assert selectors.pending_for(user=desk.officer, now=now) == selectors.Pending(open=2, overdue=1)
    assert selectors.pending_for(user=desk.official, now=now) == selectors.Pending(0, 0)
    services.feedback_assign(feedback=old, assignee=desk.official, actor=desk.officer)
    assert selectors.pending_for(user=desk.official, now=now) == selectors.Pending(1, 1)


def test_dossiers_with_feedback_in_a_period(desk, world):
    first = receive(desk, desk.land, at(2, 9))
    second = receive(desk, desk.land, at(2, 10))
    third = receive(desk, desk.birth, at(2, 11))
    receive_feedback(desk, dossier=first, at=dt.datetime(2026, 3, 31, 23, 30, tzinfo=VIETNAM))
    receive_feedback(desk, dossier=first, at=at(10, 9))
    receive_feedback(desk, dossier=second, at=dt.datetime(2026, 4, 1, 0, 10, tzinfo=VIETNAM))
    refused = receive_feedback(desk, dossier=third, at=at(11, 9))
    services.feedback_classify(
        feedback=refused,
        classification=Classification.NOT_ACCEPTED,
        note="Không liên quan",
        actor=desk.officer,
    )
    receive_feedback(desk, at=at(12, 9))  # about no dossier
    march = selectors.dossier_ids_with_feedback(
        agency_ids=[desk.agency.pk], start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    assert march == {first.pk}
    april = selectors.dossier_ids_with_feedback(
        agency_ids=[desk.agency.pk], start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)
    )
    assert april == {second.pk}
    assert not selectors.dossier_ids_with_feedback(
        agency_ids=[world.chu_se_pc.pk], start=dt.date(2026, 3, 1), end=dt.date(2026, 4, 30)
    )
