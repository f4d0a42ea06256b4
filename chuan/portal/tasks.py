"""Background work of the portal link, run by the django-tasks worker (`manage.py db_worker`).

* `send_to_portal` drains the outbox; while messages wait for a retry it queues itself
  again for the earliest of them. A change at the desk queues it when its transaction
  commits.
* `pull_from_portal` reads the feed of online submissions, checks what the portal holds of
  the dossiers delivered since the last round, and queues itself again in
  `CHUAN_PORTAL_PULL_MINUTES` (`manage.py portal_pull --schedule` starts the chain).

Queuing is deduplicated: a task already waiting that would run as early is not queued twice.
Without a portal configured, nothing is queued and the tasks do nothing.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from django_tasks import task, task_backends
from django_tasks.base import Task

from chuan.portal.client import portal_enabled


def _waiting(task_obj: Task[Any, Any], run_after: datetime.datetime) -> bool:
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task_backends[task_obj.backend], DatabaseBackend):
        return False
    return (
        DBTaskResult.objects.filter(task_path=task_obj.module_path, status="READY")
        .filter(Q(run_after__lte=run_after) | Q(run_after=get_date_max()))
        .exists()
    )


def _queue(task_obj: Task[Any, Any], run_after: datetime.datetime | None) -> bool:
    backend = task_backends[task_obj.backend]
    moment = run_after or timezone.now()
    if _waiting(task_obj, moment):
        return False
    if run_after is not None and run_after > timezone.now():
        if not backend.supports_defer:
            return False
        task_obj = task_obj.using(run_after=run_after)
    task_obj.enqueue()
    return True


def schedule_send(run_after: datetime.datetime | None = None) -> bool:
    """Queue a drain of the outbox (at once by default); False if one already waits."""
    return portal_enabled() and _queue(send_to_portal, run_after)


def schedule_pull(now: datetime.datetime | None = None) -> bool:
    minutes = max(1, int(getattr(settings, "CHUAN_PORTAL_PULL_MINUTES", 5)))
    moment = (now or timezone.now()) + datetime.timedelta(minutes=minutes)
    return portal_enabled() and _queue(pull_from_portal, moment)


@task()
def send_to_portal() -> dict[str, int]:
    from chuan.portal.services import outbox_send

    if not portal_enabled():
        return {}
    result = outbox_send()
    if result.next_attempt_at is not None:
        schedule_send(max(result.next_attempt_at, timezone.now()))
    return {"sent": result.sent, "retried": result.retried, "failed": result.failed}


@task()
def pull_from_portal() -> dict[str, int]:
    from chuan.portal.client import PortalError
    from chuan.portal.services import links_check, submissions_pull

    if not portal_enabled():
        return {}
    try:
        pulled = submissions_pull()
        checked = links_check()
    except PortalError:
        # The portal is down: the chain goes on and tries again next round.
        return {"new": 0}
    finally:
        schedule_pull()
    return {"new": pulled.new, "malformed": pulled.malformed, "checked": checked.checked}
