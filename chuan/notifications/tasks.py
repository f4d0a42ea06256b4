"""Background work of notifications, run by the django-tasks worker
(`manage.py run_worker`, started by `make run` beside gunicorn).

* `send_pending_mail` sends the outbox; while mails wait for a retry it queues itself again
  for the earliest of them. `send_pending_sms` does the same for the SMS outbox.
* `daily_reminders` builds the day's digest, queues the sending, and queues itself for the
  next day at `CHUAN_REMINDERS_HOUR` (`manage.py send_reminders --schedule` starts the
  chain; a cron line calling `manage.py send_reminders` does the same without it).

Queuing is deduplicated: a task already waiting that would run as early is not queued twice
(`chuan.core.tasks.task_waiting`, on the database queue and on Redis alike).
"""

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from django_tasks import task, task_backends
from django_tasks.base import Task

from chuan.core.tasks import task_waiting
from chuan.notifications.services.digest import digest_build
from chuan.notifications.services.outbox import outbox_send_pending
from chuan.notifications.services.sms_outbox import sms_send_pending


def _queue(task_obj: Task[Any, Any], run_after: datetime.datetime | None) -> bool:
    """Queue `task_obj` to run at `run_after` (None: now) unless it already waits."""
    backend = task_backends[task_obj.backend]
    moment = run_after or timezone.now()
    if task_waiting(task_obj, moment):
        return False
    if run_after is not None and run_after > timezone.now():
        if not backend.supports_defer:
            # A backend that cannot wait (the immediate one) would loop: leave the retry to
            # the next scheduled run.
            return False
        task_obj = task_obj.using(run_after=run_after)
    task_obj.enqueue()
    return True


def schedule_send(run_after: datetime.datetime | None = None) -> bool:
    """Queue a sending of the outbox (at once by default); False if one already waits."""
    return _queue(send_pending_mail, run_after)


def schedule_sms(run_after: datetime.datetime | None = None) -> bool:
    """Queue a sending of the SMS outbox (at once by default); False if one already waits."""
    return _queue(send_pending_sms, run_after)


def next_reminders_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next CHUAN_REMINDERS_HOUR o'clock, local time, strictly after `now`."""
    local = timezone.localtime(now or timezone.now())
    hour = min(max(int(getattr(settings, "CHUAN_REMINDERS_HOUR", 7)), 0), 23)
    moment = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if moment <= local:
        moment = (local + datetime.timedelta(days=1)).replace(
            hour=hour, minute=0, second=0, microsecond=0
        )
    return moment


def schedule_daily(now: datetime.datetime | None = None) -> bool:
    """Queue the next daily digest unless one already waits; False if it did."""
    return _queue(daily_reminders, next_reminders_at(now))


@task()
def send_pending_mail() -> dict[str, int]:
    result = outbox_send_pending()
    if result.next_attempt_at is not None:
        schedule_send(max(result.next_attempt_at, timezone.now()))
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed}


@task()
def send_pending_sms() -> dict[str, int]:
    result = sms_send_pending()
    if result.next_attempt_at is not None:
        schedule_sms(max(result.next_attempt_at, timezone.now()))
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed}


@task()
def daily_reminders() -> dict[str, int]:
    try:
        result = digest_build(on=timezone.localdate())
        schedule_send()
    finally:
        # The chain goes on even after a bad day.
        schedule_daily()
    return {"reminders": result.stored, "mails": result.mails}
