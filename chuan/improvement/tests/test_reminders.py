"""Reminders of actions under way: due within five working days or overdue, to their owner;
not before the request is approved, not once done."""

import datetime
from typing import Any

import pytest

from chuan.calendars.selectors import working_calendar
from chuan.improvement.choices import NcState
from chuan.improvement.reminders import KIND, action_reminders
from chuan.improvement.tests.nc_factories import cast, walk_to
from chuan.notifications.registry import KINDS

pytestmark = pytest.mark.django_db


def test_registered_from_the_app() -> None:
    assert KINDS[KIND].provider is action_reminders


def test_actions_due_soon_or_overdue_go_to_their_owner(world: Any) -> None:
    c = cast(world)
    nc = walk_to(c, NcState.APPROVED)
    first, second = nc.actions.order_by("due_on")
    # A day the first is due within five working days and the second is not.
    calendar = working_calendar(None)
    on = next(
        first.due_on - datetime.timedelta(days=back)
        for back in range(10)
        if first.due_on
        <= calendar.working_day_after(first.due_on - datetime.timedelta(days=back), 5)
        < second.due_on
    )
    reminders = list(action_reminders(on))
    assert [r.key for r in reminders] == [f"qms-action:{first.pk}"]
    (reminder,) = reminders
    assert reminder.user_id == c.owner.pk and reminder.due_on == first.due_on
    assert not reminder.overdue
    assert reminder.url == nc.get_absolute_url()
    assert nc.code in str(reminder.title)
    late = {r.key: r for r in action_reminders(second.due_on + datetime.timedelta(days=1))}
    assert late[f"qms-action:{first.pk}"].overdue and late[f"qms-action:{second.pk}"].overdue


def test_not_before_approval_nor_after_done(world: Any) -> None:
    c = cast(world)
    planned = walk_to(c, NcState.PLANNED)
    far = max(a.due_on for a in planned.actions.all()) + datetime.timedelta(days=30)
    assert list(action_reminders(far)) == []
    walk_to(c, NcState.IMPLEMENTED)
    assert list(action_reminders(far)) == []


def test_one_query(world: Any, django_assert_max_num_queries: Any) -> None:
    c = cast(world)
    nc = walk_to(c, NcState.APPROVED)
    on = max(a.due_on for a in nc.actions.all())
    list(action_reminders(on))  # the working calendar is built once
    with django_assert_max_num_queries(2):
        assert len(list(action_reminders(on))) == 2
