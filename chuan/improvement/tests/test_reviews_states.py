"""Every state × action of a management review (ISO 9001:2015, 9.3), through the services."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from chuan.core.exceptions import ConflictError, ForbiddenError
from chuan.core.models import ActivityEntry
from chuan.improvement.choices import ActionState, ReviewState
from chuan.improvement.review_states import TRANSITIONS, next_state
from chuan.improvement.services import reviews as services
from chuan.improvement.tests.reviews_support import plan

pytestmark = pytest.mark.django_db

STATES = list(ReviewState.values)


def _to(world, state):
    review = plan(world)
    if state in (ReviewState.COMPILED, ReviewState.HELD, ReviewState.APPROVED):
        review = services.review_compile(review=review, actor=world.secretary)
    if state in (ReviewState.HELD, ReviewState.APPROVED):
        review = services.review_record_minutes(
            review=review, minutes="Cuộc họp kết luận", actor=world.secretary
        )
    if state == ReviewState.APPROVED:
        review = services.review_approve(review=review, actor=world.leader)
    assert review.state == state
    return review


def _do(world, review, action):
    if action == "compile":
        return services.review_compile(review=review, actor=world.secretary)
    if action == "comment":
        return services.review_comment(review=review, key="c", comment="Tốt", actor=world.secretary)
    if action == "record_minutes":
        return services.review_record_minutes(
            review=review, minutes="Kết luận", actor=world.secretary
        )
    if action == "add_output":
        services.review_action_add(
            review=review,
            description="Rà soát quy trình",
            owner=world.viewer,
            due_on=dt.date(2026, 6, 30),
            actor=world.secretary,
        )
        return services.review_decision_add(
            review=review, text="Bổ sung nhân lực", actor=world.secretary
        )
    return services.review_approve(review=review, actor=world.leader)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_every_state_and_action(world, state, action):
    review = _to(world, state)
    before = ActivityEntry.objects.count()
    expected = next_state(state, action)
    if expected is None:
        with pytest.raises(ConflictError):
            _do(world, review, action)
        review.refresh_from_db()
        assert review.state == state
        assert ActivityEntry.objects.count() == before
    else:
        _do(world, review, action)
        review.refresh_from_db()
        assert review.state == expected
        assert ActivityEntry.objects.count() > before


def test_only_the_chair_approves(world):
    review = _to(world, ReviewState.HELD)
    for someone in (world.secretary, world.viewer, world.outsider):
        with pytest.raises(ForbiddenError):
            services.review_approve(review=review, actor=someone)
    review.refresh_from_db()
    assert review.state == ReviewState.HELD


def test_planning_refuses_a_chair_who_is_not_a_leader(world):
    with pytest.raises(ValidationError) as error:
        plan(
            world,
            chair=world.secretary,
            secretary=world.outsider,
            attendees=[world.outsider],
            title=" ",
        )
    assert set(error.value.message_dict) == {"chair", "secretary", "attendees", "title"}
    with pytest.raises(ValidationError) as error:
        plan(world, period_end=dt.date(2026, 1, 1))
    assert set(error.value.message_dict) == {"period_end"}


def test_viewer_and_outsider_change_nothing(world):
    review = _to(world, ReviewState.COMPILED)
    for someone in (world.viewer, world.outsider):
        with pytest.raises(PermissionDenied):
            services.review_compile(review=review, actor=someone)
        with pytest.raises(PermissionDenied):
            services.review_comment(review=review, key="a", comment="x", actor=someone)


def test_actions_are_completed_by_their_owner(world):
    review = _to(world, ReviewState.HELD)
    action = services.review_action_add(
        review=review,
        description="Cập nhật quy trình",
        owner=world.viewer,
        due_on=dt.date(2026, 5, 4),
        actor=world.secretary,
    )
    with pytest.raises(PermissionDenied):
        services.review_action_complete(action=action, result="", actor=world.outsider)
    done = services.review_action_complete(
        action=action, result="Đã ban hành", actor=world.viewer, today=dt.date(2026, 5, 2)
    )
    assert done.state == ActionState.DONE and done.done_on == dt.date(2026, 5, 2)
    with pytest.raises(ConflictError):
        services.review_action_complete(action=action, result="", actor=world.viewer)
    with pytest.raises(ValidationError) as error:
        services.review_action_add(
            review=review,
            description="",
            owner=world.outsider,
            due_on=dt.date(2026, 1, 1),
            actor=world.secretary,
        )
    assert set(error.value.message_dict) == {"description", "owner", "due_on"}
