"""The background queue as the rest of Chuẩn sees it, whichever backend carries it.

django-tasks runs the work that leaves a request (mail, reminders) on the queue chosen by
`CHUAN_TASKS_BACKEND`: its database backend on one machine, RQ on Redis past it
(`settings.py`). `manage.py run_worker` starts the right worker; `manage.py worker_ping`
proves a worker is taking jobs (deployment checks, `deploy/smoke.sh`).

`task_waiting` answers "is this task already queued to run by then?" on both backends, so a
self-scheduling chain (the daily reminders) is not doubled when several nodes start it.
"""

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from django_tasks import task, task_backends
from django_tasks.base import Task

# At most this many queued jobs are looked at to find a twin: a queue that long is busy
# with mail, and one more digest run costs nothing (the services do not send twice).
_SCAN = 1000


@task()
def ping(token: str) -> str:
    """A task that does nothing but answer: a worker took it and ran it."""
    return token


def _waiting_in_database(task_obj: Task[Any, Any], run_after: datetime.datetime) -> bool:
    from django_tasks_db.models import DBTaskResult, get_date_max

    # A task queued without a time is stored with the largest date: it runs at once.
    return (
        DBTaskResult.objects.filter(task_path=task_obj.module_path, status="READY")
        .filter(Q(run_after__lte=run_after) | Q(run_after=get_date_max()))
        .exists()
    )


def _waiting_in_redis(task_obj: Task[Any, Any], run_after: datetime.datetime) -> bool:
    import django_rq
    from rq.job import Job
    from rq.registry import ScheduledJobRegistry

    queue = django_rq.get_queue(task_obj.queue_name)
    connection = queue.connection
    scheduled = ScheduledJobRegistry(queue=queue)
    ids = [
        job_id.decode() if isinstance(job_id, bytes) else str(job_id)
        for job_id in connection.zrangebyscore(
            scheduled.key, 0, int(run_after.timestamp()), start=0, num=_SCAN
        )
    ]
    ids += queue.get_job_ids(0, _SCAN - 1)
    jobs = Job.fetch_many(ids, connection=connection) if ids else []
    return any(job is not None and job.func_name == task_obj.module_path for job in jobs)


def task_waiting(task_obj: Task[Any, Any], run_after: datetime.datetime | None = None) -> bool:
    """Whether `task_obj` is already queued, not yet run, to run by `run_after` (now)."""
    moment = run_after or timezone.now()
    backend = task_backends[task_obj.backend]
    path = f"{type(backend).__module__}.{type(backend).__name__}"
    if path.startswith("django_tasks_db."):
        return _waiting_in_database(task_obj, moment)
    if path.startswith("django_tasks_rq."):
        return _waiting_in_redis(task_obj, moment)
    return False
