"""The worker's tasks and the daily command: queued once, the chain goes on, a cron line
without the worker sends too."""

import datetime
from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from chuan.notifications.models import OutgoingMail
from chuan.notifications.tasks import (
    daily_reminders,
    next_reminders_at,
    schedule_daily,
    schedule_send,
    send_pending_mail,
)
from chuan.notifications.tests.support import only_kinds, provider, reminder

pytestmark = pytest.mark.django_db


def _queued(task: Any) -> int:
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").count()


def test_sending_is_queued_once(world: Any) -> None:
    assert schedule_send() is True
    assert schedule_send() is False
    assert _queued(send_pending_mail) == 1


def test_the_daily_chain(world: Any) -> None:
    with only_kinds(), provider("test", [reminder(world.secretary, 1)]):
        result = daily_reminders.call()
    assert result == {"reminders": 1, "mails": 1}
    assert _queued(send_pending_mail) == 1
    nxt = DBTaskResult.objects.get(task_path=daily_reminders.module_path)
    assert nxt.run_after == next_reminders_at()
    assert schedule_daily() is False  # already waiting
    assert send_pending_mail.call() == {"sent": 1, "retried": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_next_reminders_at_is_tomorrow_once_the_hour_passed(settings: Any) -> None:
    settings.CHUAN_REMINDERS_HOUR = 7
    tz = timezone.get_current_timezone()
    morning = datetime.datetime(2026, 12, 5, 6, 59, tzinfo=tz)
    later = datetime.datetime(2026, 12, 5, 7, 0, tzinfo=tz)
    assert next_reminders_at(morning) == datetime.datetime(2026, 12, 5, 7, 0, tzinfo=tz)
    assert next_reminders_at(later) == datetime.datetime(2026, 12, 6, 7, 0, tzinfo=tz)


def test_command_digest_and_send_now(world: Any) -> None:
    out = StringIO()
    with only_kinds(), provider("test", [reminder(world.secretary, 1)]):
        call_command("send_reminders", "--date", "05/12/2026", "--send-now", stdout=out)
        call_command("send_reminders", "--date", "05/12/2026", "--send-now", stdout=out)
    assert "05/12/2026: 1 reminders kept of 1, 1 e-mails written." in out.getvalue()
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().digest_on == datetime.date(2026, 12, 5)


def test_command_queues_for_the_worker_and_schedules(world: Any) -> None:
    out = StringIO()
    with only_kinds():
        call_command("send_reminders", stdout=out)
    assert _queued(send_pending_mail) == 1
    call_command("send_reminders", "--schedule", stdout=out)
    call_command("send_reminders", "--schedule", stdout=out)
    assert "already queued" in out.getvalue()
    assert _queued(daily_reminders) == 1


@pytest.mark.parametrize("bad", ["31/02/2026", "tomorrow", "2026-13-01"])
def test_command_refuses_a_bad_date(db: Any, bad: str) -> None:
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", bad)
